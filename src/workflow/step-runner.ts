import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { JobData, JobName } from '../queue/jobs';
import { OnJob } from '../queue/on-job.decorator';
import { DEFAULT_FOLLOW_UP_TO, FollowUpAudience } from '../campaigns/workflow-policy';
import { TemplateName } from '../messaging/template-name';
import { RoundStatus } from '../rounds/round-status';
import { Round } from '../rounds/round.entity';
import { InvitationWriter } from './invitation-writer';
import { followUpRecipients } from './follow-up-recipients';
import { MessageWriter, templateFor } from './message-writer';
import { ReportStep } from './report-step';
import { SendQueue } from './send-queue';
import { isBoundToSchedule, StepKind, StepStatus } from './step-kind';
import { StepRecipient, stepRecipientIds } from './step-recipients';
import { Step } from './step.entity';

/**
 * Runs a step when its delayed job fires. The job is only a trigger: the
 * step row decides. A step no longer pending, or planned under an older
 * schedule version, does nothing. A step left running by a crashed worker
 * runs again, and writes nothing twice.
 */
@Injectable()
export class StepRunner {
  constructor(
    private readonly orm: MikroORM,
    private readonly invitations: InvitationWriter,
    private readonly messages: MessageWriter,
    private readonly sendQueue: SendQueue,
    private readonly reportStep: ReportStep,
  ) {}

  @OnJob(JobName.RunStep)
  async run({ stepId, version }: JobData<JobName.RunStep>): Promise<void> {
    if (!(await this.start(stepId, version))) return;
    // Invitations and messages commit on their own so that a crash mid-way keeps what was written.
    const em = this.orm.em.fork();
    const step = await em.findOne(
      Step,
      { id: stepId, status: StepStatus.Running },
      { populate: ['round.campaign'] },
    );
    if (!step) return;
    if (step.kind === StepKind.Report) return this.report(em, step);
    if (step.kind === StepKind.Invite) await this.invitations.writeFor(em, step);
    await this.sendQueue.enqueue(await this.writeMessages(em, step));
    await advanceRound(em, step);
    await this.finish(em, step, { status: StepStatus.Done, finishedAt: new Date() });
  }

  /**
   * Takes the step from pending (or from running, left so by a crashed
   * worker) to running. Every move of a step's status is conditional on the
   * status it was read in, so a withdrawal committed meanwhile is never
   * overwritten: the update then touches no row and nothing runs.
   */
  private async start(stepId: string, version: number): Promise<boolean> {
    const em = this.orm.em.fork();
    const step = await em.findOne(Step, { id: stepId }, { populate: ['round'] });
    if (!step || step.version !== version) return false;
    if (step.status !== StepStatus.Pending && step.status !== StepStatus.Running) return false;
    const from = { id: stepId, status: step.status };
    if (isBoundToSchedule(step.kind) && step.round.scheduleVersion !== step.version) {
      await em.nativeUpdate(Step, from, {
        status: StepStatus.Cancelled,
        note: 'the round changed before it was due',
      });
      return false;
    }
    const started = await em.nativeUpdate(Step, from, {
      status: StepStatus.Running,
      startedAt: step.startedAt ?? new Date(),
    });
    return started === 1;
  }

  private async finish(em: EntityManager, step: Step, change: Partial<Step>): Promise<void> {
    await em.nativeUpdate(Step, { id: step.id, status: StepStatus.Running }, change);
  }

  /**
   * A report not ready yet goes back to pending with its new due time; the
   * reconciler gives it a job again (this one still holds the step's job id).
   */
  private async report(em: EntityManager, step: Step): Promise<void> {
    const outcome = await this.reportStep.run(em, step);
    await this.sendQueue.enqueue(outcome.messageIds);
    await this.finish(
      em,
      step,
      outcome.done
        ? { status: StepStatus.Done, finishedAt: new Date(), note: outcome.note }
        : { status: StepStatus.Pending, dueAt: outcome.waitUntil, note: outcome.note },
    );
  }

  private async writeMessages(em: EntityManager, step: Step): Promise<string[]> {
    if (step.kind === StepKind.AttendanceOpens) {
      return this.messages.writeForStaff(em, step, TemplateName.AttendanceOpens);
    }
    const messageIds = await this.messages.writeFor(em, step, await this.recipients(em, step));
    if (step.kind !== StepKind.FollowUp || !thanksWalkIns(step)) return messageIds;
    // After the contacts' rows, so an address both a contact and a walk-in gets one e-mail.
    return this.messages.writeForWalkIns(em, step, TemplateName.FollowUpThanks);
  }

  private async recipients(em: EntityManager, step: Step): Promise<StepRecipient[]> {
    if (step.kind === StepKind.FollowUp) return followUpRecipients(em, step);
    const template = templateFor(step);
    return (await stepRecipientIds(em, step)).map((contactId) => ({ contactId, template }));
  }
}

/** Walk-ins came: they are thanked whenever those who attended are. */
function thanksWalkIns(step: Step): boolean {
  const audiences = step.round.campaign.policy.followUpTo ?? DEFAULT_FOLLOW_UP_TO;
  return audiences.includes(FollowUpAudience.Attended);
}

/**
 * A round is in progress once a session's attendance opens, and completed
 * when its follow-up has gone out: that closes its attendance, so the report
 * that follows reads what the follow-up told the participants. Conditional
 * on the status it moves from, so a cancellation committed meanwhile stands.
 */
async function advanceRound(em: EntityManager, step: Step): Promise<void> {
  const round = { id: step.round.id };
  if (step.kind === StepKind.AttendanceOpens) {
    await em.nativeUpdate(
      Round,
      { ...round, status: RoundStatus.Scheduled },
      { status: RoundStatus.InProgress },
    );
  }
  if (step.kind === StepKind.FollowUp) {
    await em.nativeUpdate(
      Round,
      { ...round, status: { $in: [RoundStatus.Scheduled, RoundStatus.InProgress] } },
      { status: RoundStatus.Completed },
    );
  }
}
