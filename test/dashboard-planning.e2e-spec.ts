import { DateTime } from 'luxon';
import { DashboardSession, hiddenField as hidden, signInAs } from './support/dashboard-session';
import { contact, fastCampaign } from './support/round-fixture';
import { SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';
import { roundMessagesSent, waitFor } from './support/wait-for';

const TIRANA = 'Europe/Tirane';

/**
 * Planning a round on the dashboard over plain HTTP, as a browser without
 * JavaScript does: the forms write through the domain services, refuse a
 * mistake next to its field without writing anything, and let only
 * coordinators and admins change the plan. Reschedule and cancel show what
 * they will do and change nothing until confirmed from that very preview.
 */
describe('the round planning pages', () => {
  let app: TestApp;
  let coordinator: DashboardSession;
  let campaignId: string;
  let sink: SmtpSink;
  let elbasanId: string;
  let committeeId: string;
  let institutionId: string;
  let people: Record<'drita' | 'ilir' | 'mira' | 'besnik', string>;
  const today = DateTime.now().setZone(TIRANA).startOf('day');
  const day = (offset: number) => today.plus({ days: offset }).toISODate() as string;

  beforeAll(async () => {
    // Notices go to people an invitation reached: the invitations must really leave.
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url });
    elbasanId = await app.countyId('Elbasan');
    campaignId = await fastCampaign(app, {
      inviteBefore: 'P30D',
      reminders: [{ before: 'PT1H', audience: 'non_responders' }],
    });
    const institution = await app.post('/api/institutions', {
      name: 'Drejtoria Rajonale e Arsimit Elbasan',
      kind: 'school',
      countyId: elbasanId,
    });
    institutionId = institution.body.id;
    people = {
      drita: await contact(app, 'Drita Koçi', 'drita.koci@example.al.test'),
      ilir: await contact(app, 'Ilir Mema', 'ilir.mema@example.al.test'),
      mira: await contact(app, 'Mira Topi', 'mira.topi@example.al.test', { institutionId }),
      besnik: await contact(app, 'Besnik Lala', 'besnik.lala@example.al.test'),
    };
    const committee = await app.post('/api/committees', {
      name: 'Tryeza Teknike Antitrafik Elbasan',
      countyId: elbasanId,
    });
    committeeId = committee.body.id;
    for (const member of [people.drita, people.ilir]) {
      await app.post(`/api/committees/${committeeId}/members`, { contactId: member });
    }
    coordinator = await signInAs(app, 'coordinator');
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  it('creates a round, adds a session with its audience, counts it live and edits it', async () => {
    const form = await coordinator.get(`/app/campaigns/${campaignId}/rounds/new`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<label for="countyId">County</label>');
    const created = await coordinator.post(
      `/app/campaigns/${campaignId}/rounds/new`,
      { countyId: elbasanId, startsOn: day(0), endsOn: day(2), staffUserId: '' },
      form.text,
    );
    expect(created.status).toBe(303);
    const roundId = /^\/app\/rounds\/([0-9a-f-]{36})\/plan$/.exec(created.location ?? '')?.[1];
    expect(roundId).toBeDefined();

    const plan = await coordinator.get(`/app/rounds/${roundId}/plan`);
    expect(plan.status).toBe(200);
    expect(plan.text).toContain('Tryeza Teknike Antitrafik Elbasan');
    expect(plan.text).toMatch(/2 members · Elbasan/);
    expect(plan.text).toContain('Drejtoria Rajonale e Arsimit Elbasan');

    // "Update count" without JavaScript: the form comes back by GET with the count of what is ticked.
    const counted = await coordinator.get(
      `/app/rounds/${roundId}/plan?form=session&titleSq=Takim&committeeIds=${committeeId}&q=besnik`,
    );
    expect(counted.text).toContain('<output id="count-session">2</output>');
    expect(counted.text).toContain('value="Takim"');
    expect(counted.text).toMatch(/name="committeeIds" value="[^"]+" checked/);
    expect(counted.text).toContain('Besnik Lala');
    // The script's JSON: the same resolver as the invitations, so Mira counts once via her institution.
    const live = await coordinator.get(
      `/app/rounds/${roundId}/audience-count?sessionId=&committeeIds=${committeeId}&institutionIds=${institutionId}&contactIds=${people.besnik}&contactIds=${people.drita}`,
    );
    expect(JSON.parse(live.text)).toEqual({ session: 4, round: 4 });
    const twoContacts = await coordinator.get(
      `/app/rounds/${roundId}/audience-count?sessionId=&contactIds=${people.besnik}&contactIds=${people.mira}`,
    );
    expect(JSON.parse(twoContacts.text)).toEqual({ session: 2, round: 2 });

    const added = await coordinator.post(
      `/app/rounds/${roundId}/sessions`,
      {
        ...sessionFields(day(1), '10:00', '12:00'),
        committeeIds: committeeId,
        institutionIds: institutionId,
        contactIds: [people.besnik],
        topicsSq: 'trafikimi i personave\nmigracioni i parregullt',
        topicsEn: 'trafficking in persons\nirregular migration',
        capacity: '40',
        walkInsCounted: 'true',
      },
      plan.text,
    );
    expect(added.status).toBe(303);
    expect(added.location).toBe(`/app/rounds/${roundId}/plan?added=1`);

    const [session] = (await app.get(`/api/rounds/${roundId}/sessions`)).body;
    expect(session).toMatchObject({
      titleSq: 'Takim me Tryezën Teknike',
      titleEn: 'Meeting with the Technical Table',
      kind: 'meeting',
      venueSq: 'Prefektura Elbasan',
      capacity: 40,
      walkInsCounted: true,
      topicsEn: ['trafficking in persons', 'irregular migration'],
      audience: {
        committeeIds: [committeeId],
        institutionIds: [institutionId],
        contactIds: [people.besnik],
      },
    });
    expect(session.local.startsAt).toBe(tirana(day(1), '10:00'));
    expect(session.local.endsAt).toBe(tirana(day(1), '12:00'));
    const preview = (await app.get(`/api/rounds/${roundId}/audience-preview`)).body;
    expect(preview.totalContacts).toBe(4);

    const after = await coordinator.get(`/app/rounds/${roundId}/plan?added=1`);
    expect(after.text).toContain('The session was added.');
    expect(after.text).toMatch(
      /Different people the round invites<\/th>\s*<td class="number"><strong>4</,
    );

    // In the other language: the admin reads Albanian.
    const albanian = await (await DashboardSession.signIn(app)).get(`/app/rounds/${roundId}/plan`);
    expect(albanian.text).toContain('<html lang="sq">');
    expect(albanian.text).toContain('Takim me Tryezën Teknike');
    expect(albanian.text).toContain('Shto takimin');

    const edit = await coordinator.get(`/app/sessions/${session.id}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.text).toContain('value="Takim me Tryezën Teknike"');
    expect(edit.text).toContain('value="10:00"');
    expect(edit.text).toContain(`value="${people.besnik}" checked`);
    const saved = await coordinator.post(
      `/app/sessions/${session.id}/edit`,
      { ...sessionFields(day(1), '11:00', '13:00'), committeeIds: committeeId },
      edit.text,
    );
    expect(saved.status).toBe(303);
    const edited = (await app.get(`/api/sessions/${session.id}`)).body;
    expect(edited.local.startsAt).toBe(tirana(day(1), '11:00'));
    expect(edited.audience).toMatchObject({ institutionIds: [], contactIds: [] });
  });

  it('asks before entering a round whose dates are past, as a round recorded after it was held', async () => {
    const form = await coordinator.get(`/app/campaigns/${campaignId}/rounds/new`);
    const past = {
      countyId: elbasanId,
      startsOn: '2017-11-22',
      endsOn: '2017-11-22',
      staffUserId: '',
    };
    const before = await app.snapshot();
    const asked = await coordinator.post(
      `/app/campaigns/${campaignId}/rounds/new`,
      past,
      form.text,
    );
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('id="past-warning">These dates are already past.');
    expect(asked.text).toContain('name="pastConfirmed"');
    expect(await app.snapshot()).toEqual(before);

    const confirmed = await coordinator.post(
      `/app/campaigns/${campaignId}/rounds/new`,
      { ...past, pastConfirmed: '1' },
      asked.text,
    );
    expect(confirmed.status).toBe(303);
    expect(confirmed.location).toMatch(/^\/app\/rounds\/[0-9a-f-]{36}\/plan$/);
  });

  it('shows a mistake next to its field and writes nothing', async () => {
    const roundId = await planRound();
    const plan = await coordinator.get(`/app/rounds/${roundId}/plan`);
    const before = await app.snapshot();

    const backwards = await coordinator.post(
      `/app/rounds/${roundId}/sessions`,
      { ...sessionFields(day(1), '12:00', '10:00'), committeeIds: committeeId },
      plan.text,
    );
    expect(backwards.status).toBe(422);
    expect(backwards.text).toMatch(
      /<input id="endTime"[^>]*aria-invalid="true"[\s\S]*?<p class="plan-field-error" id="endTime-error">must be after startsAt/,
    );
    expect(backwards.text).toContain('value="Takim me Tryezën Teknike"');
    expect(backwards.text).toMatch(/name="committeeIds" value="[^"]+" checked/);

    const untitled = await coordinator.post(
      `/app/rounds/${roundId}/sessions`,
      { ...sessionFields(day(1), '10:00', '12:00'), titleSq: ' ', startTime: '9 am' },
      plan.text,
    );
    expect(untitled.status).toBe(400);
    expect(untitled.text).toContain('id="titleSq-error">must not be blank');
    expect(untitled.text).toContain('id="startTime-error">must be a time written HH:MM');

    const outside = await coordinator.post(
      `/app/rounds/${roundId}/sessions`,
      sessionFields(day(5), '10:00', '12:00'),
      plan.text,
    );
    expect(outside.status).toBe(422);
    expect(outside.text).toContain('id="startTime-error">must fall within the round&#x27;s dates');

    const newRound = await coordinator.get(`/app/campaigns/${campaignId}/rounds/new`);
    const reversed = await coordinator.post(
      `/app/campaigns/${campaignId}/rounds/new`,
      { countyId: elbasanId, startsOn: day(2), endsOn: day(0) },
      newRound.text,
    );
    expect(reversed.status).toBe(422);
    expect(reversed.text).toContain(`id="endsOn-error">must be on or after startsOn (${day(2)})`);
    const noCounty = await coordinator.post(
      `/app/campaigns/${campaignId}/rounds/new`,
      { countyId: '', startsOn: day(0), endsOn: day(1) },
      newRound.text,
    );
    expect(noCounty.status).toBe(400);
    expect(noCounty.text).toContain('id="countyId-error">must be a county id (UUID)');

    expect(await app.snapshot()).toEqual(before);
  });

  it('shows a viewer the plan without a single button that writes, and refuses their posts', async () => {
    const roundId = await planRound();
    const [session] = (await app.get(`/api/rounds/${roundId}/sessions`)).body;
    const viewer = await signInAs(app, 'viewer');
    const plan = await viewer.get(`/app/rounds/${roundId}/plan`);
    expect(plan.status).toBe(200);
    expect(plan.text).toContain('Meeting with the Technical Table');
    expect(plan.text).not.toContain('id="session-form"');
    expect(plan.text).not.toMatch(/\/schedule"|\/cancel"|\/edit"|\/reschedule"/);
    expect(plan.text.match(/<form /g)).toHaveLength(2); // the layout's language and sign-out forms

    const before = await app.snapshot();
    for (const path of [
      `/app/campaigns/${campaignId}/rounds/new`,
      `/app/rounds/${roundId}/sessions`,
      `/app/sessions/${session.id}/edit`,
      `/app/rounds/${roundId}/schedule`,
      `/app/sessions/${session.id}/reschedule/preview`,
      `/app/sessions/${session.id}/reschedule`,
      `/app/sessions/${session.id}/cancel`,
      `/app/rounds/${roundId}/cancel`,
    ]) {
      const refused = await viewer.post(path, sessionFields(day(1), '10:00', '12:00'), plan.text);
      expect([path, refused.status]).toEqual([path, 403]);
    }
    for (const path of [
      `/app/campaigns/${campaignId}/rounds/new`,
      `/app/sessions/${session.id}/edit`,
      `/app/rounds/${roundId}/schedule`,
      `/app/rounds/${roundId}/cancel`,
    ]) {
      expect([path, (await viewer.get(path)).status]).toEqual([path, 403]);
    }
    expect(await app.snapshot()).toEqual(before);
  });

  it('schedules after showing what will happen, and reschedules and cancels only from a preview that still holds', async () => {
    const roundId = await planRound();
    const [session] = (await app.get(`/api/rounds/${roundId}/sessions`)).body;
    const confirmation = await coordinator.get(`/app/rounds/${roundId}/schedule`);
    expect(confirmation.status).toBe(200);
    expect(confirmation.text).toContain('Invitations go to <strong>2</strong> different people');
    expect(confirmation.text).toContain('Reminder to those who have not answered');
    expect((await app.get(`/api/rounds/${roundId}`)).body.status).toBe('draft');

    const scheduled = await coordinator.post(
      `/app/rounds/${roundId}/schedule`,
      {},
      confirmation.text,
    );
    expect(scheduled.status).toBe(303);
    expect(scheduled.location).toBe(`/app/rounds/${roundId}?done=scheduled`);
    await waitFor('the invitations written and the invite step done', async () => {
      const items = (await app.get(`/api/rounds/${roundId}/invitations`)).body.items as unknown[];
      const steps = (await app.get(`/api/rounds/${roundId}/steps`)).body.steps as any[];
      return items.length === 2 && steps.some((s) => s.kind === 'invite' && s.status === 'done');
    });
    // Only people an invitation reached are told of a change: until it left, it shows the new time.
    await roundMessagesSent(app, roundId, 2);
    // The edit link of a scheduled session leads to its reschedule page.
    expect((await coordinator.get(`/app/sessions/${session.id}/edit`)).location).toBe(
      `/app/sessions/${session.id}/reschedule`,
    );

    const form = await coordinator.get(`/app/sessions/${session.id}/reschedule`);
    expect(form.text).toContain(`value="${day(1)}"`);
    const moved = { date: day(2), startTime: '09:30', endTime: '11:00' };
    const before = await planState(app);
    const preview = await coordinator.post(
      `/app/sessions/${session.id}/reschedule/preview`,
      moved,
      form.text,
    );
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Change notice (2)');
    expect(preview.text).toContain('drita.koci@example.al.test');
    expect(preview.text).toContain('ilir.mema@example.al.test');
    expect(preview.text).toContain('Reset: the day changes');
    expect(preview.text).not.toContain('Round dates');
    // A move past the round's last day says the round's dates extend with it.
    const later = await coordinator.post(
      `/app/sessions/${session.id}/reschedule/preview`,
      { date: day(4), startTime: '09:30', endTime: '11:00' },
      form.text,
    );
    expect(later.status).toBe(200);
    expect(later.text).toMatch(
      /<dt>Round dates<\/dt><dd><del>[^<]+<\/del> → <ins>[^<]+<\/ins> \(the round’s dates extend/,
    );
    expect(await planState(app)).toEqual(before);

    // A stale confirmation (the round moved on since the preview) is refused with the new preview.
    const stale = await coordinator.post(
      `/app/sessions/${session.id}/reschedule`,
      { ...moved, scheduleVersion: '0', fingerprint: hidden(preview.text, 'fingerprint') },
      preview.text,
    );
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('The round changed since you opened the preview');
    expect(await planState(app)).toEqual(before);
    expect((await app.get(`/api/sessions/${session.id}`)).body.local.startsAt).toBe(
      tirana(day(1), '10:00'),
    );

    const confirmed = await coordinator.post(
      `/app/sessions/${session.id}/reschedule`,
      {
        ...moved,
        scheduleVersion: hidden(stale.text, 'scheduleVersion'),
        fingerprint: hidden(stale.text, 'fingerprint'),
      },
      stale.text,
    );
    expect(confirmed.status).toBe(303);
    expect(confirmed.location).toBe(`/app/rounds/${roundId}?done=rescheduled`);
    const rescheduled = (await app.get(`/api/sessions/${session.id}`)).body;
    expect(rescheduled.local.startsAt).toBe(tirana(day(2), '09:30'));
    expect(rescheduled.sequence).toBe(1);

    const cancelSession = await coordinator.get(`/app/sessions/${session.id}/cancel`);
    expect(cancelSession.text).toContain('Cancellation notice (2)');
    const cancelRound = await coordinator.get(`/app/rounds/${roundId}/cancel`);
    expect(cancelRound.text).toContain('Cancellation notice (2)');
    expect(cancelRound.text).toContain('Meeting with the Technical Table');
    const cancelled = await coordinator.post(
      `/app/rounds/${roundId}/cancel`,
      {
        scheduleVersion: hidden(cancelRound.text, 'scheduleVersion'),
        fingerprint: hidden(cancelRound.text, 'fingerprint'),
      },
      cancelRound.text,
    );
    expect(cancelled.status).toBe(303);
    expect((await app.get(`/api/rounds/${roundId}`)).body.status).toBe('cancelled');
  });

  it("says, in both languages, that cancelling a scheduled round's last planned session cancels the round", async () => {
    const roundId = await planRound();
    const second = await app.post(`/api/rounds/${roundId}/sessions`, {
      titleSq: 'Seminar me mësuesit',
      titleEn: 'Workshop with teachers',
      kind: 'workshop',
      startsAt: tirana(day(2), '10:00'),
      endsAt: tirana(day(2), '12:00'),
      audience: { committeeIds: [committeeId] },
    });
    expect(second.status).toBe(201);
    const [first] = (await app.get(`/api/rounds/${roundId}/sessions`)).body;
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);
    await roundMessagesSent(app, roundId, 2);
    const lastSentence =
      'This is the round&#x27;s last planned session: cancelling it cancels the round.';

    const oneOfTwo = await coordinator.get(`/app/sessions/${first.id}/cancel`);
    expect(oneOfTwo.status).toBe(200);
    expect(oneOfTwo.text).not.toContain('id="cancels-round"');
    expect(oneOfTwo.text).toContain('The round&#x27;s other sessions keep their reminders');

    expect((await app.post(`/api/sessions/${second.body.id}/cancel`)).status).toBe(200);
    const last = await coordinator.get(`/app/sessions/${first.id}/cancel`);
    expect(last.text).toContain(lastSentence);
    expect(last.text).not.toContain('The round&#x27;s other sessions keep their reminders');
    // Every pending step of the round stops with it, not only this session's sheet link.
    expect(last.text).toContain('Reminder to those who have not answered');
    const albanian = await (
      await DashboardSession.signIn(app)
    ).get(`/app/sessions/${first.id}/cancel`);
    expect(albanian.text).toContain('<html lang="sq">');
    expect(albanian.text).toContain(
      'Ky është takimi i fundit i planifikuar i raundit: anulimi i tij anulon raundin.',
    );

    const confirmed = await coordinator.post(
      `/app/sessions/${first.id}/cancel`,
      {
        scheduleVersion: hidden(last.text, 'scheduleVersion'),
        fingerprint: hidden(last.text, 'fingerprint'),
      },
      last.text,
    );
    expect(confirmed.status).toBe(303);
    expect((await app.get(`/api/rounds/${roundId}`)).body.status).toBe('cancelled');
  });

  /** A draft round in Elbasan (today to the day after tomorrow) with one session for the committee. */
  async function planRound(): Promise<string> {
    const round = await app.post('/api/rounds', {
      campaignId,
      countyId: elbasanId,
      startsOn: day(0),
      endsOn: day(2),
    });
    const session = await app.post(`/api/rounds/${round.body.id}/sessions`, {
      titleSq: 'Takim me Tryezën Teknike',
      titleEn: 'Meeting with the Technical Table',
      kind: 'meeting',
      startsAt: tirana(day(1), '10:00'),
      endsAt: tirana(day(1), '12:00'),
      audience: { committeeIds: [committeeId] },
    });
    if (session.status !== 201) throw new Error(JSON.stringify(session.body));
    return round.body.id;
  }
});

function sessionFields(date: string, startTime: string, endTime: string) {
  return {
    form: 'session',
    titleSq: 'Takim me Tryezën Teknike',
    titleEn: 'Meeting with the Technical Table',
    kind: 'meeting',
    date,
    startTime,
    endTime,
    venueSq: 'Prefektura Elbasan',
    venueEn: 'Elbasan Prefecture',
  };
}

/** How the API writes a Tirana wall-clock time. */
function tirana(date: string, time: string): string {
  return DateTime.fromISO(`${date}T${time}`, { zone: TIRANA }).toISO({
    suppressMilliseconds: true,
  }) as string;
}

/**
 * What a preview must leave alone: the plan, its steps and invitations, and
 * how many e-mails there are (the worker keeps retrying the round's sends
 * meanwhile, so the messages' own rows may change).
 */
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
