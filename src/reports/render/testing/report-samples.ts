import { SessionPhase } from '../../../rounds/session-phase';
import { Language } from '../../../common/language';
import { InvitationStatus } from '../../../rounds/invitation-status';
import { RoundStatus } from '../../../rounds/round-status';
import { SessionKind, SessionStatus } from '../../../rounds/session-kind';
import { formatDays, formatSessionTime } from '../../report-format';
import { ReportLabels, reportLabels } from '../../report-labels';
import {
  CampaignReport,
  CampaignReportRound,
  InstitutionReach,
  NarrativeBlock,
  ReportCampaign,
  ReportMaterial,
  ReportParticipant,
  ReportRoundRef,
  ReportSession,
  RoundReport,
  SessionCounts,
} from '../../report-model';

/*
 * Reports for renderer tests, built from the published Elbasan round of
 * 22 November 2017 (the campaign's real facts; people's names are invented).
 * Kept in code rather than read from the shared scenario so that tests stay
 * self-contained. The counts are chosen to add up the way the model defines
 * them (answered = accepted + declined + delegated, and so on), so a renderer
 * that recomputes a figure finds the same one.
 */

type Texts = Record<Language, string>;

const TIME_ZONE = 'Europe/Tirane';
const GENERATED_AT = '2017-11-24T09:30:00.000Z';

/** Markup in a stored name, which every renderer must print as text. */
export const SAMPLE_MARKUP = '<script>alert(1)</script>';

const CAMPAIGN = {
  id: '5d0c6a52-7f0e-4d8a-9a57-2f4c1b7e0a01',
  name: {
    sq: 'Mbi parandalimin e migracionit të parregullt',
    en: 'On preventing irregular migration',
  },
  slogan: {
    sq: 'Zgjidhni mundësitë, jo migracionin e parregullt!',
    en: 'Choose opportunities, not irregular migration!',
  },
  organiser: {
    sq: 'Zyra e Koordinatorit Kombëtar për Çështje të Luftës kundër Trafikimit të Personave',
    en: 'Office of the National Coordinator for the Fight against Trafficking in Persons',
  },
  partners: [
    {
      sq: 'Komiteti Rajonal Antitrafik (Elbasan)',
      en: 'Regional Anti-Trafficking Committee (Elbasan)',
    },
    { sq: 'Ministria e Arsimit, Sportit dhe Rinisë', en: 'Ministry of Education, Sport and Youth' },
    {
      sq: 'Drejtoria e Përgjithshme e Policisë së Shtetit — Departamenti për Kufirin dhe Migracionin',
      en: 'State Police General Directorate — Border and Migration Department',
    },
    {
      sq: 'Organizata Ndërkombëtare për Migracionin (IOM)',
      en: 'International Organization for Migration (IOM)',
    },
  ],
};

export const SAMPLE_COUNTIES = [
  'Berat',
  'Dibër',
  'Durrës',
  'Elbasan',
  'Fier',
  'Gjirokastër',
  'Korçë',
  'Kukës',
  'Lezhë',
  'Shkodër',
  'Tiranë',
  'Vlorë',
];

const ELBASAN = {
  id: '5d0c6a52-7f0e-4d8a-9a57-2f4c1b7e0a10',
  county: 'Elbasan',
  startsOn: '2017-11-22',
  endsOn: '2017-11-22',
  staff: 'Ermira Kodheli',
};

const UPCOMING = [
  {
    id: '5d0c6a52-7f0e-4d8a-9a57-2f4c1b7e0a11',
    county: 'Kukës',
    startsOn: '2017-12-05',
    endsOn: '2017-12-07',
  },
  {
    id: '5d0c6a52-7f0e-4d8a-9a57-2f4c1b7e0a12',
    county: 'Shkodër',
    startsOn: '2017-12-12',
    endsOn: '2017-12-14',
  },
  {
    id: '5d0c6a52-7f0e-4d8a-9a57-2f4c1b7e0a13',
    county: 'Korçë',
    startsOn: '2017-12-19',
    endsOn: '2017-12-21',
  },
];

