import { describeState, timeRange, ToldEvent, ToldMail } from './told-mail';
import { RoundModel, sameState } from './model';

function uidOf(sessionId: string, contactId: string): string {
  return `session-${sessionId}.contact-${contactId}@`;
}

function differs(a: ToldEvent, b: ToldEvent): boolean {
  return a.method !== b.method || !sameState(a, b);
}

/**
 * Every way the e-mails a run's people received break the contract, read per
 * person and per calendar UID once the queues are drained. Empty when they hold.
 */
export function contractBreaches(model: RoundModel, mails: ToldMail[]): string[] {
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
      const uid = uidOf(session.id, person.contactId);
      const told = theirs.flatMap((mail) =>
        mail.events.filter((e) => e.uid.startsWith(uid)).map((event) => ({ mail, event })),
      );
      const who = `${person.email} about session ${model.sessions.indexOf(session)}`;
      let cancelled = false;
      let delegated = false;
      told.forEach(({ mail, event }, i) => {
        const label = `${who}, e-mail ${i + 1} "${mail.subject}" (${describeState(event)})`;
        if (cancelled || delegated)
          breaches.push(`${label}: arrived after a ${cancelled ? 'cancellation' : 'delegation'}`);
        if (mail.kind === 'cancellation-notice') {
          if (i === 0) breaches.push(`${label}: a cancellation to someone never told`);
          cancelled = true;
        }
        if (mail.kind === 'answer-confirmation' && /Kolegu/.test(mail.subject)) delegated = true;
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
        if (mail.kind === 'change-notice') {
          if (!differs(event, previous))
            breaches.push(`${label}: a change notice repeating what they were told`);
          if (
            (event.startsAt !== previous.startsAt || event.endsAt !== previous.endsAt) &&
            !mail.text.includes(`Ishte: ${timeRange(previous)}`)
          )
            breaches.push(`${label}: lacks "Ishte: ${timeRange(previous)}" (what they were told)`);
        }
      });
      const last = told.at(-1)?.event;
      if (person.optedOut || answer === 'delegated') continue;
      if (session.cancelled) {
        if (last && last.method !== 'CANCEL')
          breaches.push(`${who}: last told ${describeState(last)}, but the session is cancelled`);
        continue;
      }
      if (!last) {
        breaches.push(`${who}: never told of a live session`);
        continue;
      }
      // A calendar keeps whole seconds.
      const final = {
        ...session,
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
