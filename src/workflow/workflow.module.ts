import { Module } from '@nestjs/common';
import { MessagingModule } from '../messaging/messaging.module';
import { ReportsModule } from '../reports/reports.module';
import { RoundsModule } from '../rounds/rounds.module';
import { AnswerMail } from './answer-mail';
import { EmailComposer } from './email-composer';
import { InvitationWriter } from './invitation-writer';
import { MessageOutcomes } from './message-outcomes';
import { MessageResend } from './message-resend';
import { MessageSender } from './message-sender';
import { MessageWriter } from './message-writer';
import { Reconciler } from './reconciler';
import { ReportMailComposer } from './report-mail-composer';
import { ReportStep } from './report-step';
import { RoundScheduler } from './round-scheduler';
import { RoundTimeline } from './round-timeline';
import { VersionedChange } from './versioned-change';
import { SendLocks } from './send-locks';
import { SendQueue } from './send-queue';
import { StepJobs } from './step-jobs';
import { AudienceWithdrawals } from './withdrawals';
import { StepRunner } from './step-runner';
import { WorkflowController } from './workflow.controller';

/** Drives rounds through their steps; it uses the domain modules, never the reverse. */
@Module({
  imports: [RoundsModule, MessagingModule, ReportsModule],
  controllers: [WorkflowController],
  providers: [
    RoundScheduler,
    RoundTimeline,
    VersionedChange,
    StepJobs,
    AudienceWithdrawals,
    StepRunner,
    InvitationWriter,
    MessageWriter,
    MessageSender,
    MessageOutcomes,
    SendLocks,
    SendQueue,
    EmailComposer,
    Reconciler,
    AnswerMail,
    ReportStep,
    ReportMailComposer,
    MessageResend,
  ],
  exports: [AnswerMail, RoundScheduler, RoundTimeline, MessageResend],
})
export class WorkflowModule {}
