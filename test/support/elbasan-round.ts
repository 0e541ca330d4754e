import elbasan from '../fixtures/elbasan-2017.json';
import { TestApp } from './test-app';

/** The facts of the published Elbasan report, copied into the project from the scenario. */
export const ELBASAN = elbasan;

/** Local 10:00, 11:30, 13:00, … in Tirana (UTC+1 in November), one session after the other. */
function sessionTimes(index: number): { startsAt: string; endsAt: string } {
  const start = new Date(Date.UTC(2017, 10, 22, 9 + index, index % 2 === 0 ? 0 : 30));
  return {
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 60 * 60 * 1000).toISOString(),
  };
}

async function created(response: Promise<{ status: number; body: any }>, what: string) {
  const { status, body } = await response;
  if (status !== 201 && status !== 200)
    throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * Enters the Elbasan round of 22 November 2017 through the API as the office
 * would after the day: the campaign with its partners, the six sessions, the
 * round recorded as held (so nothing is sent), each session's
 * attendance as the report gives it, the leaflets, the four
 * recommendations, and the three rounds planned next.
 */
export async function enterElbasanRound(app: TestApp): Promise<{
  campaignId: string;
  roundId: string;
  sessionIds: string[];
}> {
  const { campaign, round, upcoming_rounds: upcoming } = ELBASAN;
  const created_ = await created(
    app.post('/api/campaigns', {
      nameSq: campaign.name,
      nameEn: campaign.name_en,
      sloganSq: campaign.slogan,
      sloganEn: campaign.slogan_en,
      organiserSq: campaign.organiser,
      organiserEn: campaign.organiser_en,
      partners: campaign.partners.map((p) => ({ nameSq: p.name, nameEn: p.name_en })),
      senderName: 'Zyra e Koordinatorit Kombëtar',
      senderEmail: 'fushata@example.org',
    }),
    'campaign',
  );
  const campaignId = created_.id as string;
  const roundBody = await created(
    app.post('/api/rounds', {
      campaignId,
      countyId: await app.countyId(round.county),
      startsOn: round.starts_on,
      endsOn: round.ends_on,
    }),
    'round',
  );
  const roundId = roundBody.id as string;
  const sessionIds: string[] = [];
  for (const [index, session] of round.sessions.entries()) {
    const body = await created(
      app.post(`/api/rounds/${roundId}/sessions`, {
        titleSq: session.title,
        titleEn: session.title_en,
        kind: session.kind,
        ...sessionTimes(index),
        venueSq: session.venue ?? null,
        venueEn: session.venue_en ?? null,
        topicsSq: session.topics ? WORKSHOP_TOPICS_SQ : [],
        topicsEn: session.topics ?? [],
        walkInsCounted: true,
      }),
      `session ${session.title_en}`,
    );
    sessionIds.push(body.id);
  }
  await created(app.post(`/api/rounds/${roundId}/complete`), 'complete');
  for (const [index, session] of round.sessions.entries()) {
    if (session.participants === null) continue;
    await created(
      app.request('PUT', `/api/sessions/${sessionIds[index]}/attendance`, {
        body: {
          invitees: [],
          walkIns: [],
          headCount: {
            total: session.participants,
            note: session.participants_note ? 'rreth 30' : null,
            breakdown: session.participants_note
              ? [{ label: 'nxënës / students', count: session.participants }]
              : [],
          },
        },
      }),
      `attendance of ${session.title_en}`,
    );
  }
  const [leaflets] = round.materials;
  await created(
    app.post(`/api/rounds/${roundId}/materials`, {
      descriptionSq: 'fletëpalosje',
      descriptionEn: 'leaflets',
      quantity: leaflets.quantity,
      placesSq: 'në bare të ndryshme kafeje dhe në vende të tjera publike',
      placesEn: leaflets.where,
    }),
    'materials',
  );
  await created(
    app.request('PUT', `/api/rounds/${roundId}/recommendations`, {
      body: {
        items: round.recommendations.map((textSq, i) => ({
          textSq,
          textEn: round.recommendations_en[i],
        })),
      },
    }),
    'recommendations',
  );
  for (const next of upcoming) {
    await created(
      app.post('/api/rounds', {
        campaignId,
        countyId: await app.countyId(next.county),
        startsOn: next.starts_on,
        endsOn: next.ends_on,
      }),
      `round in ${next.county}`,
    );
  }
  return { campaignId, roundId, sessionIds };
}

/** The workshop's topics as the Albanian report words them. */
const WORKSHOP_TOPICS_SQ = [
  'identifikimi i viktimave të trafikimit',
  'migracioni i parregullt',
  'roli i shkollës në parandalimin e trafikimit dhe të migracionit të parregullt',
];
