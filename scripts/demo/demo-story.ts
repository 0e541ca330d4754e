import { InvitationView, Page } from './api-views';
import { DemoCast, inviteesOf } from './demo-cast';
import { DemoFailure } from './demo-failure';
import { DemoTiming } from './demo-timing';
import { FushataApi } from './fushata-api';
import { InboxMail } from './inbox';
import { DemoRound } from './plan-demo-round';
import { RoundWatcher } from './round-watcher';
import { answerOnPage, RsvpAnswer } from './rsvp-page';
import { Timeline } from './timeline';

/** Everything the story's steps share once the round is scheduled. */
export interface DemoStory {
  api: FushataApi;
  cast: DemoCast;
  timing: DemoTiming;
  round: DemoRound;
  watcher: RoundWatcher;
  timeline: Timeline;
}

/** The round from the invitations to the report e-mail, which it returns. */
export async function playStory(story: DemoStory): Promise<InboxMail> {
  await answerInvitations(story);
  await takeOffTheAudience(story);
  await awaitReminders(story);
  await recordTheDay(story);
  return awaitFollowUpAndReport(story);
}

/**
 * Each invitee answers through the link in their invitation: Arta accepts,
 * Ben declines, Dea sends Elira, who accepts through her own invitation, and
 * Gent and Fatos stay silent. All of it before the reminder, which is then Gent's alone
 * (Fatos is taken off the audience first).
 */
async function answerInvitations(story: DemoStory): Promise<void> {
  const { cast, watcher } = story;
  const invitees = inviteesOf(cast);
  const invitations = await watcher.until(
    'the invitations',
    () => all(invitees.map((invitee) => watcher.delivered('invitation', invitee.email))),
    graceAfter(story),
  );
  for (const [index, invitee] of invitees.entries()) {
    if (invitee.answer === null) continue;
    const colleague: Record<string, string> = {
      substituteName: cast.elira.fullName,
      substituteEmail: cast.elira.email,
      substitutePosition: cast.elira.position,
    };
    const typed = invitee.answer === 'delegate' ? colleague : {};
    await answer(story, invitee.fullName, invitations[index], invitee.answer, typed);
  }
  const eliraInvitation = await watcher.until(
    `${cast.elira.fullName}'s own invitation`,
    () => watcher.delivered('invitation', cast.elira.email),
    graceAfter(story),
  );
  await answer(story, cast.elira.fullName, eliraInvitation, 'accept');
  const answered = [
    ...invitees.filter((invitee) => invitee.answer !== null).map((invitee) => invitee.email),
    cast.elira.email,
  ];
  await watcher.until(
    'the confirmation of each answer',
    () => all(answered.map((email) => watcher.delivered('answer-confirmation', email))),
    graceAfter(story),
  );
}

/**
 * The office hears that Fatos has left the police and takes him off the
 * session's audience: his invitation is withdrawn and he is told so, with a
 * calendar CANCEL; the reminders then pass him by.
 */
async function takeOffTheAudience(story: DemoStory): Promise<void> {
  const { api, cast, round, watcher, timeline } = story;
  const staying = inviteesOf(cast).filter((invitee) => invitee !== cast.fatos);
  await api.patch(`/api/sessions/${round.sessionId}`, {
    audience: { contactIds: staying.map((invitee) => round.contactIdOf.get(invitee.email)) },
  });
  timeline.event(`the office takes ${cast.fatos.fullName} off the audience: he left the police`);
  await watcher.until(
    `${cast.fatos.fullName}'s notice that his invitation is withdrawn`,
    () => watcher.delivered('cancellation-notice', cast.fatos.email),
    graceAfter(story),
  );
}

/** Gent is reminded to answer; Arta and Elira, who accepted, are told "see you tomorrow". */
async function awaitReminders(story: DemoStory): Promise<void> {
  const { cast, watcher, timing, round } = story;
  await watcher.until(
    `the reminder to ${cast.gent.fullName}`,
    () => watcher.delivered('reminder', cast.gent.email),
    graceAfter(story, round.startsAt.getTime() - timing.remindNonRespondersBefore * 1000),
  );
  await watcher.until(
    `the reminder to ${cast.arta.fullName} and ${cast.elira.fullName}, who accepted`,
    () =>
      all(
        [cast.arta.email, cast.elira.email].map((email) =>
          watcher.delivered('day-before-reminder', email),
        ),
      ),
    graceAfter(story, round.startsAt.getTime() - timing.remindAcceptedBefore * 1000),
  );
}

