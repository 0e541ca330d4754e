import { ApiProperty } from '@nestjs/swagger';
import { CommitteeRole } from '../committee-role';

export class MemberContactView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Arjana Hoxha' })
  fullName!: string;

  @ApiProperty({ example: 'arjana.hoxha@example.al.test' })
  email!: string;

  @ApiProperty({ nullable: true, type: String, example: 'Zëvendësprefekte' })
  position!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Institucioni i Prefektit të Qarkut Elbasan',
  })
  institutionName!: string | null;

  @ApiProperty({ nullable: true, type: Date, description: 'Set when the contact was archived.' })
  archivedAt!: Date | null;
}

export class MembershipView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  committeeId!: string;

  @ApiProperty({ type: MemberContactView })
  contact!: MemberContactView;

  @ApiProperty({ enum: CommitteeRole })
  role!: CommitteeRole;

  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2017-11-22' })
  startsOn!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date',
    description:
      'The first day the contact no longer sits on the committee; null while open-ended.',
  })
  endsOn!: string | null;

  @ApiProperty({ description: 'Not ended today and the contact is not archived.' })
  current!: boolean;

  @ApiProperty()
  createdAt!: Date;
}