const SCHOOL = 'Shkolla e mesme “Vasil Kamami”';
const EMPLOYMENT_OFFICE = 'Zyra Rajonale e Punësimit Elbasan';

interface SessionFacts {
  id: string;
  title: Texts;
  kind: SessionKind;
  /** Hours in UTC; Tirana is UTC+1 in November. */
  startsAt: string;
  endsAt: string;
  venue: Texts | null;
  topics: Texts[];
  counts: Omit<SessionCounts, 'answered' | 'participants'>;
  headCountNote: Texts | null;
  headCountBreakdown: { label: Texts; count: number }[];
}

const SESSIONS: SessionFacts[] = [
  {
    id: '5d0c6a52-7f0e-4d8a-9a57-2f4c1b7e0b01',
    title: {
      sq: 'Takim me anëtarët e Tryezës Teknike',
      en: 'Meeting with the members of the Technical Table',
    },
    kind: SessionKind.Meeting,
    startsAt: '2017-11-22T08:00:00.000Z',
    endsAt: '2017-11-22T09:00:00.000Z',
    venue: {
      sq: 'Institucioni i Prefektit të qarkut Elbasan',
      en: "Prefect's Institution, Elbasan county",
    },
    topics: [],
    // One of the 31 invitations is the substitute's own.
    counts: {
      invited: 31,
      accepted: 27,
      declined: 2,
      delegated: 1,
      attended: 27,
      walkIns: 2,
      headCount: 29,
    },
    headCountNote: null,
    headCountBreakdown: [],
  },
  {
    id: '5d0c6a52-7f0e-4d8a-9a57-2f4c1b7e0b02',
    title: {
      sq: 'Workshop me anëtarë të Tryezës Teknike Antitrafik',
      en: 'Workshop with members of the Anti-Trafficking Technical Table',
    },
    kind: SessionKind.Workshop,
    startsAt: '2017-11-22T09:15:00.000Z',
    endsAt: '2017-11-22T11:15:00.000Z',
    venue: null,
    topics: [
      {
        sq: 'identifikimi i viktimave të trafikimit',
        en: 'identification of victims of trafficking',
      },
      { sq: 'migracioni i parregullt', en: 'irregular migration' },
      {
        sq: 'roli i shkollës në parandalimin e trafikimit dhe të migracionit të parregullt',
        en: 'the role of the school in preventing trafficking and irregular migration',
      },
    ],
    counts: {
      invited: 28,
      accepted: 24,
      declined: 3,
      delegated: 0,
      attended: 23,
      walkIns: 2,
      headCount: 25,
    },
    headCountNote: null,
    headCountBreakdown: [],
  },
  {
    id: '5d0c6a52-7f0e-4d8a-9a57-2f4c1b7e0b03',
    title: {
      sq: 'Takim me përfaqësues të organizatave të shoqërisë civile',
      en: 'Meeting with representatives of civil society organisations',
    },
    kind: SessionKind.Meeting,
    startsAt: '2017-11-22T11:30:00.000Z',
    endsAt: '2017-11-22T12:30:00.000Z',
    venue: null,
    topics: [],
    counts: {
      invited: 30,
      accepted: 25,
      declined: 4,
      delegated: 0,
      attended: 24,
      walkIns: 1,
      headCount: 25,
    },
    headCountNote: null,
    headCountBreakdown: [],
  },
  {
    id: '5d0c6a52-7f0e-4d8a-9a57-2f4c1b7e0b04',
    title: {
      sq: 'Takim me mësuesit e shkollës së mesme “Vasil Kamami”',
      en: 'Meeting with the teachers of the “Vasil Kamami” high school',
    },
    kind: SessionKind.Meeting,
    startsAt: '2017-11-22T12:45:00.000Z',
    endsAt: '2017-11-22T13:30:00.000Z',
    venue: { sq: SCHOOL, en: SCHOOL },
    topics: [],
    counts: {
      invited: 26,
      accepted: 25,
      declined: 1,
      delegated: 0,
      attended: 25,
      walkIns: 0,
      headCount: 25,
    },
    headCountNote: null,
    headCountBreakdown: [],
  },
  {
    id: '5d0c6a52-7f0e-4d8a-9a57-2f4c1b7e0b05',
    title: {
      sq: 'Takim me Zyrën Rajonale të Punësimit dhe qytetarët',
      en: 'Meeting with the Regional Employment Office and citizens',
    },
    kind: SessionKind.Meeting,
    startsAt: '2017-11-22T13:45:00.000Z',
    endsAt: '2017-11-22T14:30:00.000Z',
    venue: { sq: EMPLOYMENT_OFFICE, en: EMPLOYMENT_OFFICE },
    topics: [],
    // The citizens who came by were told about the campaign but nobody counted them.
    counts: {
      invited: 3,
      accepted: 2,
      declined: 0,
      delegated: 0,
      attended: 2,
      walkIns: 0,
      headCount: null,
    },
    headCountNote: null,
    headCountBreakdown: [],
  },
  {
    id: '5d0c6a52-7f0e-4d8a-9a57-2f4c1b7e0b06',
    title: {
      sq: 'Sesione informimi me nxënësit e shkollës “Vasil Kamami”',
      en: 'Information sessions with the students of the “Vasil Kamami” school',
    },
    kind: SessionKind.InfoSession,
    startsAt: '2017-11-22T14:45:00.000Z',
    endsAt: '2017-11-22T15:30:00.000Z',
    venue: { sq: SCHOOL, en: SCHOOL },
    topics: [],
    // Students are counted in the room, never invited by e-mail.
    counts: {
      invited: 0,
      accepted: 0,
      declined: 0,
      delegated: 0,
      attended: 0,
      walkIns: 0,
      headCount: 30,
    },
    headCountNote: { sq: 'rreth 30', en: 'about 30' },
    headCountBreakdown: [
      { label: { sq: 'vajza', en: 'girls' }, count: 16 },
      { label: { sq: 'djem', en: 'boys' }, count: 14 },
    ],
  },
];

