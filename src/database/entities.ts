import { AttendanceCorrection } from '../attendance/attendance-correction.entity';
import { AttendanceMark } from '../attendance/attendance-mark.entity';
import { Material } from '../attendance/material.entity';
import { Recommendation } from '../attendance/recommendation.entity';
import { SessionAttendance } from '../attendance/session-attendance.entity';
import { WalkIn } from '../attendance/walk-in.entity';
import { ApiToken } from '../auth/entities/api-token.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { User } from '../auth/entities/user.entity';
import { CommitteeMembership } from '../directory/committees/committee-membership.entity';
import { Committee } from '../directory/committees/committee.entity';
import { Contact } from '../directory/contacts/contact.entity';
import { County } from '../directory/counties/county.entity';
import { Institution } from '../directory/institutions/institution.entity';
import { Message } from '../messaging/message.entity';
import { Invitation } from '../rounds/invitation.entity';
import { RoundSession } from '../rounds/round-session.entity';
import { Round } from '../rounds/round.entity';
import { InvitationResponse } from '../rsvp/invitation-response.entity';
import { Step } from '../workflow/step.entity';
import { InvitationTold } from '../workflow/told/invitation-told.entity';

/**
 * Every entity, listed once: the application, the migration CLI and the
 * schema-drift test all discover the same set.
 */
export const ENTITIES = [
  County,
  Institution,
  Contact,
  Committee,
  CommitteeMembership,
  User,
  ApiToken,
  Campaign,
  Round,
  RoundSession,
  Invitation,
  InvitationResponse,
  Step,
  InvitationTold,
  Message,
  SessionAttendance,
  AttendanceMark,
  WalkIn,
  Material,
  Recommendation,
  AttendanceCorrection,
];
