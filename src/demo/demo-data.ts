import { Language } from '../common/language';
import { CommitteeRole } from '../directory/committees/committee-role';
import { InstitutionKind } from '../directory/institutions/institution-kind';
import { SessionKind } from '../rounds/session-kind';
// Imported rather than read from disk, so `nest build` puts them in dist with the code.
import campaignJson from './demo-campaign.json';
import directoryJson from './demo-directory.json';

/** Who a session invites: the county's committee and institutions by their key in demo-directory.json. */
export interface DemoAudience {
  committee?: boolean;
  institutions?: string[];
}

export interface DemoSession {
  titleSq: string;
  titleEn: string;
  kind: SessionKind;
  /** Days after the round's first day. */
  day: number;
  /** Local wall-clock times in the campaign's time zone, HH:MM. */
  from: string;
  to: string;
  venueSq?: string;
  venueEn?: string;
  topicsSq?: string[];
  topicsEn?: string[];
  walkInsCounted?: boolean;
  audience?: DemoAudience;
  /** What staff counted on the day; only for the round already held. */
  headCount?: { total: number; note?: string; breakdown?: { label: string; count: number }[] };
}

export interface DemoRound {
  county: string;
  startsOn: string;
  endsOn: string;
  sessions: DemoSession[];
}

export interface DemoCampaign {
  campaign: {
    nameSq: string;
    nameEn: string;
    sloganSq: string;
    sloganEn: string;
    organiserSq: string;
    organiserEn: string;
    partners: { nameSq: string; nameEn: string }[];
    languages: Language[];
    timeZone: string;
    senderName: string;
    senderEmail: string;
    reportRecipients: string[];
  };
  heldRound: DemoRound & {
    materials: {
      descriptionSq: string;
      descriptionEn: string;
      quantity: number;
      placesSq: string;
      placesEn: string;
    }[];
    recommendations: { textSq: string; textEn: string }[];
  };
  /** At the dates of 2017; the demo moves them into the coming weeks. */
  nextRounds: DemoRound[];
}

export interface DemoContact {
  fullName: string;
  email: string;
  position: string;
  language?: Language;
  /** Their seat on the county's committee, if they have one. */
  seat?: CommitteeRole;
}

export interface DemoCountyDirectory {
  county: string;
  committee: { name: string; description: string };
  institutions: { key: string; name: string; kind: InstitutionKind; contacts: DemoContact[] }[];
}

export interface DemoDirectory {
  staff: { name: string; email: string; language: Language };
  counties: DemoCountyDirectory[];
}

export const DEMO_CAMPAIGN = campaignJson as DemoCampaign;
export const DEMO_DIRECTORY = directoryJson as DemoDirectory;
