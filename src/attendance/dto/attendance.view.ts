import { ApiProperty } from '@nestjs/swagger';
import { InvitationStatus } from '../../rounds/invitation-status';

export class AttendanceInviteeView {
  @ApiProperty({ format: 'uuid' })
  invitationId!: string;

  @ApiProperty({ format: 'uuid' })
  contactId!: string;

  @ApiProperty()
  fullName!: string;

  @ApiProperty({ nullable: true, type: String })
  institutionName!: string | null;

  @ApiProperty({ enum: InvitationStatus, description: 'What the invitee answered.' })
  status!: InvitationStatus;

  @ApiProperty({
    description:
      'The contact asked for no campaign e-mails: no reminder reached them, which is not the same as not answering.',
  })
  optedOut!: boolean;

  @ApiProperty({
    nullable: true,
    type: Boolean,
    description: 'true: came; false: marked absent; null: not recorded.',
  })
  present!: boolean | null;
}

export class WalkInView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  fullName!: string;

  @ApiProperty({ nullable: true, type: String })
  institution!: string | null;

  @ApiProperty({ nullable: true, type: String })
  position!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'Trimmed, lower case.' })
  email!: string | null;
}

export class HeadCountGroupView {
  @ApiProperty({ example: 'nxënës / students' })
  label!: string;

  @ApiProperty({ example: 30 })
  count!: number;
}

export class HeadCountView {
  @ApiProperty({ example: 30 })
  total!: number;

  @ApiProperty({ type: [HeadCountGroupView], description: 'In the order given.' })
  breakdown!: HeadCountGroupView[];

  @ApiProperty({ nullable: true, type: String, example: 'rreth 30' })
  note!: string | null;
}

export class AttendanceRecorderView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

export class AttendanceTotalsView {
  @ApiProperty({ description: 'Invitations to the session.' })
  invited!: number;

  @ApiProperty({ description: 'Invitees marked present.' })
  invitedPresent!: number;

  @ApiProperty()
  walkIns!: number;

  @ApiProperty({ description: 'Everyone present by name: invitees marked present and walk-ins.' })
  namedPresent!: number;

  @ApiProperty({ nullable: true, type: Number, description: 'The head count total, if counted.' })
  headCount!: number | null;
}

export class AttendanceView {
  @ApiProperty({ format: 'uuid' })
  sessionId!: string;

  @ApiProperty({
    type: [AttendanceInviteeView],
    description: 'Every invitation to the session, by name.',
  })
  invitees!: AttendanceInviteeView[];

  @ApiProperty({ type: [WalkInView], description: 'In the order of the sign-in sheet.' })
  walkIns!: WalkInView[];

  @ApiProperty({ type: HeadCountView, nullable: true })
  headCount!: HeadCountView | null;

  @ApiProperty({ nullable: true, type: Date, description: 'Null until attendance is recorded.' })
  recordedAt!: Date | null;

  @ApiProperty({ type: AttendanceRecorderView, nullable: true })
  recordedBy!: AttendanceRecorderView | null;

  @ApiProperty({ type: AttendanceTotalsView })
  totals!: AttendanceTotalsView;
}

export class AttendanceSnapshotView {
  @ApiProperty({
    nullable: true,
    type: Object,
    example: { total: 30, note: 'rreth 30' },
    description: 'The head count total and note, or null when none was recorded.',
  })
  headCount!: { total: number | null; note: string | null } | null;

  @ApiProperty({ description: 'Invitees marked present.' })
  present!: number;

  @ApiProperty({ description: 'Invitees marked absent.' })
  absent!: number;

  @ApiProperty({ type: [String], description: 'The walk-ins by name.' })
  walkIns!: string[];
}

export class AttendanceCorrectionView {
  @ApiProperty()
  correctedAt!: Date;

  @ApiProperty({ type: AttendanceRecorderView })
  correctedBy!: AttendanceRecorderView;

  @ApiProperty({ type: AttendanceSnapshotView })
  before!: AttendanceSnapshotView;

  @ApiProperty({ type: AttendanceSnapshotView })
  after!: AttendanceSnapshotView;
}
