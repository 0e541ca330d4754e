import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus } from '@nestjs/common';
import { Contact } from '../directory/contacts/contact.entity';
import { escapeLike } from '../directory/institutions/institutions.service';
import { Invitation } from '../rounds/invitation.entity';
import { AnswerProblem } from './answer-problem';

/** The colleague an invitee sends in their place, as they typed it. */
export interface SubstituteInput {
  fullName: string;
  email: string;
  position?: string | null;
}

/**
 * The colleague's invitation to the same session. An active contact with
 * that e-mail is the colleague, kept as the directory has them; otherwise a
 * contact is created at the invitee's institution, in the invitee's language.
 * An invitation the colleague already has is reused; a new one points back to
 * the original and belongs to the same invite step, as if that step had
 * invited them. Every check runs before the first write.
 */
export async function inviteSubstitute(
  em: EntityManager,
  original: Invitation,
  input: SubstituteInput,
): Promise<Invitation> {
  const invitee = original.contact;
  if (input.email.trim().toLowerCase() === invitee.email.trim().toLowerCase()) {
    throw new AnswerProblem(
      'substitute-is-invitee',
      HttpStatus.UNPROCESSABLE_ENTITY,
      'substitute.email',
      "is the invitee's own e-mail; give the colleague's",
    );
  }
  const known = await em.findOne(Contact, {
    email: { $ilike: escapeLike(input.email) },
    archivedAt: null,
  });
  if (known?.optedOut) {
    throw new AnswerProblem(
      'substitute-opted-out',
      HttpStatus.UNPROCESSABLE_ENTITY,
      'substitute.email',
      'belongs to a contact who asked to receive no campaign e-mails, so they cannot be invited',
    );
  }
  const existing =
    known && (await em.findOne(Invitation, { session: original.session, contact: known }));
  if (existing) return existing;

  const contact =
    known ??
    em.create(Contact, {
      fullName: input.fullName,
      email: input.email,
      position: input.position ?? null,
      institution: invitee.institution,
      language: invitee.language,
    });
  return em.create(Invitation, {
    session: original.session,
    contact,
    substituteFor: original,
    inviteStepId: original.inviteStepId,
  });
}
