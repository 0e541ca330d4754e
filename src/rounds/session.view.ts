import { SessionView } from './dto/session.view';
import { localDateTime } from './local-time';
import { RoundSession } from './round-session.entity';

/** Needs the three audience collections loaded (references are enough). */
export function toSessionView(session: RoundSession, timeZone: string): SessionView {
  const ids = (items: { id: string }[]) => items.map((item) => item.id);
  const committeeIds = ids(session.audienceCommittees.getItems());
  const institutionIds = ids(session.audienceInstitutions.getItems());
  const contactIds = ids(session.audienceContacts.getItems());
  return {
    id: session.id,
    roundId: session.round.id,
    titleSq: session.titleSq,
    titleEn: session.titleEn,
    kind: session.kind,
    status: session.status,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    local: {
      startsAt: localDateTime(session.startsAt, timeZone),
      endsAt: localDateTime(session.endsAt, timeZone),
      timeZone,
    },
    venueSq: session.venueSq,
    venueEn: session.venueEn,
    topicsSq: session.topicsSq,
    topicsEn: session.topicsEn,
    capacity: session.capacity,
    walkInsCounted: session.walkInsCounted,
    sequence: session.sequence,
    audience: {
      committeeIds,
      institutionIds,
      contactIds,
      committeeCount: committeeIds.length,
      institutionCount: institutionIds.length,
      contactCount: contactIds.length,
    },
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
  };
}
