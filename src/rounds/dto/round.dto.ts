import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/list-query.dto';
import { RoundStatus } from '../round-status';
import { IsCalendarDate } from './date-validators';

const STATUS_MESSAGE = `must be one of ${Object.values(RoundStatus).join(', ')}`;
const ROUND_SORTS = ['startsOn', 'createdAt'] as const;

export class CreateRoundDto {
  @ApiProperty({ format: 'uuid', description: 'An active campaign.' })
  @IsUUID('all', { message: 'must be a campaign id (UUID)' })
  campaignId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a county id (UUID)' })
  countyId!: string;

  @ApiProperty({
    format: 'date',
    example: '2017-11-22',
    description: "First day, in the campaign's time zone.",
  })
  @IsCalendarDate()
  startsOn!: string;

  @ApiProperty({
    format: 'date',
    example: '2017-11-22',
    description: 'Last day: on or after startsOn, a round lasts at most 7 days.',
  })
  @IsCalendarDate()
  endsOn!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The staff member in charge (an active admin or coordinator): Reply-To of the e-mails. Null: nobody yet.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id (UUID)' })
  staffUserId?: string | null;
}

/**
 * Only a draft round changes here; once scheduled, its dates follow from its
 * sessions and change through the schedule routes, which tell the invitees.
 * Omitted fields stay as they are.
 */
export class UpdateRoundDto extends PartialType(OmitType(CreateRoundDto, ['campaignId']), {
  skipNullProperties: false,
}) {}

export class RoundListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a campaign id (UUID)' })
  campaignId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a county id (UUID)' })
  countyId?: string;

  @ApiPropertyOptional({ enum: RoundStatus })
  @IsOptional()
  @IsEnum(RoundStatus, { message: STATUS_MESSAGE })
  status?: RoundStatus;

  @ApiPropertyOptional({ enum: ROUND_SORTS, default: 'startsOn' })
  @IsOptional()
  @IsEnum(ROUND_SORTS, { message: 'must be startsOn or createdAt' })
  sort: (typeof ROUND_SORTS)[number] = 'startsOn';
}
