import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AudienceResolver } from '../rounds/audience-resolver';
import { RoundSession } from '../rounds/round-session.entity';
import { SessionStatus } from '../rounds/session-kind';
import { Step } from './step.entity';

const INSERT_CHUNK = 1000;

/**
 * Resolves the audience of the round's planned sessions and writes the
 * invitations that do not exist yet, marked with the invite step that wrote
 * them. Safe to run again after a crash: existing invitations are kept. A
 * withdrawn invitation of someone the audience names again is revived for
 * this step, as a new invitation in their own right.
 */
@Injectable()
export class InvitationWriter {
  constructor(private readonly audience: AudienceResolver) {}

  async writeFor(em: EntityManager, step: Step): Promise<void> {
    const sessions = await em.find(RoundSession, {
      round: step.round,
      status: SessionStatus.Planned,
    });
    const audience = await this.audience.resolve(sessions.map((s) => s.id));
    const rows = [...audience].flatMap(([sessionId, contacts]) =>
      contacts.map((contact) => [randomUUID(), sessionId, contact.id, step.id]),
    );
    const connection = em.getConnection();
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK);
      await connection.execute(
        `insert into invitation (id, session_id, contact_id, invite_step_id, status, created_at)
         values ${chunk.map(() => `(?, ?, ?, ?, 'pending', now())`).join(', ')}
         on conflict (session_id, contact_id) do update
           set status = 'pending', responded_at = null, withdrawn_at = null,
               substitute_for_id = null, invite_step_id = excluded.invite_step_id
         where invitation.status = 'withdrawn'`,
        chunk.flat(),
      );
    }
  }
}
