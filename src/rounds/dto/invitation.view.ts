import { PageOf } from '../../common/page-of';
import { ApiProperty } from '@nestjs/swagger';
import { InvitationStatus } from '../invitation-status';

export class InvitationSessionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  titleSq!: string;

  @ApiProperty()
  titleEn!: string;

  @ApiProperty({ description: 'UTC.' })
  startsAt!: Date;
}

export class InvitationContactView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  fullName!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ nullable: true, type: String })
  institutionName!: string | null;
}

export class InvitationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: InvitationSessionView })
  session!: InvitationSessionView;

  @ApiProperty({ type: InvitationContactView })
  contact!: InvitationContactView;

  @ApiProperty({ enum: InvitationStatus })
  status!: InvitationStatus;

  @ApiProperty({ nullable: true, type: Date })
  respondedAt!: Date | null;

  @ApiProperty({
    nullable: true,
    type: Date,
    description:
      'When the invitation was withdrawn: its person left the audience, or their colleague took the seat back.',
  })
  withdrawnAt!: Date | null;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'For a colleague sent instead: the invitation of the person they stand in for.',
  })
  substituteForId!: string | null;

  @ApiProperty()
  createdAt!: Date;
}

export class InvitationPage extends PageOf(InvitationView) {}