interface ParticipantFacts {
  session: number;
  fullName: string;
  institution: string | null;
  position: Texts | null;
  answer: InvitationStatus | null;
  attended: boolean | null;
  substituteFor?: string;
}

const PARTICIPANTS: ParticipantFacts[] = [
  {
    session: 0,
    fullName: 'Arbër Çela',
    institution: 'Prefektura e Elbasanit',
    position: { sq: 'Zëvendësprefekt', en: 'Deputy Prefect' },
    answer: InvitationStatus.Accepted,
    attended: true,
  },
  {
    session: 0,
    fullName: 'Drita Hoxha',
    institution: 'Drejtoria Arsimore Rajonale Elbasan',
    position: { sq: 'Drejtoreshë', en: 'Director' },
    answer: InvitationStatus.Delegated,
    attended: false,
  },
  {
    session: 0,
    fullName: 'Gëzim Muça',
    institution: 'Drejtoria Arsimore Rajonale Elbasan',
    position: { sq: 'Specialist për mbrojtjen e fëmijëve', en: 'Child protection specialist' },
    answer: InvitationStatus.Accepted,
    attended: true,
    substituteFor: 'Drita Hoxha',
  },
  {
    session: 0,
    fullName: 'Elona Përmeti',
    institution: 'Komiteti Rajonal Antitrafik (Elbasan)',
    position: { sq: 'Sekretare', en: 'Secretary' },
    answer: InvitationStatus.Declined,
    attended: false,
  },
  {
    session: 1,
    fullName: 'Blerina Kçira',
    institution: 'Këshilli i Qarkut Elbasan',
    position: { sq: 'Këshilltare', en: 'Councillor' },
    answer: InvitationStatus.Accepted,
    attended: true,
  },
  {
    session: 1,
    fullName: 'Ilir Dervishaj',
    institution: 'Bashkia Cërrik',
    position: null,
    answer: InvitationStatus.Pending,
    attended: null,
  },
  {
    session: 2,
    fullName: 'Mirela Gjoçi',
    institution: `Shoqata “Gruaja & Fëmija” ${SAMPLE_MARKUP}`,
    position: { sq: 'Drejtoreshë ekzekutive', en: 'Executive director' },
    answer: InvitationStatus.Accepted,
    attended: true,
  },
  {
    session: 2,
    fullName: 'Ardit Zeneli',
    institution: 'Qendra Rinore Elbasan',
    position: { sq: 'Vullnetar', en: 'Volunteer' },
    answer: null,
    attended: true,
  },
  {
    session: 3,
    fullName: 'Valbona Shehu',
    institution: SCHOOL,
    position: { sq: 'Mësuese e gjuhës shqipe', en: 'Albanian language teacher' },
    answer: InvitationStatus.Accepted,
    attended: true,
  },
  {
    session: 4,
    fullName: 'Fatjon Këlliçi',
    institution: EMPLOYMENT_OFFICE,
    position: { sq: 'Drejtor', en: 'Director' },
    answer: InvitationStatus.Accepted,
    attended: true,
  },
];

