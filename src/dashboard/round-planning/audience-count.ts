import { Injectable } from '@nestjs/common';
import { AudienceResolver } from '../../rounds/audience-resolver';
import { RoundSession } from '../../rounds/round-session.entity';
import { AudienceIds, audienceIdsOf } from '../../rounds/session-audience';
import { SessionStatus } from '../../rounds/session-kind';
import { isUuid } from './audience-picker';

/** How many people a session form would invite, and the round with it. */
export interface AudienceCountView {
  session: number;
  round: number;
}

const FORM = 'form';

/**
 * The live count of the planning form: the audience being ticked, resolved
 * to people by the same resolver the invitations use (current committee
 * members, active contacts of the institutions, single contacts, opted-out
 * and archived people left out), and the distinct people of the whole
 * round once the form is saved.
 */
@Injectable()
export class AudienceCount {
  constructor(private readonly resolver: AudienceResolver) {}

  /**
   * `sessions` are the round's sessions with their audiences loaded;
   * `editing` is the one the form replaces, or null for a new session.
   */
  async count(
    sessions: RoundSession[],
    form: AudienceIds,
    editing: string | null,
  ): Promise<AudienceCountView> {
    const audiences = new Map<string, AudienceIds>(
      sessions
        .filter((session) => session.status === SessionStatus.Planned && session.id !== editing)
        .map((session) => [session.id, audienceIdsOf(session)]),
    );
    audiences.set(FORM, {
      committeeIds: form.committeeIds.filter(isUuid),
      institutionIds: form.institutionIds.filter(isUuid),
      contactIds: form.contactIds.filter(isUuid),
    });
    const people = await this.resolver.resolveAudiences(audiences);
    const everyone = new Set<string>();
    for (const contacts of people.values()) {
      for (const contact of contacts) everyone.add(contact.id);
    }
    return { session: people.get(FORM)?.length ?? 0, round: everyone.size };
  }
}
