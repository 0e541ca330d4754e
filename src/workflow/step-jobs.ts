import { Injectable, Logger } from '@nestjs/common';
import { JobQueue } from '../queue/job-queue';
import { JobItem, JobName } from '../queue/jobs';
import { Step } from './step.entity';
import { StepStatus } from './step-kind';

/** The job of a step as planned: its id and the schedule version it belongs to. */
export type StepJobKey = Pick<Step, 'id' | 'version'>;

export function runStepJob(step: StepJobKey): JobItem {
  return { name: JobName.RunStep, data: { stepId: step.id, version: step.version } };
}

/**
 * Puts steps on the queue after their rows are committed. When Redis cannot
 * take them the rows stay pending and the reconciler enqueues them later:
 * PostgreSQL is the record of what should happen.
 */
@Injectable()
export class StepJobs {
  private readonly logger = new Logger(StepJobs.name);

  constructor(private readonly jobs: JobQueue) {}

  async enqueue(steps: Step[], now = Date.now()): Promise<void> {
    for (const step of steps.filter((s) => s.status === StepStatus.Pending)) {
      await this.jobs
        .add(runStepJob(step), step.dueAt.getTime() - now)
        .catch((error: Error) =>
          this.logger.warn(`Step ${step.id} left for the reconciler: ${error.message}`),
        );
    }
  }

  async withdraw(steps: StepJobKey[]): Promise<void> {
    await Promise.all(steps.map((step) => this.jobs.remove(runStepJob(step))));
  }
}
