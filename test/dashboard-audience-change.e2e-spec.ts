import { randomUUID } from 'node:crypto';
import { DashboardSession, hiddenField as hidden, signInAs } from './support/dashboard-session';
import { contact, draftRound, fastCampaign } from './support/round-fixture';
import { ReceivedMail, SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';
import { roundQuiet, waitFor } from './support/wait-for';

const HOUR = 3600_000;

interface Person {
  id: string;
  email: string;
}

/**
 * Changing a running session's audience on the dashboard, over plain HTTP
 * as a browser without JavaScript does, on the real queue and a real SMTP
 * server: the preview names exactly who is invited and whose invitation is
 * withdrawn (told or not), nothing changes until a preview that still
 * holds is confirmed, and then the e-mails are exactly those it named.
 */
describe('the session audience page', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let campaignId: string;
  let coordinator: DashboardSession;
  let serial = 0;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({
      SMTP_URL: sink.url,
      SEND_RETRY_BASE_MS: '300',
      RECONCILE_EVERY_MS: '300',
    });
    campaignId = await fastCampaign(app, {
      inviteBefore: 'PT6H',
      reminders: [{ before: 'PT2H', audience: 'non_responders' }],
    });
    coordinator = await signInAs(app, 'coordinator');
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  beforeEach(() => sink.reset());

  async function person(name: string, language = 'en', extra = {}): Promise<Person> {
    serial += 1;
    const email = `${name.toLowerCase()}.${serial}@example.al.test`;
    return { id: await contact(app, `${name} Test`, email, { language, ...extra }), email };
  }

  /** A scheduled round whose one session invites these people, its invitations gone out. */
  async function invitedRound(people: Person[], startInMs = 4 * HOUR) {
    const { roundId, sessionIds } = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim në prefekturë',
        titleEn: 'Meeting at the prefecture',
        startInMs,
        audience: { contactIds: people.map((p) => p.id) },
      },
    ]);
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);
    await waitFor('the invite step done', async () => {
      const steps = (await app.get(`/api/rounds/${roundId}/steps`)).body.steps as any[];
      return steps.some((step) => step.kind === 'invite' && step.status === 'done');
    });
    await roundQuiet(app, roundId);
    return { roundId, sessionId: sessionIds[0] };
  }

  const invitations = async (roundId: string) =>
    (await app.get(`/api/rounds/${roundId}/invitations?limit=100`)).body.items as Array<{
      id: string;
      status: string;
      contact: { id: string };
    }>;
  const statuses = async (roundId: string) =>
    new Map((await invitations(roundId)).map((i) => [i.contact.id, i.status]));
  const mailsTo = (address: string) => sink.messages.filter((m) => m.envelope.to[0] === address);
  const method = (mail: ReceivedMail) =>
    /METHOD:(\w+)/.exec((mail.calendar ?? '').replace(/\r?\n[ \t]/g, ''))?.[1];
  const ticks = (people: Person[]) => ({ form: 'audience', contactIds: people.map((p) => p.id) });

  it('previews exactly who is invited and whose invitation is withdrawn, told or not, and sends exactly that once confirmed', async () => {
    const arta = await person('Arta');
    const ben = await person('Ben', 'sq');
    const cen = await person('Cen');
    const gani = await person('Gani');
    const dea = await person('Dea', 'sq');
    // Gani's invitation never reaches him: he was never told of the session.
    sink.failFor(gani.email, 550);
    const { roundId, sessionId } = await invitedRound([arta, ben, gani]);
    const bens = (await invitations(roundId)).find((i) => i.contact.id === ben.id)!;
    const delegated = await app.post(`/api/invitations/${bens.id}/response`, {
      source: 'phone',
      answer: 'delegate',
      substitute: { fullName: 'Cen Test', email: cen.email },
    });
    expect(delegated.status).toBe(200);
    await waitFor('the colleague invited', () => mailsTo(cen.email).length === 1);
    await roundQuiet(app, roundId);
    sink.reset();

    const form = await coordinator.get(`/app/sessions/${sessionId}/audience`);
    expect(form.status).toBe(200);
    for (const ticked of [arta, ben, gani]) {
      expect(form.text).toContain(`name="contactIds" value="${ticked.id}" checked`);
    }
    expect(form.text).toContain('<output id="count-session">3</output>');

    // The contact search of the picker comes back by GET with the ticks kept.
    const searched = await coordinator.get(
      `/app/sessions/${sessionId}/audience?form=audience&contactIds=${arta.id}&q=Dea`,
    );
    expect(searched.text).toContain(`name="contactIds" value="${arta.id}" checked`);
    expect(searched.text).toContain(`name="contactIds" value="${dea.id}">`);
    expect(searched.text).toContain('<output id="count-session">1</output>');

    const before = await planState(app);
    const preview = await coordinator.post(
      `/app/sessions/${sessionId}/audience/preview`,
      ticks([arta, dea]),
      form.text,
    );
    expect(preview.status).toBe(200);
    const invited = section(preview.text, 'invited');
    expect(invited).toContain('Will be invited (1)');
    expect(invited).toContain(
      'An invitation goes to <strong>1</strong> person, at once after you confirm.',
    );
    expect(emailsIn(invited)).toEqual([dea.email]);
    // Ben was last told he sent Cen: Cen, withdrawn with him, is the one told.
    const told = section(preview.text, 'withdrawn-told');
    expect(told).toContain('Invitation withdrawn, and told (1)');
    expect(told).toContain('<strong>1</strong> person gets “Invitation withdrawn”');
    expect(emailsIn(told)).toEqual([cen.email]);
    expect(told).toContain('in place of Ben Test');
    const silent = section(preview.text, 'withdrawn-silent');
    expect(silent).toContain('Withdrawn without an e-mail (2)');
    expect(emailsIn(silent)).toEqual([ben.email, gani.email]);
    expect(preview.text).toMatch(/id="colleagues">[^<]*<strong>1<\/strong>/);
    expect(await planState(app)).toEqual(before);

    // A confirmation from another preview than the page's own is refused with the current one.
    const stale = await coordinator.post(
      `/app/sessions/${sessionId}/audience`,
      {
        ...ticks([arta, dea]),
        scheduleVersion: hidden(preview.text, 'scheduleVersion'),
        fingerprint: 'an-older-preview',
      },
      preview.text,
    );
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('The session changed since you opened the preview');
    expect(emailsIn(section(stale.text, 'withdrawn-told'))).toEqual([cen.email]);
    expect(await planState(app)).toEqual(before);

    const confirmed = await coordinator.post(
      `/app/sessions/${sessionId}/audience`,
      {
        ...ticks([arta, dea]),
        scheduleVersion: hidden(stale.text, 'scheduleVersion'),
        fingerprint: hidden(stale.text, 'fingerprint'),
      },
      stale.text,
    );
    expect(confirmed.status).toBe(303);
    expect(confirmed.location).toBe(`/app/rounds/${roundId}?saved=1#sessions`);
    const roundPage = await coordinator.get(`/app/rounds/${roundId}?saved=1`);
    expect(roundPage.text).toContain('The change is saved.');

    await waitFor('two e-mails', () => sink.messages.length >= 2);
    await roundQuiet(app, roundId);
    expect(sink.messages.map((m) => m.envelope.to[0]).sort()).toEqual(
      [cen.email, dea.email].sort(),
    );
    const [toDea] = mailsTo(dea.email);
    expect(toDea.subject).toMatch(/^Ftesë/);
    expect(method(toDea)).toBe('REQUEST');
    const [toCen] = mailsTo(cen.email);
    expect(toCen.subject).toMatch(/^Invitation withdrawn: /);
    expect(await statuses(roundId)).toEqual(
      new Map([
        [arta.id, 'pending'],
        [ben.id, 'withdrawn'],
        [cen.id, 'withdrawn'],
        [gani.id, 'withdrawn'],
        [dea.id, 'pending'],
      ]),
    );

    // The same audience again changes nothing: the form says so beside the audience.
    const again = await coordinator.get(`/app/sessions/${sessionId}/audience`);
    const same = await coordinator.post(
      `/app/sessions/${sessionId}/audience/preview`,
      ticks([arta, dea]),
      again.text,
    );
    expect(same.status).toBe(422);
    expect(same.text).toContain(
      'id="audience-error">yields the same people as now; nothing would change',
    );
  });

  it('refuses a preview overtaken by another change of the audience', async () => {
    const [arta, ben, dea] = [await person('Arta'), await person('Ben'), await person('Dea')];
    const { roundId, sessionId } = await invitedRound([arta, ben]);
    sink.reset();
    const form = await coordinator.get(`/app/sessions/${sessionId}/audience`);
    const preview = await coordinator.post(
      `/app/sessions/${sessionId}/audience/preview`,
      ticks([arta]),
      form.text,
    );
    expect(emailsIn(section(preview.text, 'withdrawn-told'))).toEqual([ben.email]);
    const admin = await DashboardSession.signIn(app);
    const albanian = await admin.post(
      `/app/sessions/${sessionId}/audience/preview`,
      ticks([arta]),
      (await admin.get(`/app/sessions/${sessionId}/audience`)).text,
    );
    const told = section(albanian.text, 'withdrawn-told');
    expect(told).toContain('Ftesa tërhiqet, me njoftim (1)');
    expect(told).toContain('<strong>1</strong> person merr “Ftesa u tërhoq”');

    const meanwhile = await app.patch(`/api/sessions/${sessionId}`, {
      audience: { contactIds: [arta.id, ben.id, dea.id] },
    });
    expect(meanwhile.status).toBe(200);
    await waitFor('the late invitation', () => mailsTo(dea.email).length === 1);
    await roundQuiet(app, roundId);
    // The change moved the round's version past the one the preview carries.
    expect(Number(hidden(preview.text, 'scheduleVersion'))).toBe(
      (await app.get(`/api/rounds/${roundId}`)).body.scheduleVersion - 1,
    );

    const stale = await coordinator.post(
      `/app/sessions/${sessionId}/audience`,
      {
        ...ticks([arta]),
        scheduleVersion: hidden(preview.text, 'scheduleVersion'),
        fingerprint: hidden(preview.text, 'fingerprint'),
      },
      preview.text,
    );
    expect(stale.status).toBe(409);
    expect(emailsIn(section(stale.text, 'withdrawn-told'))).toEqual([ben.email, dea.email]);
    expect(await statuses(roundId)).toEqual(
      new Map([
        [arta.id, 'pending'],
        [ben.id, 'pending'],
        [dea.id, 'pending'],
      ]),
    );
    expect(mailsTo(ben.email)).toHaveLength(0);

    // Ids that name nobody are refused beside the audience, with the API's reasons.
    for (const [contactId, reason] of [
      ['not-an-id', 'must hold contact ids (UUIDs)'],
      [randomUUID(), 'no active contact with this id'],
    ]) {
      const refused = await coordinator.post(
        `/app/sessions/${sessionId}/audience/preview`,
        { form: 'audience', contactIds: [contactId] },
        form.text,
      );
      expect([refused.status, refused.text]).toEqual([422, expect.stringContaining(reason)]);
    }
  });

  it('speaks Albanian, and before the invitations go out only decides who they go to', async () => {
    const [arta, ben, dea] = [await person('Arta'), await person('Ben'), await person('Dea')];
    const { roundId, sessionIds } = await draftRound(app, campaignId, [
      {
        titleSq: 'Seminar me mësuesit',
        titleEn: 'Workshop with teachers',
        startInMs: 30 * HOUR,
        audience: { contactIds: [arta.id, ben.id] },
      },
    ]);
    const [sessionId] = sessionIds;
    const admin = await DashboardSession.signIn(app);
    // A draft's audience is edited with the rest of its session.
    expect((await admin.get(`/app/sessions/${sessionId}/audience`)).location).toBe(
      `/app/sessions/${sessionId}/edit`,
    );
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);

    const roundPage = await admin.get(`/app/rounds/${roundId}`);
    expect(roundPage.text).toContain(`href="/app/sessions/${sessionId}/audience">Kush ftohet`);
    const reschedule = await admin.get(`/app/sessions/${sessionId}/reschedule`);
    expect(reschedule.text).toContain(
      `href="/app/sessions/${sessionId}/audience">Ndrysho kush ftohet`,
    );

    const form = await admin.get(`/app/sessions/${sessionId}/audience`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<html lang="sq">');
    expect(form.text).toContain('Ndrysho kush ftohet: Seminar me mësuesit');
    const preview = await admin.post(
      `/app/sessions/${sessionId}/audience/preview`,
      ticks([arta, dea]),
      form.text,
    );
    expect(preview.status).toBe(200);
    const invited = section(preview.text, 'invited');
    expect(invited).toContain('Do të ftohen (1)');
    expect(invited).toContain(
      'Ftesa i dërgohet <strong>1</strong> personi, bashkë me ftesat e raundit, kur të dërgohen',
    );
    expect(emailsIn(invited)).toEqual([dea.email]);
    const dropped = section(preview.text, 'withdrawn-silent');
    expect(dropped).toContain('Nuk do të ftohen më (1)');
    expect(emailsIn(dropped)).toEqual([ben.email]);
    expect(preview.text).not.toContain('id="withdrawn-told"');

    const confirmed = await admin.post(
      `/app/sessions/${sessionId}/audience`,
      {
        ...ticks([arta, dea]),
        scheduleVersion: hidden(preview.text, 'scheduleVersion'),
        fingerprint: hidden(preview.text, 'fingerprint'),
      },
      preview.text,
    );
    expect(confirmed.status).toBe(303);
    const saved = await admin.get(confirmed.location!);
    expect(saved.text).toContain('Ndryshimi u ruajt.');
    const session = (await app.get(`/api/sessions/${sessionId}`)).body;
    expect(session.audience.contactIds.sort()).toEqual([arta.id, dea.id].sort());
    expect(await invitations(roundId)).toEqual([]);
    expect(sink.messages).toHaveLength(0);
  });

  it('lets neither a viewer nor a visitor who has not signed in see or change the audience', async () => {
    const [arta, ben] = [await person('Arta'), await person('Ben')];
    const { sessionId } = await invitedRound([arta, ben]);
    const viewer = await signInAs(app, 'viewer');
    const visitor = DashboardSession.anonymous(app);
    const page = await coordinator.get(`/app/sessions/${sessionId}/audience`);
    const before = await app.snapshot();

    expect((await viewer.get(`/app/sessions/${sessionId}/audience`)).status).toBe(403);
    const signIn = await visitor.get(`/app/sessions/${sessionId}/audience`);
    expect(signIn.status).toBe(303);
    expect(signIn.location).toMatch(/^\/app\/sign-in/);
    const fields = { ...ticks([arta]), scheduleVersion: '1', fingerprint: 'x' };
    for (const path of [
      `/app/sessions/${sessionId}/audience/preview`,
      `/app/sessions/${sessionId}/audience`,
    ]) {
      expect([path, (await viewer.post(path, fields, page.text)).status]).toEqual([path, 403]);
      const anonymous = await visitor.post(path, fields, page.text);
      expect([path, anonymous.status, anonymous.location]).toEqual([
        path,
        303,
        expect.stringMatching(/^\/app\/sign-in/),
      ]);
      // A coordinator's post without the form's CSRF token is refused too.
      expect([path, (await coordinator.post(path, fields, '')).status]).toEqual([path, 403]);
    }
    expect(await app.snapshot()).toEqual(before);
  });

  it('refuses a session that has started, and one that is cancelled', async () => {
    const [arta, ben] = [await person('Arta'), await person('Ben')];
    const { roundId, sessionId } = await invitedRound([arta, ben], 1500);
    const { startsAt } = (await app.get(`/api/sessions/${sessionId}`)).body;
    await waitFor('the session to start', () => new Date(startsAt).getTime() <= Date.now());
    const form = await coordinator.get(`/app/sessions/${sessionId}/audience`);
    expect(form.status).toBe(409);
    expect(form.text).toContain('the session has started; it can no longer be changed');
    const refused = await coordinator.post(
      `/app/sessions/${sessionId}/audience/preview`,
      ticks([arta]),
      (await coordinator.get(`/app/rounds/${roundId}`)).text,
    );
    expect(refused.status).toBe(409);

    const later = await invitedRound([arta, ben]);
    expect((await app.post(`/api/sessions/${later.sessionId}/cancel`)).status).toBe(200);
    const cancelled = await coordinator.get(`/app/sessions/${later.sessionId}/audience`);
    expect(cancelled.status).toBe(409);
    expect(cancelled.text).toContain('the round is cancelled');
    expect((await coordinator.get(`/app/sessions/${randomUUID()}/audience`)).status).toBe(404);
  });
});

/** The part of a page between an element's id and the end of its section. */
function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`no #${id} on the page`);
  return html.slice(start, html.indexOf('</section>', start));
}

/** The e-mail addresses a preview's table lists, in its order. */
function emailsIn(html: string): string[] {
  return [...html.matchAll(/<td[^>]*>([^<@\s]+@[^<\s]+)<\/td>/g)].map((match) => match[1]);
}

/** What a preview must leave alone: the plan, its steps and invitations, and how many e-mails. */
async function planState(app: TestApp): Promise<Record<string, string>> {
  const all = await app.snapshot();
  return {
    round: all.round,
    session: all.session,
    step: all.step,
    invitation: all.invitation,
    messages: all.message.split(':')[0],
  };
}
