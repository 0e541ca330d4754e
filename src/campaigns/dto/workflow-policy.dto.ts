import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsObject,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  DEFAULT_FOLLOW_UP_TO,
  FollowUpAudience,
  ReminderAudience,
  ReminderPolicy,
  SendWindow,
  WorkflowPolicy,
} from '../workflow-policy';
import { CLOCK_TIME, IsIsoDuration, IsLaterTimeThan } from './campaign-validators';

const CLOCK_MESSAGE = 'must be a time of day written HH:MM (00:00 to 23:59)';
const AUDIENCE_MESSAGE = `must be one of ${Object.values(ReminderAudience).join(', ')}`;
const FOLLOW_UP_MESSAGE = `must hold only ${Object.values(FollowUpAudience).join(', ')}`;

export class ReminderPolicyDto implements ReminderPolicy {
  @ApiProperty({
    example: 'P3D',
    description: 'ISO 8601 duration before the first session (days, hours, minutes, seconds).',
  })
  @IsIsoDuration()
  before!: string;

  @ApiProperty({
    enum: ReminderAudience,
    description:
      '`non_responders`: invitees who have not answered; `accepted`: those who said they will come.',
  })
  @IsEnum(ReminderAudience, { message: AUDIENCE_MESSAGE })
  audience!: ReminderAudience;
}

export class SendWindowDto implements SendWindow {
  @ApiProperty({ description: 'False sends at any hour (a demo played in seconds).' })
  @IsBoolean({ message: 'must be true or false' })
  enabled!: boolean;

  @ApiProperty({ example: '08:00', description: "Local time in the campaign's time zone." })
  @Matches(CLOCK_TIME, { message: CLOCK_MESSAGE })
  opensAt!: string;

  @ApiProperty({ example: '18:00', description: 'Later than opensAt, the same day.' })
  @Matches(CLOCK_TIME, { message: CLOCK_MESSAGE })
  @IsLaterTimeThan('opensAt')
  closesAt!: string;

  @ApiProperty({
    type: [Number],
    example: [1, 2, 3, 4, 5],
    description: 'ISO weekdays on which e-mails go out: 1 = Monday … 7 = Sunday.',
  })
  @IsArray({ message: 'must be a list of ISO weekdays (1 = Monday … 7 = Sunday)' })
  @ArrayNotEmpty({ message: 'must name at least one weekday' })
  @ArrayUnique({ message: 'must not repeat a weekday' })
  @IsInt({ each: true, message: 'must hold whole numbers from 1 (Monday) to 7 (Sunday)' })
  @Min(1, { each: true, message: 'must hold whole numbers from 1 (Monday) to 7 (Sunday)' })
  @Max(7, { each: true, message: 'must hold whole numbers from 1 (Monday) to 7 (Sunday)' })
  days!: number[];
}

/** The whole policy is given at once; PATCH replaces it rather than merging. */
export class WorkflowPolicyDto implements WorkflowPolicy {
  @ApiProperty({ example: 'P14D', description: 'How long before the first session to invite.' })
  @IsIsoDuration()
  inviteBefore!: string;

  @ApiProperty({
    type: [ReminderPolicyDto],
    description: 'Each reminder must come after the invitation (shorter than inviteBefore).',
  })
  @IsArray({ message: 'must be a list of reminders' })
  @ArrayMaxSize(10, { message: 'must hold at most 10 reminders' })
  @ValidateNested({ each: true })
  @Type(() => ReminderPolicyDto)
  reminders!: ReminderPolicyDto[];

  @ApiProperty({
    example: 'P1D',
    description: 'How long after the last session the follow-up goes.',
  })
  @IsIsoDuration()
  followUpAfter!: string;

  @ApiPropertyOptional({
    enum: FollowUpAudience,
    isArray: true,
    example: DEFAULT_FOLLOW_UP_TO,
    description:
      'Who gets the follow-up: `attended` (a thank-you), `missed` (accepted, did not come), `declined`, `no_answer` (a summary of what they missed). Default: attended and missed.',
  })
  @IsOptional()
  @IsArray({ message: 'must be a list of follow-up audiences' })
  @ArrayUnique({ message: 'must not repeat an audience' })
  @IsEnum(FollowUpAudience, { each: true, message: FOLLOW_UP_MESSAGE })
  followUpTo?: FollowUpAudience[];

  @ApiProperty({ example: 'P2D', description: 'How long after the last session the report goes.' })
  @IsIsoDuration()
  reportAfter!: string;

  @ApiProperty({ type: SendWindowDto })
  @IsObject({ message: 'must be an object with enabled, opensAt, closesAt and days' })
  @ValidateNested()
  @Type(() => SendWindowDto)
  sendWindow!: SendWindowDto;
}
