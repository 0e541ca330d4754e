import { randomBytes } from 'node:crypto';
import { NarrativeBlock } from './api-views';
import { DemoCast, demoCast, inviteesOf } from './demo-cast';
import { DemoStory, playStory } from './demo-story';
import { DEMO_TIMING, DemoTiming } from './demo-timing';
import { FushataApi } from './fushata-api';
import { Inbox } from './inbox';
import { DemoRound, planDemoRound } from './plan-demo-round';
import { printReport } from './report-summary';
import { RoundWatcher, stepLabel } from './round-watcher';
import { Timeline } from './timeline';

export interface DemoOptions {
  /** Where Fushata answers. */
  baseUrl: string;
  admin: { email: string; password: string };
  /** Where Fushata's e-mail lands. */
  inbox: Inbox;
  timing?: DemoTiming;
  /** Where the timeline goes: standard output by default. */
  write?: (line: string) => void;
}

export interface DemoResult {
  runId: string;
  cast: DemoCast;
  round: DemoRound;
  narrative: NarrativeBlock[];
}

/**
 * Plays one round from invitation to report against a running Fushata,
 * printing the timeline as it goes; rejects with a DemoFailure saying what
 * did not happen in time.
 */
export async function playDemoRound(options: DemoOptions): Promise<DemoResult> {
  const timing = options.timing ?? DEMO_TIMING;
  const timeline = new Timeline(options.write ?? ((line) => process.stdout.write(`${line}\n`)));
  const runId = randomBytes(3).toString('hex');
  const cast = demoCast(runId);
  timeline.say(`Fushata demo ${runId}: a round in ${cast.county} against ${options.baseUrl}`);
  timeline.say(`(e-mail read from ${options.inbox.location})`);
  // Read once before anything is created, so a missing inbox fails the demo before it starts.
  await options.inbox.list();
  const api = await FushataApi.signIn(options.baseUrl, options.admin.email, options.admin.password);
  timeline.event(`signed in as ${options.admin.email}`);

  const round = await planDemoRound(api, cast, timing, runId);
  timeline.event(
    `scheduled the round: one session from ${timeline.at(round.startsAt)} to ${timeline.at(round.endsAt)}, ` +
      `${cast.staff.name} in charge, ${inviteesOf(cast).length} invited`,
  );
  for (const step of round.schedule.steps) {
    timeline.detail(`${stepLabel(step).padEnd(40)} due ${timeline.at(new Date(step.dueAt))}`);
  }

  const ours = `.${runId}@`;
  const watcher = new RoundWatcher(api, options.inbox, timeline, round.roundId, (address) =>
    address.includes(ours),
  );
  watcher.start(round.schedule);
  const story: DemoStory = { api, cast, timing, round, watcher, timeline };
  const reportMail = await playStory(story).finally(() => watcher.stop());
  const narrative = await printReport(api, timeline, options.inbox, round.roundId, reportMail);
  return { runId, cast, round, narrative };
}
