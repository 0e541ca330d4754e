import { contact, draftRound, fastCampaign } from './support/round-fixture';
import { ReceivedMail, SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/**
 * The follow-up step after a round, played in seconds through the real queue
 * and a real SMTP server: answers recorded by staff, attendance marked,
 * recommendations and leaflets recorded, then the thank-you and the "sorry
 * we missed you" each reach exactly their people, in their language.
 */
describe('the follow-up after a round', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let serial = 0;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url, RECONCILE_EVERY_MS: '300' });
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  beforeEach(() => sink.reset());

  const to = (mail: ReceivedMail) => mail.envelope.to[0];
  /** A walk-in who left an e-mail and is no contact. */
  const lule = () => `lule.${serial}@example.al.test`;

  /** Five invitees: came, accepted and stayed away, declined, never answered, came but opted out since. */
  async function invitees() {
    serial += 1;
    return {
      arta: await contact(app, 'Arta Hoxha', `arta.${serial}@example.al.test`),
      ben: await contact(app, 'Ben Smith', `ben.${serial}@example.al.test`, { language: 'en' }),
      dea: await contact(app, 'Dea Koçi', `dea.${serial}@example.al.test`),
      erion: await contact(app, 'Erion Leka', `erion.${serial}@example.al.test`),
      gent: await contact(app, 'Gent Shehu', `gent.${serial}@example.al.test`),
    };
  }

  /** Schedules a round whose one session starts in 3 s and lasts 2 s; the follow-up is due 2 s after. */
  async function playRound(followUpTo?: string[]) {
    const who = await invitees();
    const campaignId = await fastCampaign(app, {
      inviteBefore: 'P1D',
      reminders: [],
      followUpAfter: 'PT2S',
      followUpTo,
    });
    const { roundId, sessionIds } = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim me anëtarët e Tryezës Teknike',
        titleEn: 'Meeting with the members of the Technical Table',
        startInMs: 3000,
        durationMs: 2000,
        audience: { contactIds: Object.values(who) },
      },
    ]);
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);
    await sink.waitFor(5, 8000);
    const invitations = (await app.get(`/api/rounds/${roundId}/invitations?limit=50`)).body
      .items as Array<{ id: string; contact: { id: string } }>;
    const invitationOf = (contactId: string) =>
      invitations.find((invitation) => invitation.contact.id === contactId)?.id as string;
    const answer = async (contactId: string, answer: string) =>
      expect(
        (
          await app.post(`/api/invitations/${invitationOf(contactId)}/response`, {
            answer,
            source: 'phone',
          })
        ).status,
      ).toBe(200);
    await answer(who.arta, 'accept');
    await answer(who.ben, 'accept');
    await answer(who.dea, 'decline');
    await answer(who.gent, 'accept');

    const attendance = await app.request('PUT', `/api/sessions/${sessionIds[0]}/attendance`, {
      body: {
        invitees: [
          { invitationId: invitationOf(who.arta), present: true },
          { invitationId: invitationOf(who.ben), present: false },
          { invitationId: invitationOf(who.gent), present: true },
        ],
        walkIns: [
          { fullName: 'Lule Gjoni', institution: 'Bashkia Elbasan', email: lule() },
          // The same address as an invitee who came: one thank-you, as the invitee.
          { fullName: 'A. Hoxha', email: `ARTA.${serial}@example.al.test` },
          // Gent opted out (below): the sheet does not bring him back.
          { fullName: 'Gent Shehu', email: `gent.${serial}@example.al.test` },
          { fullName: 'Pa e-mail' },
        ],
        headCount: { total: 30, breakdown: [{ label: 'students', count: 30 }], note: 'rreth 30' },
      },
    });
    expect(attendance.status).toBe(200);
    await app.patch(`/api/contacts/${who.gent}`, { optedOut: true, optOutReason: 'by phone' });
    expect(
      (
        await app.request('PUT', `/api/rounds/${roundId}/recommendations`, {
          body: {
            items: [
              {
                textSq:
                  'Rëndësia e medias dhe roli i tyre vendimtar në fushatat e ndërgjegjësimit;',
                textEn:
                  'The importance of the media and their decisive role in awareness campaigns;',
              },
              {
                textSq: 'Bashkëpunimi institucional është me rëndësi të madhe;',
                textEn: 'Institutional cooperation matters greatly;',
              },
            ],
          },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await app.post(`/api/rounds/${roundId}/materials`, {
          descriptionSq: 'fletëpalosje',
          descriptionEn: 'leaflets',
          quantity: 4000,
          placesSq: 'në bare kafeje dhe vende publike',
          placesEn: 'in cafés and public places',
        })
      ).status,
    ).toBe(201);
    // The confirmations of the answers go out first (Gent's is skipped: he opted out since);
    // the sink then starts afresh for the follow-up.
    const before = await waitFor('the confirmations sent or skipped', async () => {
      const messages = (await app.get(`/api/rounds/${roundId}/messages?limit=50`)).body
        .items as any[];
      return messages.length === 9 && messages.every((m) => m.status !== 'queued')
        ? messages
        : undefined;
    });
    await sink.waitFor(before.filter((m) => m.status === 'sent').length, 5000);
    sink.reset();
    const followUp = await waitFor(
      'the follow-up step done',
      async () => {
        const steps = (await app.get(`/api/rounds/${roundId}/steps`)).body.steps as any[];
        const step = steps.find((s) => s.kind === 'follow_up');
        return step?.status === 'done' && step.messages.queued === 0 ? step : undefined;
      },
      20_000,
    );
    return { followUp };
  }

  it('thanks those who came, walk-ins with an e-mail too, and tells those who accepted what they missed', async () => {
    const { followUp } = await playRound();
    expect(followUp.messages.sent).toBe(3);
    const mails = await sink.waitFor(3, 5000);
    expect(mails.map(to).sort()).toEqual(
      [`arta.${serial}@example.al.test`, `ben.${serial}@example.al.test`, lule()].sort(),
    );
    const arta = mails.find((mail) => to(mail).startsWith('arta.')) as ReceivedMail;
    expect(arta.subject).toMatch(/^Faleminderit për pjesëmarrjen – /);
    expect(arta.text).toContain('Të nderuar Arta Hoxha,');
    expect(arta.text).toContain('  1. Rëndësia e medias');
    expect(arta.text).toContain('  2. Bashkëpunimi institucional');
    expect(arta.text).toContain('fletëpalosje – në bare kafeje dhe vende publike');
    expect(arta.text).toContain('Takim me anëtarët e Tryezës Teknike');
    expect(arta.calendar).toBeUndefined();

    const ben = mails.find((mail) => to(mail).startsWith('ben.')) as ReceivedMail;
    expect(ben.subject).toMatch(/^Sorry we missed you – /);
    expect(ben.text).toContain('Dear Ben Smith,');
    expect(ben.text).toContain('  1. The importance of the media');
    expect(ben.text).toContain('4,000 leaflets – in cafés and public places');
    expect(ben.calendar).toBeUndefined();
    expect(ben.rawHeaders.get('list-unsubscribe')).toMatch(/^<http.*\/unsubscribe\/[\w-]+>$/);

    const walkIn = mails.find((mail) => to(mail) === lule()) as ReceivedMail;
    expect(walkIn.subject).toMatch(/^Faleminderit për pjesëmarrjen – /);
    expect(walkIn.text).toContain('Të nderuar Lule Gjoni,');
    expect(walkIn.text).toContain('Takim me anëtarët e Tryezës Teknike');
    expect(walkIn.text).toContain('fletëpalosje');
    expect(walkIn.text).not.toContain('/rsvp/');
    expect(walkIn.calendar).toBeUndefined();
  }, 60_000);

  it('lets a walk-in opt out with one click, which the directory then remembers', async () => {
    await playRound();
    const [walkIn] = (await sink.waitFor(3, 5000)).filter((mail) => to(mail) === lule());
    const link = /^<(.*)>$/.exec(walkIn.rawHeaders.get('list-unsubscribe') ?? '')?.[1] as string;
    const path = new URL(link).pathname;
    const page = await app.get(path, { token: null });
    expect(page.status).toBe(200);
    expect(page.body).toContain(lule());
    expect((await app.get(`/api/contacts?q=lule.${serial}`)).body.total).toBe(0);
    const oneClick = () =>
      app.request('POST', path, {
        token: null,
        raw: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect((await oneClick()).status).toBe(200);
    expect((await oneClick()).status).toBe(200);
    const contacts = (await app.get(`/api/contacts?q=lule.${serial}`)).body.items as any[];
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({
      fullName: 'Lule Gjoni',
      email: lule(),
      optedOut: true,
      optOutReason: expect.stringContaining('walk-in'),
    });
  }, 60_000);

  it('also writes to those who declined or never answered when the policy says so', async () => {
    const { followUp } = await playRound(['attended', 'missed', 'declined', 'no_answer']);
    expect(followUp.messages.sent).toBe(5);
    const mails = await sink.waitFor(5, 5000);
    const subjects = new Map(mails.map((mail) => [to(mail).split('.')[0], mail.subject]));
    expect(subjects.get('arta')).toMatch(/^Faleminderit për pjesëmarrjen/);
    expect(subjects.get('ben')).toMatch(/^Sorry we missed you/);
    expect(subjects.get('dea')).toMatch(/^Na mungoi prania juaj/);
    expect(subjects.get('erion')).toMatch(/^Na mungoi prania juaj/);
    expect(subjects.get('lule')).toMatch(/^Faleminderit për pjesëmarrjen/);
    expect(subjects.has('gent')).toBe(false);
  }, 60_000);
});
