import { MessageView, Page, ScheduleView, StepView } from './api-views';
import { DemoFailure } from './demo-failure';
import { FushataApi } from './fushata-api';
import { Inbox, InboxMail } from './inbox';
import { Timeline } from './timeline';

/** Often enough for a timeline read in seconds, rarely enough to leave the API alone. */
const POLL_MS = 400;

/** What a step does, in words. */
export function stepLabel(step: StepView): string {
  switch (step.kind) {
    case 'invite':
      return 'invitation';
    case 'remind':
      return step.audience === 'accepted'
        ? 'reminder to those who accepted'
        : 'reminder to those who have not answered';
    case 'attendance_opens':
      return 'attendance sheet opens';
    case 'follow_up':
      return 'follow-up';
    default:
      return step.kind.replace(/_/g, ' ');
  }
}

/**
 * Watches a scheduled round while the story plays: polls the inbox, the
 * round's steps and its sent messages, prints each e-mail of the run as it
 * lands and each change of a step's status, and lets the story wait for an
 * e-mail to arrive. An e-mail is known by its template when Fushata recorded
 * it as sent with the same recipient and subject: the inbox says what
 * arrived, the API says what it was.
 */
export class RoundWatcher {
  private readonly mails = new Map<string, InboxMail>();
  private readonly steps = new Map<string, StepView>();
  private sent: MessageView[] = [];
  private failure: unknown = null;
  private stopped = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: FushataApi,
    private readonly inbox: Inbox,
    private readonly timeline: Timeline,
    private readonly roundId: string,
    /** Whether an address is one of this run's, so the inbox's other mail is left out. */
    private readonly isOurs: (address: string) => boolean,
  ) {}

  /** Starts watching from the schedule as it was planned; later changes are printed. */
  start(schedule: ScheduleView): void {
    for (const step of schedule.steps) this.steps.set(step.id, step);
    this.loop = this.watch();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  /** Every e-mail of the run seen so far, in the order they arrived. */
  get seen(): InboxMail[] {
    return [...this.mails.values()];
  }

  /** The e-mail made from `template` for `address`, once it is both recorded as sent and in the inbox. */
  delivered(template: string, address: string): InboxMail | undefined {
    const subjects = this.sent
      .filter((message) => message.template === template && message.recipient === address)
      .map((message) => message.subject);
    return this.seen.find((mail) => mail.to.includes(address) && subjects.includes(mail.subject));
  }

  step(kind: string): StepView | undefined {
    return [...this.steps.values()].find((step) => step.kind === kind);
  }

  /**
   * Waits until `check` finds something; past `deadline`, fails naming what
   * was awaited and where the round's steps stood.
   */
  async until<T>(what: string, check: () => T | undefined, deadline: Date): Promise<T> {
    for (;;) {
      if (this.failure) throw this.failure;
      const found = check();
      if (found !== undefined) return found;
      if (Date.now() > deadline.getTime()) {
        const steps = [...this.steps.values()]
          .map((step) => `${stepLabel(step)} ${step.status}${step.note ? ` (${step.note})` : ''}`)
          .join('; ');
        throw new DemoFailure(
          `Timed out at ${this.timeline.at(Date.now())} waiting for ${what}. The round's steps: ${steps}.`,
        );
      }
      await sleep(100);
    }
  }

  private async watch(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.poll();
      } catch (error) {
        this.failure = error;
        return;
      }
      await sleep(POLL_MS);
    }
  }

  private async poll(): Promise<void> {
    const [inbox, schedule, sent] = await Promise.all([
      this.inbox.list(),
      this.api.get<ScheduleView>(`/api/rounds/${this.roundId}/steps`),
      this.api.get<Page<MessageView>>(`/api/rounds/${this.roundId}/messages?status=sent&limit=200`),
    ]);
    this.sent = sent.items.map((message) => ({
      ...message,
      recipient: message.recipient.toLowerCase(),
    }));
    for (const mail of inbox) {
      if (this.mails.has(mail.id) || !mail.to.some(this.isOurs)) continue;
      this.mails.set(mail.id, mail);
      this.timeline.event(`e-mail to ${mail.to.join(', ')}: “${mail.subject}”`);
    }
    for (const step of schedule.steps) {
      const before = this.steps.get(step.id);
      this.steps.set(step.id, step);
      if (before?.status === step.status) continue;
      const count = Object.values(step.messages).reduce((sum, n) => sum + n, 0);
      this.timeline.event(
        `step ${stepLabel(step)}: ${before ? `${before.status} → ` : ''}${step.status}` +
          (step.status === 'done' ? `, ${count} e-mail${count === 1 ? '' : 's'}` : '') +
          (step.note ? ` (${step.note})` : ''),
      );
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
