import { ApiProperty } from '@nestjs/swagger';
import { ReminderAudience } from '../../campaigns/workflow-policy';
import { StepKind, StepStatus } from '../step-kind';

export class MessageCountsView {
  @ApiProperty() queued!: number;
  @ApiProperty() sent!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() skipped!: number;
}

export class StepView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: StepKind }) kind!: StepKind;
  @ApiProperty({ enum: ReminderAudience, nullable: true }) audience!: ReminderAudience | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId!: string | null;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ enum: StepStatus }) status!: StepStatus;
  @ApiProperty({ description: 'The schedule version the step was planned under.' })
  version!: number;
  @ApiProperty({ type: Date, nullable: true }) startedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) finishedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was skipped or cancelled.' })
  note!: string | null;
  @ApiProperty({ type: MessageCountsView }) messages!: MessageCountsView;
}

export class ScheduleView {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty() status!: string;
  @ApiProperty() scheduleVersion!: number;
  @ApiProperty({ type: [StepView] }) steps!: StepView[];
}