const MATERIAL = {
  description: { sq: 'fletëpalosje', en: 'leaflets' },
  quantity: 4000,
  places: {
    sq: 'bare kafeje dhe vende të tjera publike në qarkun Elbasan',
    en: 'cafés and other public places across Elbasan county',
  },
};

const RECOMMENDATIONS: Texts[] = [
  {
    sq: 'Nevojat për fuqizimin e grave dhe komunitetit dhe aktivitetet paralele të ndërgjegjësimit',
    en: 'The need to empower women and the community, with parallel awareness activities',
  },
  {
    sq: 'Rëndësia e medias dhe roli i tyre vendimtar në fushatat e ndërgjegjësimit',
    en: 'The importance of the media and their decisive role in awareness campaigns',
  },
  {
    sq: 'Bashkëpunimi institucional është me rëndësi të madhe dhe punon në skuadrat multidisiplinare',
    en: 'Institutional cooperation matters greatly and works in multidisciplinary teams',
  },
  {
    sq: 'Prioritet duhet t’i kushtohet krijimit të mundësive për zhvillimin e komunitetit, përmes mbështetjes së kategorive të rrezikuara për zbatimin e projekteve që adresojnë çështjet ekonomike sociale',
    en: 'Priority should go to creating opportunities for community development, by supporting at-risk groups to carry out projects that address social and economic issues',
  },
];

const NARRATIVE: Record<Language, NarrativeBlock[]> = {
  [Language.Albanian]: [
    {
      kind: 'paragraph',
      text: 'Më 22 nëntor 2017, në qarkun e Elbasanit, Zyra e Koordinatorit Kombëtar bashkë me partnerët zhvilloi gjashtë takime informuese mbi parandalimin e migracionit të parregullt, me sloganin “Zgjidhni mundësitë, jo migracionin e parregullt!”.',
    },
    {
      kind: 'paragraph',
      text: 'Në takimin me anëtarët e Tryezës Teknike morën pjesë 29 persona; në workshop, në takimin me shoqërinë civile dhe në takimin me mësuesit, nga 25 pjesëmarrës. Sesionet me nxënësit e shkollës “Vasil Kamami” mblodhën rreth 30 nxënës.',
    },
    {
      kind: 'list',
      items: [
        'U shpërndanë 4000 fletëpalosje në bare kafeje dhe vende të tjera publike.',
        'Qytetarët në Zyrën e Punësimit u informuan për fushatën kombëtare.',
        'Raundi i ardhshëm: Kukës, 5–7 dhjetor 2017.',
      ],
    },
    {
      kind: 'paragraph',
      text: 'Pjesëmarrësit theksuan rëndësinë e bashkëpunimit institucional dhe të medias në fushatat e ndërgjegjësimit.',
    },
  ],
  [Language.English]: [
    {
      kind: 'paragraph',
      text: 'On 22 November 2017, in Elbasan county, the Office of the National Coordinator and its partners held six information sessions on preventing irregular migration, under the slogan “Choose opportunities, not irregular migration!”.',
    },
    {
      kind: 'paragraph',
      text: 'Twenty-nine people took part in the meeting with the members of the Technical Table; the workshop, the meeting with civil society and the meeting with teachers each had 25 participants. The sessions with the students of the “Vasil Kamami” school reached about 30 students.',
    },
    {
      kind: 'list',
      items: [
        '4,000 leaflets were handed out in cafés and other public places.',
        'Citizens at the Employment Office were told about the national campaign.',
        'Next round: Kukës, 5–7 December 2017.',
      ],
    },
    {
      kind: 'paragraph',
      text: 'Participants stressed how much institutional cooperation and the media matter in awareness campaigns.',
    },
  ],
};

