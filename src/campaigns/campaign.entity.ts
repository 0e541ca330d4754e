import { Entity, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Language } from '../common/language';
import { DEFAULT_WORKFLOW_POLICY, WorkflowPolicy } from './workflow-policy';

/** An institution the campaign is run with, named as the published reports name it. */
export interface CampaignPartner {
  nameSq: string;
  nameEn: string;
}

/** A national campaign ("Choose opportunities, not irregular migration!") that travels county by county. */
@Entity({ tableName: 'campaign' })
export class Campaign {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ length: 300 })
  nameSq!: string;

  @Property({ length: 300 })
  nameEn!: string;

  @Property({ length: 300, nullable: true })
  sloganSq: string | null = null;

  @Property({ length: 300, nullable: true })
  sloganEn: string | null = null;

  @Property({ length: 300, nullable: true })
  organiserSq: string | null = null;

  @Property({ length: 300, nullable: true })
  organiserEn: string | null = null;

  /** In the order the reports list them. */
  @Property({ type: 'jsonb' })
  partners: Opt<CampaignPartner[]> = [];

  @Property({ type: 'text[]' })
  languages: Opt<Language[]> = [Language.Albanian, Language.English];

  /** IANA zone the sessions are shown in and the send window is read in. */
  @Property({ length: 64 })
  timeZone: Opt<string> = 'Europe/Tirane';

  @Property({ length: 200 })
  senderName!: string;

  @Property({ length: 320 })
  senderEmail!: string;

  @Property({ type: 'text[]' })
  reportRecipients: Opt<string[]> = [];

  @Property({ type: 'jsonb' })
  policy: Opt<WorkflowPolicy> = structuredClone(DEFAULT_WORKFLOW_POLICY);

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null = null;
}
