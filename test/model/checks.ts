import { signId } from '../../src/rsvp/signed-id-token';
import { describeState, timeRange, ToldEvent, ToldMail, WORDING } from './told-mail';
import { Answer, Language, RoundModel, sameState, stateIn, tiranaDay } from './model';

function uidOf(sessionId: string, contactId: string): string {
  return `session-${sessionId}.contact-${contactId}@`;
}

function differs(a: ToldEvent, b: ToldEvent): boolean {
  return a.method !== b.method || !sameState(a, b);
}

/**
 * A session's block of an e-mail's text: the session list puts a blank line
 * between sessions, and each live session's block holds its own RSVP link.
 */
function blockOf(text: string, invitationId: string, appSecret: string): string | undefined {
  const link = `/rsvp/${signId('rsvp', invitationId, appSecret)}`;
  return text.split(/\r?\n[ \t]*\r?\n/).find((block) => block.includes(link));
}

function hasLineStarting(block: string, prefix: string): boolean {
  return block.split(/\r?\n/).some((line) => line.trimStart().startsWith(prefix));
}

/**
 * What a change notice's block must say of one session against what its
 * reader was told before: a Was and a Now line for each of times, title and
 * venue that changed, none for what did not.
 */
function changeLineBreaches(
  block: string,
  event: ToldEvent,
  previous: ToldEvent,
  language: Language,
): string[] {
  const words = WORDING[language];
  const breaches: string[] = [];
  const expect = (line: string) => {
    if (!block.split(/\r?\n/).some((l) => l.trim() === line.trim()))
      breaches.push(`lacks "${line}"`);
  };
  const refuse = (prefix: string, why: string) => {
    if (hasLineStarting(block, prefix)) breaches.push(`has a "${prefix}" line, ${why}`);
  };
  if (event.startsAt !== previous.startsAt || event.endsAt !== previous.endsAt) {
    expect(`${words.was}${timeRange(previous, language)}`);
    expect(`${words.now}${timeRange(event, language)}`);
  } else refuse(words.was, 'yet the times are as they were told');
  if (event.title !== previous.title) expect(`${words.titleWas}${previous.title}`);
  else refuse(words.titleWas, 'yet the title is as it was told');
  if (event.venue !== previous.venue) {
    expect(`${words.venueWas}${previous.venue}`);
    expect(`${words.venueNow}${event.venue}`);
  } else refuse(words.venueWas, 'yet the venue is as it was told');
  return breaches;
}

/**
 * Every way the e-mails a run's people received break the contract, read per
 * person and per calendar UID once the queues are drained. Empty when they hold.
 */
