import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/list-query.dto';
import { InvitationStatus } from '../invitation-status';

const STATUS_MESSAGE = `must be one of ${Object.values(InvitationStatus).join(', ')}`;

/** In a fixed order: by session start, then by name. */
export class InvitationListQueryDto extends PickType(PageQueryDto, ['limit', 'offset']) {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the invitations to this session.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a session id (UUID)' })
  sessionId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only the invitations of people at this institution.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be an institution id (UUID)' })
  institutionId?: string;

  @ApiPropertyOptional({ enum: InvitationStatus })
  @IsOptional()
  @IsEnum(InvitationStatus, { message: STATUS_MESSAGE })
  status?: InvitationStatus;
}
