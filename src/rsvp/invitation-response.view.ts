import { InvitationResponseView } from './dto/invitation-response.view';
import { InvitationResponse } from './invitation-response.entity';

/** Needs the substitute and the recorder loaded. */
export function toInvitationResponseView(response: InvitationResponse): InvitationResponseView {
  const { substitute, recordedBy } = response;
  return {
    id: response.id,
    answer: response.answer,
    source: response.source,
    note: response.note,
    substitute: substitute
      ? { id: substitute.id, fullName: substitute.fullName, email: substitute.email }
      : null,
    recordedBy: recordedBy ? { id: recordedBy.id, name: recordedBy.name } : null,
    createdAt: response.createdAt,
  };
}