export function contractBreaches(
  model: RoundModel,
  mails: ToldMail[],
  appSecret: string,
): string[] {
  const breaches: string[] = [];
  for (const person of model.people) {
    const theirs = mails.filter((m) => m.to === person.email.toLowerCase());
    if (person.optedOutAt !== undefined) {
      for (const mail of theirs.filter((m) => m.receivedAt > (person.optedOutAt as number)))
        breaches.push(`${person.email}: "${mail.subject}" arrived after the opt-out`);
    }
    for (const session of model.sessions) {
      const answer = person.answers.get(session.id);
      if (!answer) continue;
      const invitationId = person.invitationOf.get(session.id) as string;
      const uid = uidOf(session.id, person.contactId);
      const told = theirs.flatMap((mail) =>
        mail.events.filter((e) => e.uid.startsWith(uid)).map((event) => ({ mail, event })),
      );
      const who = `${person.email} about session ${model.sessions.indexOf(session)}`;
      let cancelled = false;
      let delegated = false;
      /** The answer the person was last told stands, as they would read it. */
      let toldAnswer: Answer | undefined;
      // Someone who took their seat back may hear of the session again, even if the
      // confirmation of that answer never left (the session was called off first).
      const tookSeatBack = answer !== 'delegated' && answer !== 'withdrawn';
      told.forEach(({ mail, event }, i) => {
        const label = `${who}, e-mail ${i + 1} "${mail.subject}" (${describeState(event)})`;
        // After a delegation only the confirmation of a new answer (a seat taken back) may come.
        if (cancelled || (delegated && !mail.answer && !tookSeatBack))
          breaches.push(`${label}: arrived after a ${cancelled ? 'cancellation' : 'delegation'}`);
        if (mail.kind === 'cancellation-notice') {
          if (i === 0) breaches.push(`${label}: a cancellation to someone never told`);
          cancelled = true;
        }
        if (mail.kind === 'invitation') toldAnswer = 'pending';
        if (mail.answer) toldAnswer = mail.answer;
        if (mail.answer) delegated = mail.answer === 'delegated';
        if (i === 0) {
          if (event.sequence !== 0) breaches.push(`${label}: first SEQUENCE ${event.sequence}`);
          return;
        }
        const previous = told[i - 1].event;
        if (differs(event, previous) && event.sequence <= previous.sequence)
          breaches.push(
            `${label}: says something new but SEQUENCE ${event.sequence} after ${previous.sequence}`,
          );
        if (!differs(event, previous) && event.sequence !== previous.sequence)
          breaches.push(
            `${label}: says nothing new but SEQUENCE ${event.sequence} after ${previous.sequence}`,
          );
        if (mail.kind !== 'change-notice') return;
        if (!differs(event, previous))
          breaches.push(`${label}: a change notice repeating what they were told`);
        if (event.method === 'CANCEL') return;
        const block = blockOf(mail.text, invitationId, appSecret);
        if (!block) {
          breaches.push(`${label}: no block in the text with their RSVP link`);
          return;
        }
        for (const breach of changeLineBreaches(block, event, previous, person.language))
          breaches.push(`${label}: ${breach}`);
        if (block.includes(WORDING[person.language].answerReset)) {
          if (toldAnswer !== 'accepted' && toldAnswer !== 'declined' && toldAnswer !== 'delegated')
            breaches.push(`${label}: says their answer no longer holds, told ${toldAnswer}`);
          if (tiranaDay(event.startsAt) === tiranaDay(previous.startsAt))
            breaches.push(`${label}: says their answer no longer holds, on the same day`);
          toldAnswer = 'pending';
        }
      });
      const last = told.at(-1)?.event;
      if (person.optedOut || answer === 'delegated') continue;
      if (answer === 'withdrawn') {
        // Told of the session, they are told it is off for them, last; never told, nothing.
        // Someone last told they sent a colleague hears nothing more (the colleague is told).
        const lastMail = told.at(-1)?.mail;
        if (lastMail && toldAnswer !== 'delegated' && lastMail.kind !== 'cancellation-notice')
          breaches.push(`${who}: last told "${lastMail.subject}", but the invitation is withdrawn`);
        continue;
      }
      if (session.cancelled) {
        if (last && last.method !== 'CANCEL')
          breaches.push(`${who}: last told ${describeState(last)}, but the session is cancelled`);
        continue;
      }
      if (!last) {
        breaches.push(`${who}: never told of a live session`);
        continue;
      }
      // A move to another day voids an answer: the person must have read that it no longer holds.
      if (toldAnswer !== answer)
        breaches.push(`${who}: last told their answer is ${toldAnswer}, it is ${answer}`);
      // A calendar keeps whole seconds.
      const final = {
        ...stateIn(session, person.language),
        startsAt: Math.floor(session.startsAt / 1000) * 1000,
        endsAt: Math.floor(session.endsAt / 1000) * 1000,
        method: answer === 'declined' ? last.method : 'REQUEST',
      };
      if (last.method !== final.method || !sameState(last, final))
        breaches.push(`${who}: last told ${describeState(last)}, it is ${describeState(final)}`);
    }
  }
  return breaches;
}
