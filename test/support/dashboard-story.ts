import { DateTime } from 'luxon';
import { enterElbasanRound } from './elbasan-round';
import { contact } from './round-fixture';
import { TestApp } from './test-app';

const TIRANA = 'Europe/Tirane';

export const COORDINATOR = {
  name: 'Drita Koçi',
  email: 'drita.koci@example.org',
  password: 'drita-password-long-enough',
};

export const COMMITTEE = 'Tryeza Teknike Antitrafik Kukës';
export const SCHOOL = 'Gjimnazi i Kukësit';

/** Invented people of the Kukës directory, as the demo has them; Lindita sits on the committee too. */
export const PEOPLE = {
  arben: { name: 'Arben Hysa', email: 'arben.hysa@example.al.test' },
  vjollca: { name: 'Vjollca Dushku', email: 'vjollca.dushku@example.al.test' },
  teuta: { name: 'Teuta Kryeziu', email: 'teuta.kryeziu@example.al.test' },
  lindita: { name: 'Lindita Ndoja', email: 'lindita.ndoja@example.al.test' },
  ervis: { name: 'Ervis Luli', email: 'ervis.luli@example.al.test' },
};

export const COMMITTEE_MEMBERS = [PEOPLE.arben, PEOPLE.vjollca, PEOPLE.teuta, PEOPLE.lindita];
export const SCHOOL_CONTACTS = [PEOPLE.lindita, PEOPLE.ervis];

async function created(
  response: Promise<{ status: number; body: any }>,
  what: string,
): Promise<any> {
  const { status, body } = await response;
  if (status !== 201 && status !== 200)
    throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * What the office had before the coordinator's first day: the Elbasan round
 * with its report, the coordinator's account, and the Kukës directory (the
 * committee, the gymnasium and their people). The campaign invites two weeks
 * ahead with no reminders and no send window, so a round planned for today
 * is invited at once.
 */
export async function officeWorld(app: TestApp): Promise<{ campaignId: string }> {
  const { campaignId } = await enterElbasanRound(app);
  await created(
    app.patch(`/api/campaigns/${campaignId}`, {
      policy: {
        inviteBefore: 'P14D',
        reminders: [],
        followUpAfter: 'P1D',
        reportAfter: 'P2D',
        sendWindow: { enabled: false, opensAt: '08:00', closesAt: '18:00', days: [1, 2, 3, 4, 5] },
      },
    }),
    'policy',
  );
  await created(
    app.post('/api/users', { ...COORDINATOR, role: 'coordinator', language: 'sq' }),
    'coordinator',
  );
  const countyId = await app.countyId('Kukës');
  const committee = await created(
    app.post('/api/committees', { name: COMMITTEE, countyId }),
    'committee',
  );
  const prefecture = await created(
    app.post('/api/institutions', {
      name: 'Institucioni i Prefektit të Qarkut Kukës',
      kind: 'prefecture',
      countyId,
    }),
    'prefecture',
  );
  const education = await created(
    app.post('/api/institutions', {
      name: 'Drejtoria Arsimore Rajonale Kukës',
      kind: 'other',
      countyId,
    }),
    'education directorate',
  );
  const school = await created(
    app.post('/api/institutions', { name: SCHOOL, kind: 'school', countyId }),
    'school',
  );
  const ids = {
    arben: await contact(app, PEOPLE.arben.name, PEOPLE.arben.email, {
      institutionId: prefecture.id,
      position: 'Zëvendësprefekt',
    }),
    vjollca: await contact(app, PEOPLE.vjollca.name, PEOPLE.vjollca.email, {
      institutionId: prefecture.id,
    }),
    teuta: await contact(app, PEOPLE.teuta.name, PEOPLE.teuta.email, {
      institutionId: education.id,
      position: 'Drejtore',
    }),
    lindita: await contact(app, PEOPLE.lindita.name, PEOPLE.lindita.email, {
      institutionId: school.id,
      position: 'Drejtore e shkollës',
    }),
    ervis: await contact(app, PEOPLE.ervis.name, PEOPLE.ervis.email, {
      institutionId: school.id,
      position: 'Mësues i gjuhës angleze',
      language: 'en',
    }),
  };
  for (const member of [ids.arben, ids.vjollca, ids.teuta, ids.lindita]) {
    await created(
      app.post(`/api/committees/${committee.id}/members`, { contactId: member }),
      'member',
    );
  }
  return { campaignId };
}

/** A day counted from today in Tirana, as a date field takes it. */
export function tiranaDay(offset: number): string {
  return DateTime.now().setZone(TIRANA).startOf('day').plus({ days: offset }).toISODate() as string;
}

/**
 * A session that starts in about half an hour, Tirana time, so its
 * attendance sheet (open from an hour before the start) takes a record now.
 * It keeps to one day, as the form has one date: near midnight it starts just
 * after it, and it ends at 23:59 at the latest.
 */
export function sessionSoon(): { date: string; startTime: string; endTime: string } {
  let start = DateTime.now().setZone(TIRANA).plus({ minutes: 30 }).startOf('minute');
  if (start.hour === 23 && start.minute >= 55) start = start.plus({ days: 1 }).startOf('day');
  const end = DateTime.min(start.plus({ hours: 1 }), start.set({ hour: 23, minute: 59 }));
  return {
    date: start.toISODate() as string,
    startTime: start.toFormat('HH:mm'),
    endTime: end.toFormat('HH:mm'),
  };
}
