import { PageOf } from '../../common/page-of';
import { ApiProperty } from '@nestjs/swagger';
import { CountyView } from '../../directory/counties/dto/county.view';
import { RoundStatus } from '../round-status';
import { SessionView } from './session.view';

export class RoundCampaignView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Mbi parandalimin e migracionit të parregullt' })
  nameSq!: string;

  @ApiProperty({ example: 'On preventing irregular migration' })
  nameEn!: string;

  @ApiProperty({ example: 'Europe/Tirane' })
  timeZone!: string;
}

export class RoundStaffView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  email!: string;
}

export class RoundView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: RoundCampaignView })
  campaign!: RoundCampaignView;

  @ApiProperty({ type: CountyView })
  county!: CountyView;

  @ApiProperty({ format: 'date', example: '2017-11-22' })
  startsOn!: string;

  @ApiProperty({ format: 'date', example: '2017-11-22' })
  endsOn!: string;

  @ApiProperty({ enum: RoundStatus })
  status!: RoundStatus;

  @ApiProperty({ type: RoundStaffView, nullable: true })
  staff!: RoundStaffView | null;

  @ApiProperty({ description: 'Raised by every reschedule and cancel.' })
  scheduleVersion!: number;

  @ApiProperty({ nullable: true, type: Date })
  scheduledAt!: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  cancelledAt!: Date | null;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;
}

export class RoundDetailView extends RoundView {
  @ApiProperty({ type: [SessionView], description: 'In order of start.' })
  sessions!: SessionView[];
}

export class RoundPage extends PageOf(RoundView) {}
