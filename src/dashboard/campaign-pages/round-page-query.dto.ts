import { Transform, Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { MessageStatus } from '../../messaging/message-status';
import { InvitationStatus } from '../../rounds/invitation-status';

/** A filter form's "all" choice sends the field empty: the same as leaving it out. */
const emptyAsMissing = () =>
  Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

export const INVITATIONS_PER_PAGE = 25;
export const MESSAGES_PER_PAGE = 25;

/** What a planning page did before it led back to the round page. */
export const ROUND_CHANGES = [
  'scheduled',
  'rescheduled',
  'session-cancelled',
  'round-cancelled',
] as const;
export type RoundChange = (typeof ROUND_CHANGES)[number];

/**
 * What the round page shows of its two long tables: the invitations filtered
 * by session, answer and institution, and the message log by status, each
 * with its own page. A wrong value is a 400 page naming the field.
 */
export class RoundPageQueryDto {
  @IsOptional()
  @emptyAsMissing()
  @IsUUID('all', { message: 'must be a session id (UUID)' })
  sessionId?: string;

  @IsOptional()
  @emptyAsMissing()
  @IsEnum(InvitationStatus, {
    message: `must be one of ${Object.values(InvitationStatus).join(', ')}`,
  })
  answer?: InvitationStatus;

  @IsOptional()
  @emptyAsMissing()
  @IsUUID('all', { message: 'must be an institution id (UUID)' })
  institutionId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  invitationsOffset = 0;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  invitationsLimit = INVITATIONS_PER_PAGE;

  @IsOptional()
  @emptyAsMissing()
  @IsEnum(MessageStatus, { message: `must be one of ${Object.values(MessageStatus).join(', ')}` })
  messageStatus?: MessageStatus;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  messagesOffset = 0;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  messagesLimit = MESSAGES_PER_PAGE;

  /** Set by the redirect after a resend, for the notice. */
  @IsOptional()
  @IsIn(['1'])
  resent?: string;

  /** Set by the redirect after a change of plan, for the notice. */
  @IsOptional()
  @IsIn(['1'])
  saved?: string;

  /** Set by the redirect after scheduling or cancelling, so the page says what happened. */
  @IsOptional()
  @IsIn(ROUND_CHANGES)
  done?: RoundChange;
}