/**
 * Once the session has started, the office records the day: Arta and
 * Elira present, a walk-in who leaves her address, the head count; then what
 * was handed out and what the room recommended.
 */
async function recordTheDay(story: DemoStory): Promise<void> {
  const { api, cast, round, timeline } = story;
  await new Promise((resolve) => setTimeout(resolve, round.startsAt.getTime() - Date.now()));
  timeline.event('the session starts');
  const invitations = await api.get<Page<InvitationView>>(
    `/api/rounds/${round.roundId}/invitations?limit=200`,
  );
  const invitationOf = (email: string) => {
    const found = invitations.items.find((invitation) => invitation.contact.email === email);
    if (!found) throw new DemoFailure(`No invitation to the session for ${email}`);
    return found.id;
  };
  await api.put(`/api/sessions/${round.sessionId}/attendance`, {
    invitees: [cast.arta.email, cast.elira.email].map((email) => ({
      invitationId: invitationOf(email),
      present: true,
    })),
    walkIns: [cast.walkIn],
    headCount: {
      total: 12,
      breakdown: [
        { label: 'institucione / institutions', count: 5 },
        { label: 'të rinj / young people', count: 7 },
      ],
      note: 'rreth 12, mes tyre 7 të rinj nga qendra rinore',
    },
  });
  timeline.event(
    `attendance recorded: ${cast.arta.fullName} and ${cast.elira.fullName} present, ` +
      `${cast.walkIn.fullName} walked in, head count 12`,
  );
  await api.post(`/api/rounds/${round.roundId}/materials`, {
    descriptionSq: 'fletëpalosje',
    descriptionEn: 'leaflets',
    quantity: 150,
    placesSq: 'në sallë dhe në qendrën rinore',
    placesEn: 'in the meeting room and at the youth centre',
    sessionId: round.sessionId,
  });
  await api.put(`/api/rounds/${round.roundId}/recommendations`, {
    items: [
      {
        textSq: 'Zyrat e punësimit të informojnë të rinjtë në shkolla për mundësitë e punës',
        textEn: 'Employment offices should tell young people at school about job opportunities',
      },
      {
        textSq: 'Policia dhe bashkia të ndajnë rastet e dyshuara të trafikimit brenda ditës',
        textEn:
          'The police and the municipality should share suspected trafficking cases the same day',
      },
    ],
  });
  timeline.event('recorded 150 leaflets handed out and 2 recommendations');
}

/** The thank-you to everyone present (the walk-in too), then the report to its recipient. */
async function awaitFollowUpAndReport(story: DemoStory): Promise<InboxMail> {
  const { cast, watcher, timing, round } = story;
  await watcher.until(
    'the follow-up to those present',
    () =>
      all(
        [cast.arta.email, cast.elira.email, cast.walkIn.email].map((email) =>
          watcher.delivered('follow-up-thanks', email),
        ),
      ),
    graceAfter(story, round.endsAt.getTime() + timing.followUpAfter * 1000),
  );
  return watcher.until(
    'the report e-mail',
    () =>
      watcher.step('report')?.status === 'done'
        ? watcher.delivered('round-report', cast.reportRecipient)
        : undefined,
    graceAfter(story, round.endsAt.getTime() + timing.reportAfter * 1000),
  );
}

async function answer(
  story: DemoStory,
  who: string,
  invitation: InboxMail,
  answer: RsvpAnswer,
  typed: Record<string, string> = {},
): Promise<void> {
  const given = await answerOnPage(rsvpLink(story, invitation, who), who, answer, typed);
  story.timeline.event(
    `${who} opens the link and presses “${given.button}”: ${given.confirmation}`,
  );
}

/**
 * The RSVP link of an invitation, on the Fushata the demo talks to: links
 * carry APP_URL, which names the public address and may not be this one
 * (a proxy in front, or the test's own port).
 */
function rsvpLink(story: DemoStory, mail: InboxMail, who: string): string {
  const link = /https?:\/\/\S+?(\/rsvp\/[\w-]+)/.exec(mail.text);
  if (!link) throw new DemoFailure(`${who}'s invitation “${mail.subject}” has no RSVP link`);
  return new URL(link[1], story.api.baseUrl).toString();
}

/** When to give up on what is due at `moment` (by default now: it should come at once). */
function graceAfter(story: DemoStory, moment = Date.now()): Date {
  return new Date(Math.max(moment, Date.now()) + story.timing.grace * 1000);
}

/** Every item, once none is missing. */
function all<T>(items: Array<T | undefined>): T[] | undefined {
  return items.every((item) => item !== undefined) ? (items as T[]) : undefined;
}