const INSTITUTIONS: Omit<InstitutionReach, 'represented'>[] = [
  { name: 'Prefektura e Elbasanit', invited: 3, attended: 3 },
  { name: 'Drejtoria Arsimore Rajonale Elbasan', invited: 5, attended: 4 },
  { name: 'Këshilli i Qarkut Elbasan', invited: 2, attended: 2 },
  { name: 'Bashkia Elbasan', invited: 6, attended: 4 },
  { name: 'Bashkia Cërrik', invited: 2, attended: 0 },
  { name: 'Komiteti Rajonal Antitrafik (Elbasan)', invited: 4, attended: 3 },
  { name: `Shoqata “Gruaja & Fëmija” ${SAMPLE_MARKUP}`, invited: 2, attended: 1 },
  { name: SCHOOL, invited: 26, attended: 25 },
  { name: EMPLOYMENT_OFFICE, invited: 3, attended: 2 },
  // Named only by a walk-in: represented without an invitation.
  { name: 'Qendra Rinore Elbasan', invited: 0, attended: 1 },
];

function campaign(language: Language): ReportCampaign {
  return {
    id: CAMPAIGN.id,
    name: CAMPAIGN.name[language],
    slogan: CAMPAIGN.slogan[language],
    organiser: CAMPAIGN.organiser[language],
    partners: CAMPAIGN.partners.map((partner) => partner[language]),
    timeZone: TIME_ZONE,
  };
}

function roundRef(
  round: { id: string; county: string; startsOn: string; endsOn: string },
  status: RoundStatus,
  language: Language,
  labels: ReportLabels,
): ReportRoundRef {
  return {
    id: round.id,
    county: round.county,
    startsOn: round.startsOn,
    endsOn: round.endsOn,
    dates: formatDays(round.startsOn, round.endsOn, language),
    status,
    statusLabel: labels.roundStatuses[status],
  };
}

function completeCounts(counts: SessionFacts['counts']): SessionCounts {
  return {
    ...counts,
    answered: counts.accepted + counts.declined + counts.delegated,
    participants: counts.headCount ?? counts.attended + counts.walkIns,
  };
}

/** The counts of several sessions or rounds together; no head count when none was taken. */
function sumCounts(all: SessionCounts[]): SessionCounts {
  const sum = (pick: (counts: SessionCounts) => number) =>
    all.reduce((total, counts) => total + pick(counts), 0);
  const counted = all.filter((counts) => counts.headCount !== null);
  return {
    invited: sum((c) => c.invited),
    answered: sum((c) => c.answered),
    accepted: sum((c) => c.accepted),
    declined: sum((c) => c.declined),
    delegated: sum((c) => c.delegated),
    attended: sum((c) => c.attended),
    walkIns: sum((c) => c.walkIns),
    headCount: counted.length ? counted.reduce((total, c) => total + (c.headCount ?? 0), 0) : null,
    participants: sum((c) => c.participants),
  };
}

