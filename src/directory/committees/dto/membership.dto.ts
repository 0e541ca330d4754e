import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { toBoolean } from '../../../common/list-query.dto';
import { IsOmittable } from '../../../common/validation';
import { CommitteeRole } from '../committee-role';

const ROLE_MESSAGE = `must be one of ${Object.values(CommitteeRole).join(', ')}`;
const DATE_MESSAGE = 'must be a calendar date written YYYY-MM-DD';

/** A date without time: the shape alone lets 2017-02-30 through, the ISO check does not. */
function IsCalendarDate(): PropertyDecorator {
  return applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: DATE_MESSAGE }),
    IsISO8601({ strict: true }, { message: DATE_MESSAGE }),
  );
}

export class AddMemberDto {
  @ApiProperty({ format: 'uuid', description: 'An active contact.' })
  @IsUUID('all', { message: 'must be a contact id (UUID)' })
  contactId!: string;

  @ApiPropertyOptional({ enum: CommitteeRole, default: CommitteeRole.Member })
  @IsOmittable()
  @IsEnum(CommitteeRole, { message: ROLE_MESSAGE })
  role?: CommitteeRole;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2017-11-22',
    description: 'Omitted: today (Europe/Tirane). Null: the start is not known (an older seat).',
  })
  @IsOptional()
  @IsCalendarDate()
  startsOn?: string | null;
}

/** Omitted fields stay as they are. */
export class UpdateMembershipDto {
  @ApiPropertyOptional({ enum: CommitteeRole })
  @IsOmittable()
  @IsEnum(CommitteeRole, { message: ROLE_MESSAGE })
  role?: CommitteeRole;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Null: the start is not known.',
  })
  @IsOptional()
  @IsCalendarDate()
  startsOn?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2017-12-31',
    description:
      'The first day the contact no longer sits on the committee; on or after startsOn. Null reopens an ended membership.',
  })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string | null;
}

export class MemberListQueryDto {
  @ApiPropertyOptional({
    description: 'Include past memberships, for the history of who sat on the committee when.',
    default: false,
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  all = false;
}
