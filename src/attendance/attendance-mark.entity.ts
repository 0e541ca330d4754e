import { Entity, Index, ManyToOne, OneToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Invitation } from '../rounds/invitation.entity';
import { SessionAttendance } from './session-attendance.entity';

/** Whether one invitee came. An invitation without a mark was not recorded either way. */
@Entity({ tableName: 'attendance_mark' })
export class AttendanceMark {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Index()
  @ManyToOne(() => SessionAttendance, { deleteRule: 'restrict' })
  attendance!: SessionAttendance;

  /** One mark per invitation: the invitation belongs to exactly one session. */
  @OneToOne(() => Invitation, { owner: true, deleteRule: 'restrict' })
  invitation!: Invitation;

  @Property()
  present!: boolean;
}