const NO_COUNTS: SessionCounts = completeCounts({
  invited: 0,
  accepted: 0,
  declined: 0,
  delegated: 0,
  attended: 0,
  walkIns: 0,
  headCount: null,
});

function session(facts: SessionFacts, language: Language, labels: ReportLabels): ReportSession {
  return {
    id: facts.id,
    title: facts.title[language],
    kind: facts.kind,
    kindLabel: labels.sessionKinds[facts.kind],
    status: SessionStatus.Planned,
    // The samples are of rounds that took place.
    phase: SessionPhase.Held,
    phaseLabel: labels.sessionPhases[SessionPhase.Held],
    startsAt: facts.startsAt,
    endsAt: facts.endsAt,
    when: formatSessionTime(new Date(facts.startsAt), new Date(facts.endsAt), language, TIME_ZONE),
    venue: facts.venue?.[language] ?? null,
    topics: facts.topics.map((topic) => topic[language]),
    counts: completeCounts(facts.counts),
    headCountNote: facts.headCountNote?.[language] ?? null,
    headCountBreakdown: facts.headCountBreakdown.map((group) => ({
      label: group.label[language],
      count: group.count,
    })),
  };
}

function attendedLabel(attended: boolean | null, labels: ReportLabels): string {
  if (attended === null) return labels.attendanceMarks.unknown;
  return attended ? labels.attendanceMarks.present : labels.attendanceMarks.absent;
}

function participant(
  facts: ParticipantFacts,
  sessions: ReportSession[],
  language: Language,
  labels: ReportLabels,
): ReportParticipant {
  const { id, title } = sessions[facts.session];
  return {
    sessionId: id,
    sessionTitle: title,
    fullName: facts.fullName,
    institution: facts.institution,
    position: facts.position?.[language] ?? null,
    walkIn: facts.answer === null,
    answer: facts.answer,
    answerLabel: facts.answer === null ? labels.walkIn : labels.answers[facts.answer],
    attended: facts.attended,
    attendedLabel: attendedLabel(facts.attended, labels),
    substituteFor: facts.substituteFor ?? null,
  };
}

function material(language: Language): ReportMaterial {
  return {
    description: MATERIAL.description[language],
    quantity: MATERIAL.quantity,
    places: MATERIAL.places[language],
    sessionTitle: null,
  };
}

/** The Elbasan round of 22 November 2017, with a handful of its participants by name. */
export function sampleRoundReport(language: Language): RoundReport {
  const labels = reportLabels(language);
  const sessions = SESSIONS.map((facts) => session(facts, language, labels));
  return {
    kind: 'round',
    language,
    generatedAt: GENERATED_AT,
    campaign: campaign(language),
    round: {
      ...roundRef(ELBASAN, RoundStatus.Completed, language, labels),
      staff: ELBASAN.staff,
    },
    sessions,
    funnel: sumCounts(sessions.map((s) => s.counts)),
    participants: PARTICIPANTS.map((facts) => participant(facts, sessions, language, labels)),
    recommendations: RECOMMENDATIONS.map((text) => text[language]),
    materials: [material(language)],
    nextRounds: UPCOMING.map((round) => roundRef(round, RoundStatus.Scheduled, language, labels)),
    narrative: NARRATIVE[language],
  };
}

