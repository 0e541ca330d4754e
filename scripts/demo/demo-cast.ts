import { RsvpAnswer } from './rsvp-page';

/** An institution of the demo county; found by name, or created the first time. */
export interface DemoInstitution {
  name: string;
  kind: string;
}

/** Someone the round invites, and what they do with their invitation. */
export interface Invitee {
  fullName: string;
  email: string;
  language: 'sq' | 'en';
  position: string;
  institution: DemoInstitution;
  /** Null: never answers, so the reminder to non-responders is theirs. */
  answer: RsvpAnswer | null;
}

/** Invented people; each address carries the run's id, so a second run does not meet the first's contacts. */
export interface DemoCast {
  county: string;
  staff: { name: string; email: string; language: 'sq' | 'en' };
  arta: Invitee;
  ben: Invitee;
  dea: Invitee;
  gent: Invitee;
  /** Invited, then taken off the audience: he left the police; his invitation is withdrawn. */
  fatos: Invitee;
  /** Dea's colleague, whom she sends in her place through the page's form. */
  elira: { fullName: string; email: string; position: string };
  /** Comes without an invitation and leaves an address on the sheet. */
  walkIn: { fullName: string; email: string; institution: string; position: string };
  reportRecipient: string;
}

const MUNICIPALITY = { name: 'Bashkia Durrës', kind: 'municipality' };
const POLICE = { name: 'Drejtoria Vendore e Policisë Durrës', kind: 'police' };
const EMPLOYMENT = { name: 'Zyra Vendore e Punësimit Durrës', kind: 'employment_office' };
const SCHOOLS = { name: 'Zyra Vendore Arsimore Durrës', kind: 'school' };

export function demoCast(runId: string): DemoCast {
  const address = (local: string) => `${local}.${runId}@example.al.test`;
  return {
    county: 'Durrës',
    staff: { name: 'Blerina Muça', email: address('blerina.muca'), language: 'en' },
    arta: {
      fullName: 'Arta Hoxha',
      email: address('arta.hoxha'),
      language: 'sq',
      position: 'Specialiste për çështjet sociale',
      institution: MUNICIPALITY,
      answer: 'accept',
    },
    ben: {
      fullName: 'Ben Kola',
      email: address('ben.kola'),
      language: 'en',
      position: 'Head of the anti-trafficking unit',
      institution: POLICE,
      answer: 'decline',
    },
    dea: {
      fullName: 'Dea Marku',
      email: address('dea.marku'),
      language: 'sq',
      position: 'Drejtoreshë',
      institution: EMPLOYMENT,
      answer: 'delegate',
    },
    gent: {
      fullName: 'Gent Rama',
      email: address('gent.rama'),
      language: 'en',
      position: 'School psychologist',
      institution: SCHOOLS,
      answer: null,
    },
    fatos: {
      fullName: 'Fatos Dervishi',
      email: address('fatos.dervishi'),
      language: 'sq',
      position: 'Inspektor',
      institution: POLICE,
      answer: null,
    },
    elira: {
      fullName: 'Elira Shehu',
      email: address('elira.shehu'),
      position: 'Këshilltare punësimi',
    },
    walkIn: {
      fullName: 'Flutura Lika',
      email: address('flutura.lika'),
      institution: 'Qendra Rinore Durrës',
      position: 'Punonjëse rinore',
    },
    reportRecipient: address('raportet'),
  };
}

/** The people the session invites, in the order the story answers for them. */
export const inviteesOf = (cast: DemoCast): Invitee[] => [
  cast.arta,
  cast.ben,
  cast.dea,
  cast.gent,
  cast.fatos,
];
