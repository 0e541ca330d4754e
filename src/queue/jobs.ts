/**
 * Every queue and job Fushata has, declared once: producers and handlers
 * import these, and the dispatcher refuses to start when a job name has no
 * handler or two. Payloads carry ids only; the state lives in PostgreSQL.
 */
export enum QueueName {
  /** Round steps and the reconciler: few jobs, each may fan out thousands of messages. */
  Workflow = 'workflow',
  /** One job per e-mail, rate-limited and retried with back-off. */
  Messages = 'messages',
}

export enum JobName {
  RunStep = 'run-step',
  SendMessage = 'send-message',
  Reconcile = 'reconcile',
}

export type JobItem =
  | { name: JobName.RunStep; data: { stepId: string; version: number } }
  | { name: JobName.SendMessage; data: { messageId: string } }
  | { name: JobName.Reconcile; data: Record<string, never> };

export type JobData<N extends JobName> = Extract<JobItem, { name: N }>['data'];

export const QUEUE_OF_JOB: Record<JobName, QueueName> = {
  [JobName.RunStep]: QueueName.Workflow,
  [JobName.SendMessage]: QueueName.Messages,
  [JobName.Reconcile]: QueueName.Workflow,
};

/**
 * Deterministic job ids make enqueueing twice harmless: BullMQ keeps one job
 * per id. Dashes, not colons: BullMQ reserves ":" in custom ids.
 */
export function jobIdOf(item: JobItem): string | undefined {
  switch (item.name) {
    case JobName.RunStep:
      return `step-${item.data.stepId}-v${item.data.version}`;
    case JobName.SendMessage:
      return `message-${item.data.messageId}`;
    case JobName.Reconcile:
      return undefined;
  }
}