/** The campaign as it stood after Elbasan: one round done, three scheduled. */
export function sampleCampaignReport(language: Language): CampaignReport {
  const labels = reportLabels(language);
  const elbasan = sampleRoundReport(language);
  const rounds: CampaignReportRound[] = [
    {
      ...roundRef(ELBASAN, RoundStatus.Completed, language, labels),
      sessionsHeld: elbasan.sessions.length,
      counts: elbasan.funnel,
      materials: elbasan.materials,
      recommendations: elbasan.recommendations,
    },
    ...UPCOMING.map((round) => ({
      ...roundRef(round, RoundStatus.Scheduled, language, labels),
      sessionsHeld: 0,
      counts: NO_COUNTS,
      materials: [],
      recommendations: [],
    })),
  ];
  const visited = [ELBASAN.county];
  const planned = UPCOMING.map((round) => round.county);
  const rows = INSTITUTIONS.map((row) => ({ ...row, represented: row.attended > 0 }));
  return {
    kind: 'campaign',
    language,
    generatedAt: GENERATED_AT,
    campaign: campaign(language),
    rounds,
    totals: {
      ...sumCounts(rounds.map((round) => round.counts)),
      rounds: rounds.length,
      sessionsHeld: rounds.reduce((total, round) => total + round.sessionsHeld, 0),
      materials: rounds
        .flatMap((round) => round.materials)
        .reduce((total, m) => total + m.quantity, 0),
    },
    counties: {
      visited,
      planned,
      notYet: SAMPLE_COUNTIES.filter(
        (county) => !visited.includes(county) && !planned.includes(county),
      ),
    },
    institutions: {
      invited: rows.filter((row) => row.invited > 0).length,
      represented: rows.filter((row) => row.represented).length,
      rows,
    },
  };
}

const FIRST_NAMES = ['Arbër', 'Drita', 'Gëzim', 'Elona', 'Blerina', 'Ilir', 'Mirela', 'Ardit'];
const LAST_NAMES = ['Çela', 'Hoxha', 'Muça', 'Përmeti', 'Kçira', 'Dervishaj', 'Gjoçi', 'Zeneli'];
const LARGE_ANSWERS = [
  InvitationStatus.Accepted,
  InvitationStatus.Accepted,
  InvitationStatus.Accepted,
  InvitationStatus.Declined,
  InvitationStatus.Pending,
];

/**
 * The sample round grown to `sessions × perSession` invitees, for timing a
 * renderer on a round far larger than any real one. Every seventh institution
 * name is long enough to wrap in a table cell.
 */
export function largeRoundReport(language: Language, sessions = 6, perSession = 1000): RoundReport {
  const labels = reportLabels(language);
  const sample = sampleRoundReport(language);
  const participants: ReportParticipant[] = [];
  const reportSessions = Array.from({ length: sessions }, (_, index): ReportSession => {
    const base = sample.sessions[index % sample.sessions.length];
    const id = `${base.id.slice(0, -4)}${String(index).padStart(4, '0')}`;
    const title = `${base.title} (${index + 1})`;
    for (let n = 0; n < perSession; n++) {
      const answer = LARGE_ANSWERS[n % LARGE_ANSWERS.length];
      const attended = answer === InvitationStatus.Accepted ? n % 11 !== 0 : false;
      participants.push({
        sessionId: id,
        sessionTitle: title,
        fullName: `${FIRST_NAMES[n % FIRST_NAMES.length]} ${LAST_NAMES[(n * 3 + index) % LAST_NAMES.length]}`,
        institution:
          n % 7 === 0
            ? `Drejtoria e Përgjithshme e Policisë së Shtetit — Departamenti për Kufirin dhe Migracionin, njësia ${n}`
            : `Bashkia ${SAMPLE_COUNTIES[n % SAMPLE_COUNTIES.length]}`,
        position: n % 3 === 0 ? null : 'Specialist',
        walkIn: false,
        answer,
        answerLabel: labels.answers[answer],
        attended,
        attendedLabel: attendedLabel(attended, labels),
        substituteFor: null,
      });
    }
    const own = participants.slice(-perSession);
    const count = (test: (p: ReportParticipant) => boolean) => own.filter(test).length;
    const counts = completeCounts({
      invited: perSession,
      accepted: count((p) => p.answer === InvitationStatus.Accepted),
      declined: count((p) => p.answer === InvitationStatus.Declined),
      delegated: 0,
      attended: count((p) => p.attended === true),
      walkIns: 0,
      headCount: null,
    });
    return { ...base, id, title, counts };
  });
  return {
    ...sample,
    sessions: reportSessions,
    funnel: sumCounts(reportSessions.map((s) => s.counts)),
    participants,
  };
}
