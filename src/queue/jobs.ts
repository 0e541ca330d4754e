/**
 * Every queue and job Fushata has, declared once: producers and handlers
 * import these, and the dispatcher refuses to start when a job name has no
 * handler or two. Payloads carry ids only; the state lives in PostgreSQL.
 */
export enum QueueName {
  /** Round steps and the reconciler: few jobs, each may fan out thousands of messages. */
  Workflow = 'workflow',
  /** Batches of e-mails, rate-limited; an e-mail that fails for a while is retried alone, later. */
  Messages = 'messages',
}

export enum JobName {
  RunStep = 'run-step',
  SendMessages = 'send-messages',
  Reconcile = 'reconcile',
}

export type JobItem =
  | { name: JobName.RunStep; data: { stepId: string; version: number } }
  | { name: JobName.SendMessages; data: { messageIds: string[] } }
  | { name: JobName.Reconcile; data: Record<string, never> };

export type JobData<N extends JobName> = Extract<JobItem, { name: N }>['data'];

export const QUEUE_OF_JOB: Record<JobName, QueueName> = {
  [JobName.RunStep]: QueueName.Workflow,
  [JobName.SendMessages]: QueueName.Messages,
  [JobName.Reconcile]: QueueName.Workflow,
};

/** At most this many e-mails in one send job: one claim, one read and one lock for them all. */
const MAX_MESSAGES_PER_SEND_JOB = 50;

/** Fewer when the rate limit is lower, so a single job never exceeds a second's allowance. */
export function messagesPerSendJob(sendRatePerSecond: number): number {
  return Math.min(MAX_MESSAGES_PER_SEND_JOB, sendRatePerSecond);
}

/**
 * Deterministic job ids make enqueueing a step twice harmless: BullMQ keeps
 * one job per id. Send jobs have none, as a batch's members depend on when it
 * was cut; the sender's claim on each message makes a second job for it
 * harmless, and the producers skip messages a job already holds. Dashes, not
 * colons: BullMQ reserves ":" in custom ids.
 */
export function jobIdOf(item: JobItem): string | undefined {
  switch (item.name) {
    case JobName.RunStep:
      return `step-${item.data.stepId}-v${item.data.version}`;
    case JobName.SendMessages:
    case JobName.Reconcile:
      return undefined;
  }
}
