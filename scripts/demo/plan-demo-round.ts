import { DateTime } from 'luxon';
import { randomBytes } from 'node:crypto';
import { Page, ScheduleView } from './api-views';
import { DemoCast, DemoInstitution, inviteesOf } from './demo-cast';
import { DemoFailure } from './demo-failure';
import { DemoTiming, seconds } from './demo-timing';
import { FushataApi } from './fushata-api';

const TIME_ZONE = 'Europe/Tirane';

/** What the demo planned and scheduled, by id. */
export interface DemoRound {
  campaignId: string;
  roundId: string;
  sessionId: string;
  /** The contact of each invitee, by e-mail. */
  contactIdOf: Map<string, string>;
  startsAt: Date;
  endsAt: Date;
  schedule: ScheduleView;
}

/**
 * Plans the demo as a coordinator would through the API: the staff member in
 * charge, the invitees at their institutions, a campaign whose policy counts
 * in seconds, a round of one session in the county today, and the schedule.
 */
export async function planDemoRound(
  api: FushataApi,
  cast: DemoCast,
  timing: DemoTiming,
  runId: string,
): Promise<DemoRound> {
  const countyId = await findCounty(api, cast.county);
  const staff = await api.post<{ id: string }>('/api/users', {
    ...cast.staff,
    role: 'coordinator',
    // Nobody signs in as the staff member: they only receive the sheet's link.
    password: randomBytes(24).toString('base64url'),
  });
  const contactIds: string[] = [];
  for (const invitee of inviteesOf(cast)) {
    const contact = await api.post<{ id: string }>('/api/contacts', {
      fullName: invitee.fullName,
      email: invitee.email,
      language: invitee.language,
      position: invitee.position,
      institutionId: await findOrCreateInstitution(api, invitee.institution, countyId),
    });
    contactIds.push(contact.id);
  }
  const campaign = await api.post<{ id: string }>('/api/campaigns', {
    nameSq: `Mbi parandalimin e migracionit të parregullt (demo ${runId})`,
    nameEn: `On preventing irregular migration (demo ${runId})`,
    sloganSq: 'Zgjidhni mundësitë, jo migracionin e parregullt!',
    sloganEn: 'Choose opportunities, not irregular migration!',
    organiserSq:
      'Zyra e Koordinatorit Kombëtar për Çështje të Luftës kundër Trafikimit të Personave',
    organiserEn: 'Office of the National Coordinator for the Fight against Trafficking in Persons',
    partners: [
      {
        nameSq: 'Organizata Ndërkombëtare për Migracionin (IOM)',
        nameEn: 'International Organization for Migration (IOM)',
      },
    ],
    senderName: 'Zyra e Koordinatorit Kombëtar',
    senderEmail: 'fushata@example.al.test',
    timeZone: TIME_ZONE,
    reportRecipients: [cast.reportRecipient],
    policy: {
      // Longer than the time to the session, so the invitation goes at once.
      inviteBefore: 'PT1H',
      reminders: [
        { before: seconds(timing.remindNonRespondersBefore), audience: 'non_responders' },
        { before: seconds(timing.remindAcceptedBefore), audience: 'accepted' },
      ],
      followUpAfter: seconds(timing.followUpAfter),
      reportAfter: seconds(timing.reportAfter),
      sendWindow: { enabled: false, opensAt: '08:00', closesAt: '18:00', days: [1, 2, 3, 4, 5] },
    },
  });

  const startsAt = DateTime.now()
    .setZone(TIME_ZONE)
    .plus({ seconds: timing.sessionStartsIn })
    .startOf('second');
  const endsAt = startsAt.plus({ seconds: timing.sessionLasts });
  const round = await api.post<{ id: string }>('/api/rounds', {
    campaignId: campaign.id,
    countyId,
    // The session's own days in Tirana: a run just before midnight ends the round tomorrow.
    startsOn: startsAt.toISODate(),
    endsOn: endsAt.toISODate(),
    staffUserId: staff.id,
  });
  const session = await api.post<{ id: string }>(`/api/rounds/${round.id}/sessions`, {
    titleSq: 'Takim me Tryezën Teknike Antitrafik të qarkut Durrës',
    titleEn: 'Meeting with the Anti-Trafficking Technical Table of Durrës county',
    kind: 'meeting',
    startsAt: startsAt.toISO(),
    endsAt: endsAt.toISO(),
    venueSq: 'Institucioni i Prefektit të qarkut Durrës',
    venueEn: 'Prefect’s Institution, Durrës county',
    topicsSq: ['identifikimi i viktimave të trafikimit', 'mundësitë e punësimit për të rinjtë'],
    topicsEn: ['identifying victims of trafficking', 'job opportunities for young people'],
    walkInsCounted: true,
    audience: { contactIds },
  });
  const schedule = await api.post<ScheduleView>(`/api/rounds/${round.id}/schedule`, undefined, 200);
  return {
    campaignId: campaign.id,
    roundId: round.id,
    sessionId: session.id,
    contactIdOf: new Map(
      inviteesOf(cast).map((invitee, index) => [invitee.email, contactIds[index]]),
    ),
    startsAt: startsAt.toJSDate(),
    endsAt: endsAt.toJSDate(),
    schedule,
  };
}

async function findCounty(api: FushataApi, name: string): Promise<string> {
  const counties = await api.get<Array<{ id: string; name: string }>>('/api/counties');
  const county = counties.find((candidate) => candidate.name === name);
  if (!county) throw new DemoFailure(`Fushata has no county named ${name}`);
  return county.id;
}

/** Institutions are shared by every run, so the directory gains people, not copies of offices. */
async function findOrCreateInstitution(
  api: FushataApi,
  institution: DemoInstitution,
  countyId: string,
): Promise<string> {
  const query = new URLSearchParams({ q: institution.name, countyId, limit: '200' });
  const found = await api.get<Page<{ id: string; name: string }>>(`/api/institutions?${query}`);
  const existing = found.items.find((candidate) => candidate.name === institution.name);
  if (existing) return existing.id;
  const created = await api.post<{ id: string }>('/api/institutions', { ...institution, countyId });
  return created.id;
}
