import { DateTime } from 'luxon';
import { TestApp } from './test-app';

const TIRANA = 'Europe/Tirane';

/** A campaign whose steps come seconds apart, so a whole round plays in a test. */
export async function fastCampaign(
  app: TestApp,
  offsets: {
    inviteBefore: string;
    reminders: Array<{ before: string; audience: string }>;
    followUpAfter?: string;
    followUpTo?: string[];
    /** Open at all hours unless given. */
    sendWindow?: { opensAt: string; closesAt: string; days: number[] };
  },
): Promise<string> {
  const response = await app.post('/api/campaigns', {
    nameSq: 'Mbi parandalimin e migracionit të parregullt',
    nameEn: 'On preventing irregular migration',
    sloganSq: 'Zgjidhni mundësitë, jo migracionin e parregullt!',
    sloganEn: 'Choose opportunities, not irregular migration!',
    organiserSq:
      'Zyra e Koordinatorit Kombëtar për Çështje të Luftës kundër Trafikimit të Personave',
    organiserEn: 'Office of the National Coordinator for the Fight against Trafficking in Persons',
    senderName: 'Zyra e Koordinatorit Kombëtar',
    senderEmail: 'fushata@example.org',
    timeZone: TIRANA,
    policy: {
      inviteBefore: offsets.inviteBefore,
      reminders: offsets.reminders,
      followUpAfter: offsets.followUpAfter ?? 'P1D',
      ...(offsets.followUpTo ? { followUpTo: offsets.followUpTo } : {}),
      reportAfter: 'P2D',
      sendWindow: offsets.sendWindow
        ? { enabled: true, ...offsets.sendWindow }
        : { enabled: false, opensAt: '08:00', closesAt: '18:00', days: [1, 2, 3, 4, 5] },
    },
  });
  if (response.status !== 201) throw new Error(`campaign: ${JSON.stringify(response.body)}`);
  return response.body.id;
}

export async function contact(
  app: TestApp,
  fullName: string,
  email: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const response = await app.post('/api/contacts', { fullName, email, ...extra });
  if (response.status !== 201) throw new Error(`contact: ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** A draft round in Elbasan around today (in Tirana) with sessions starting `startInMs` from now. */
export async function draftRound(
  app: TestApp,
  campaignId: string,
  sessions: Array<{
    titleSq: string;
    titleEn: string;
    startInMs: number;
    /** Two hours unless given. */
    durationMs?: number;
    audience: Record<string, string[]>;
  }>,
): Promise<{ roundId: string; sessionIds: string[] }> {
  const today = DateTime.now().setZone(TIRANA);
  const round = await app.post('/api/rounds', {
    campaignId,
    countyId: await app.countyId('Elbasan'),
    startsOn: today.minus({ days: 1 }).toISODate(),
    endsOn: today.plus({ days: 2 }).toISODate(),
  });
  if (round.status !== 201) throw new Error(`round: ${JSON.stringify(round.body)}`);
  const sessionIds: string[] = [];
  for (const session of sessions) {
    const startsAt = new Date(Date.now() + session.startInMs);
    const created = await app.post(`/api/rounds/${round.body.id}/sessions`, {
      titleSq: session.titleSq,
      titleEn: session.titleEn,
      kind: 'meeting',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + (session.durationMs ?? 2 * 3600_000)).toISOString(),
      venueSq: 'Institucioni i Prefektit të qarkut Elbasan',
      venueEn: 'Prefect’s Institution, Elbasan county',
      audience: session.audience,
    });
    if (created.status !== 201) throw new Error(`session: ${JSON.stringify(created.body)}`);
    sessionIds.push(created.body.id);
  }
  return { roundId: round.body.id, sessionIds };
}
