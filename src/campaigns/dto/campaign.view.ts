import { PageOf } from '../../common/page-of';
import { ApiProperty } from '@nestjs/swagger';
import { Language } from '../../common/language';
import { ReminderAudience } from '../workflow-policy';

export class CampaignPartnerView {
  @ApiProperty()
  nameSq!: string;

  @ApiProperty()
  nameEn!: string;
}

export class ReminderPolicyView {
  @ApiProperty({ example: 'P3D' })
  before!: string;

  @ApiProperty({ enum: ReminderAudience })
  audience!: ReminderAudience;
}

export class SendWindowView {
  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ example: '08:00' })
  opensAt!: string;

  @ApiProperty({ example: '18:00' })
  closesAt!: string;

  @ApiProperty({ type: [Number], example: [1, 2, 3, 4, 5] })
  days!: number[];
}

export class WorkflowPolicyView {
  @ApiProperty({ example: 'P14D' })
  inviteBefore!: string;

  @ApiProperty({ type: [ReminderPolicyView] })
  reminders!: ReminderPolicyView[];

  @ApiProperty({ example: 'P1D' })
  followUpAfter!: string;

  @ApiProperty({ example: 'P2D' })
  reportAfter!: string;

  @ApiProperty({ type: SendWindowView })
  sendWindow!: SendWindowView;
}

export class CampaignView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Mbi parandalimin e migracionit të parregullt' })
  nameSq!: string;

  @ApiProperty({ example: 'On preventing irregular migration' })
  nameEn!: string;

  @ApiProperty({ nullable: true, type: String })
  sloganSq!: string | null;

  @ApiProperty({ nullable: true, type: String })
  sloganEn!: string | null;

  @ApiProperty({ nullable: true, type: String })
  organiserSq!: string | null;

  @ApiProperty({ nullable: true, type: String })
  organiserEn!: string | null;

  @ApiProperty({ type: [CampaignPartnerView] })
  partners!: CampaignPartnerView[];

  @ApiProperty({ enum: Language, isArray: true })
  languages!: Language[];

  @ApiProperty({ example: 'Europe/Tirane' })
  timeZone!: string;

  @ApiProperty()
  senderName!: string;

  @ApiProperty()
  senderEmail!: string;

  @ApiProperty({ type: [String] })
  reportRecipients!: string[];

  @ApiProperty({ type: WorkflowPolicyView })
  policy!: WorkflowPolicyView;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;

  @ApiProperty({ nullable: true, type: Date })
  archivedAt!: Date | null;
}

export class CampaignPage extends PageOf(CampaignView) {}
