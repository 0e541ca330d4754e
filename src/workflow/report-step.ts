import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { TemplateName } from '../messaging/template-name';
import { RoundStatus } from '../rounds/round-status';
import { MessageWriter } from './message-writer';
import { StepKind, StepStatus } from './step-kind';
import { Step } from './step.entity';

/** The report e-mail's body is the report itself, not a Handlebars e-mail template. */
export const ROUND_REPORT_MAIL = 'round-report';

/** After the follow-up is due, how long the report gives it to close the attendance. */
const FOLLOW_UP_GRACE_MS = 60_000;
/** How often a report with no attendance behind it looks again, once the staff member was reminded. */
const ATTENDANCE_RECHECK_MS = 24 * 60 * 60 * 1000;

export type ReportStepOutcome =
  | { done: true; messageIds: string[]; note: string | null }
  | { done: false; messageIds: string[]; waitUntil: Date; note: string };

/**
 * What the report step does when it comes due. The report waits until the
 * attendance is closed (the follow-up has run and completed the round); a
 * round with nothing recorded gets a reminder to its staff member, once,
 * instead of an empty report, and goes out when the attendance is in.
 */
@Injectable()
export class ReportStep {
  constructor(private readonly messages: MessageWriter) {}

  async run(em: EntityManager, step: Step, now = new Date()): Promise<ReportStepOutcome> {
    if (step.round.status !== RoundStatus.Completed) {
      const followUp = await em.findOne(Step, {
        round: step.round,
        kind: StepKind.FollowUp,
        version: step.version,
      });
      const waiting =
        followUp?.status === StepStatus.Pending || followUp?.status === StepStatus.Running;
      if (waiting) {
        return {
          done: false,
          messageIds: [],
          waitUntil: new Date(
            Math.max(now.getTime(), followUp.dueAt.getTime()) + FOLLOW_UP_GRACE_MS,
          ),
          note: 'waiting for the follow-up to close the attendance',
        };
      }
    }
    if (!(await this.hasAttendance(em, step))) {
      return {
        done: false,
        messageIds: await this.messages.writeForStaff(em, step, TemplateName.AttendanceMissing),
        waitUntil: new Date(now.getTime() + ATTENDANCE_RECHECK_MS),
        note: step.round.staff
          ? 'no attendance recorded; the staff member in charge was reminded'
          : 'no attendance recorded, and the round has no one in charge to remind',
      };
    }
    const messageIds = await this.messages.writeForReportRecipients(em, step, ROUND_REPORT_MAIL);
    return {
      done: true,
      messageIds,
      note:
        step.round.campaign.reportRecipients.length === 0
          ? 'the campaign has no report recipients'
          : null,
    };
  }

  private async hasAttendance(em: EntityManager, step: Step): Promise<boolean> {
    const rows = await em.getConnection().execute<Array<{ recorded: boolean }>>(
      `select exists (
         select 1 from session_attendance sa join session s on s.id = sa.session_id
          where s.round_id = ?) as recorded`,
      [step.round.id],
    );
    return rows[0].recorded;
  }
}
