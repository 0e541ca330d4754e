import { PageOf } from '../../../common/page-of';
import { ApiProperty } from '@nestjs/swagger';
import { CountyView } from '../../counties/dto/county.view';

export class CommitteeView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: CountyView, nullable: true, description: 'Null for a national committee.' })
  county!: CountyView | null;

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty({ description: 'Current members: memberships not ended, of active contacts.' })
  memberCount!: number;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;

  @ApiProperty({ nullable: true, type: Date })
  archivedAt!: Date | null;
}

export class CommitteePage extends PageOf(CommitteeView) {}
