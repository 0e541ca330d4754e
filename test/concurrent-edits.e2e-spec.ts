import { Client } from 'pg';
import { contact, draftRound, fastCampaign } from './support/round-fixture';
import { SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';
import { roundQuiet, waitFor } from './support/wait-for';

const HOUR = 3600_000;

/**
 * Two coordinators change the same round: a change made from a version of
 * the round that has since moved on is refused with what the round is now,
 * and tells nobody anything; on the real services, queue and SMTP server.
 */
describe('concurrent edits of a round', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let campaignId: string;
  let serial = 0;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url, RECONCILE_EVERY_MS: '300' });
    campaignId = await fastCampaign(app, { inviteBefore: 'PT2H', reminders: [] });
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  /** A scheduled round whose sessions' invitations have all been received. */
  async function invitedRound(sessionCount: number) {
    serial += 1;
    const people = [
      await contact(app, `Arta Test ${serial}`, `arta.${serial}@example.al.test`),
      await contact(app, `Ben Test ${serial}`, `ben.${serial}@example.al.test`, {
        language: 'en',
      }),
    ];
    const { roundId, sessionIds } = await draftRound(
      app,
      campaignId,
      Array.from({ length: sessionCount }, (_, index) => ({
        titleSq: `Takimi ${index + 1}`,
        titleEn: `Meeting ${index + 1}`,
        startInMs: HOUR + index * 3 * HOUR,
        audience: { contactIds: people },
      })),
    );
    const mailsBefore = sink.messages.length;
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);
    await sink.waitFor(mailsBefore + people.length);
    await quiet(roundId);
    return { roundId, sessionIds };
  }

  const quiet = (roundId: string) => roundQuiet(app, roundId);

  const round = (id: string) => app.get(`/api/rounds/${id}`);
  const session = (id: string) => app.get(`/api/sessions/${id}`);
  const steps = async (roundId: string) => (await app.get(`/api/rounds/${roundId}/steps`)).body;
  const later = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms).toISOString();
  async function movedBy(sessionId: string, ms: number) {
    const { body } = await session(sessionId);
    return { startsAt: later(body.startsAt, ms), endsAt: later(body.endsAt, ms) };
  }
  const ifMatch = (etag: string) => ({ headers: { 'if-match': etag } });

  /** Everything a refused change could have touched, to compare before and after. */
  async function stateOf(roundId: string, sessionIds: string[]) {
    await quiet(roundId);
    return {
      round: (await round(roundId)).body,
      sessions: await Promise.all(sessionIds.map(async (id) => (await session(id)).body)),
      steps: await steps(roundId),
      mails: sink.messages.length,
    };
  }

  it("gives the round's ETag on its GET and on its sessions' GETs, moving with each change of plan", async () => {
    const { roundId, sessionIds } = await invitedRound(1);
    const first = await round(roundId);
    expect(first.headers.get('etag')).toBe(`"round-${roundId}-v${first.body.scheduleVersion}"`);
    expect((await session(sessionIds[0])).headers.get('etag')).toBe(first.headers.get('etag'));

    const moved = await app.patch(
      `/api/sessions/${sessionIds[0]}`,
      await movedBy(sessionIds[0], HOUR),
    );
    expect(moved.status).toBe(200);
    const after = await round(roundId);
    expect(after.body.scheduleVersion).toBe(first.body.scheduleVersion + 1);
    expect(after.headers.get('etag')).toBe(`"round-${roundId}-v${after.body.scheduleVersion}"`);
    expect(moved.headers.get('etag')).toBe(after.headers.get('etag'));
  });

  it('moves the ETag with a title or audience edit, refusing an edit made before it, and carries the plan over unchanged', async () => {
    const { roundId, sessionIds } = await invitedRound(1);
    const [id] = sessionIds;
    const first = await round(roundId);
    const stale = first.headers.get('etag')!;
    type StepRow = { id: string; kind: string; dueAt: string; status: string; version: number };
    const planOf = (body: { steps: StepRow[] }) =>
      body.steps.map(({ id: stepId, kind, dueAt, status }) => ({ stepId, kind, dueAt, status }));
    const plan = await steps(roundId);
    expect(plan.steps.some((step: StepRow) => step.status === 'pending')).toBe(true);

    const renamed = await app.patch(
      `/api/sessions/${id}`,
      { titleEn: 'Working meeting' },
      ifMatch(stale),
    );
    expect(renamed.status).toBe(200);
    const version = first.body.scheduleVersion + 1;
    expect(renamed.headers.get('etag')).toBe(`"round-${roundId}-v${version}"`);
    await quiet(roundId);

    // The same steps, due when they were, now under the new version, still to run.
    const carried = await steps(roundId);
    const notices = (body: { steps: StepRow[] }) =>
      body.steps.filter((step) => step.kind === 'change_notice');
    const bound = (body: { steps: StepRow[] }) => ({
      ...body,
      steps: body.steps.filter((step) => step.kind !== 'change_notice'),
    });
    expect(planOf(bound(carried))).toEqual(planOf(plan));
    expect(bound(carried).steps.every((step: StepRow) => step.version === version)).toBe(true);
    expect(notices(carried)).toHaveLength(1);

    const before = await stateOf(roundId, sessionIds);
    const people = (await session(id)).body.audience.contactIds as string[];
    const refused = await app.patch(
      `/api/sessions/${id}`,
      { audience: { contactIds: people.slice(0, 1) } },
      ifMatch(stale),
    );
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'if-match' })]);
    expect(await stateOf(roundId, sessionIds)).toEqual(before);
  });

  it('refuses a reschedule, a session cancellation and a round cancellation made from an old ETag with 409 and the round as it is now, and changes and sends nothing', async () => {
    const { roundId, sessionIds } = await invitedRound(2);
    const stale = (await round(roundId)).headers.get('etag')!;
    expect(
      (await app.patch(`/api/sessions/${sessionIds[1]}`, await movedBy(sessionIds[1], HOUR)))
        .status,
    ).toBe(200);
    const before = await stateOf(roundId, sessionIds);

    const refused = [
      await app.patch(
        `/api/sessions/${sessionIds[0]}`,
        await movedBy(sessionIds[0], HOUR),
        ifMatch(stale),
      ),
      await app.post(`/api/sessions/${sessionIds[0]}/cancel`, undefined, ifMatch(stale)),
      await app.post(`/api/rounds/${roundId}/cancel`, undefined, ifMatch(stale)),
    ];
    for (const answer of refused) {
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({
        statusCode: 409,
        error: 'Conflict',
        errors: [{ field: 'if-match' }],
        current: {
          etag: `"round-${roundId}-v${before.round.scheduleVersion}"`,
          scheduleVersion: before.round.scheduleVersion,
          status: before.round.status,
        },
      });
      expect(answer.body.errors[0].reason).toContain(
        `moved on to version ${before.round.scheduleVersion}`,
      );
    }
    expect(refused[0].body.current.session).toEqual(before.sessions[0]);
    expect(refused[1].body.current.session).toEqual(before.sessions[0]);
    expect(refused[2].body.current.session).toBeUndefined();
    expect(await stateOf(roundId, sessionIds)).toEqual(before);
  });

  it('applies a change whose ETag or scheduleVersion is current, and one with If-Match: *, and refuses a stale scheduleVersion the same way', async () => {
    const { roundId, sessionIds } = await invitedRound(3);
    let current = await round(roundId);
    const withHeader = await app.patch(
      `/api/sessions/${sessionIds[0]}`,
      await movedBy(sessionIds[0], HOUR),
      ifMatch(current.headers.get('etag')!),
    );
    expect(withHeader.status).toBe(200);
    const stale = current.body.scheduleVersion;

    current = await round(roundId);
    expect(current.body.scheduleVersion).toBe(stale + 1);
    const before = await stateOf(roundId, sessionIds);
    const staleField = await app.patch(`/api/sessions/${sessionIds[1]}`, {
      ...(await movedBy(sessionIds[1], HOUR)),
      scheduleVersion: stale,
    });
    expect(staleField.status).toBe(409);
    expect(staleField.body.errors).toEqual([expect.objectContaining({ field: 'scheduleVersion' })]);
    expect(staleField.body.current).toMatchObject({
      scheduleVersion: stale + 1,
      session: before.sessions[1],
    });
    const staleCancel = await app.post(`/api/sessions/${sessionIds[1]}/cancel`, {
      scheduleVersion: stale,
    });
    expect(staleCancel.status).toBe(409);
    expect(await stateOf(roundId, sessionIds)).toEqual(before);

    const withField = await app.post(`/api/sessions/${sessionIds[1]}/cancel`, {
      scheduleVersion: stale + 1,
    });
    expect(withField.status).toBe(200);
    expect(withField.body.status).toBe('cancelled');
    const anyVersion = await app.patch(
      `/api/sessions/${sessionIds[2]}`,
      await movedBy(sessionIds[2], HOUR),
      ifMatch('*'),
    );
    expect(anyVersion.status).toBe(200);

    const last = (await round(roundId)).body.scheduleVersion;
    // The path may carry the id in capitals; the ETag is the same round's.
    const cancelled = await app.post(
      `/api/rounds/${roundId.toUpperCase()}/cancel`,
      { scheduleVersion: last },
      ifMatch(`"round-${roundId}-v${last}"`),
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.headers.get('etag')).toBe(`"round-${roundId}-v${last + 1}"`);
  });

  it('refuses an If-Match and a scheduleVersion that disagree, an If-Match that is no ETag, and the ETag of another round, changing nothing', async () => {
    const { roundId, sessionIds } = await invitedRound(1);
    const other = await invitedRound(1);
    const before = await stateOf(roundId, sessionIds);
    const version = before.round.scheduleVersion;
    const etag = `"round-${roundId}-v${version}"`;
    const path = `/api/sessions/${sessionIds[0]}/cancel`;

    const disagreeing = await app.post(path, { scheduleVersion: version + 1 }, ifMatch(etag));
    expect(disagreeing.status).toBe(422);
    expect(disagreeing.body.errors).toEqual([
      {
        field: 'scheduleVersion',
        reason: `is ${version + 1} while If-Match names version ${version}; send one version`,
      },
    ]);
    const malformed = await app.post(path, undefined, ifMatch(`round-${roundId}-v${version}`));
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'if-match' })]);
    const otherRounds = (await round(other.roundId)).headers.get('etag')!;
    const elsewhere = await app.post(path, undefined, ifMatch(otherRounds));
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.errors).toEqual([
      { field: 'if-match', reason: 'is the ETag of another round' },
    ]);
    expect((await app.post(path, undefined, ifMatch(`W/${etag}`))).status).toBe(422);
    expect((await app.post(path, { scheduleVersion: 'three' })).status).toBe(400);
    expect((await app.post(path, { version })).status).toBe(400);
    expect(await stateOf(roundId, sessionIds)).toEqual(before);
  });

  it('lets exactly one of two reschedules made from the same version through', async () => {
    const { roundId, sessionIds } = await invitedRound(1);
    const etag = (await round(roundId)).headers.get('etag')!;
    const answers = await Promise.all([
      app.patch(
        `/api/sessions/${sessionIds[0]}`,
        await movedBy(sessionIds[0], HOUR),
        ifMatch(etag),
      ),
      app.patch(
        `/api/sessions/${sessionIds[0]}`,
        await movedBy(sessionIds[0], 2 * HOUR),
        ifMatch(etag),
      ),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const [won, lost] = answers[0].status === 200 ? answers : [answers[1], answers[0]];
    expect(lost.body.current.session).toEqual(won.body);
    expect((await session(sessionIds[0])).body.startsAt).toBe(won.body.startsAt);
  });

  it('composes a change from the session as it is once the round is its own, not as it was read before waiting for it', async () => {
    const { roundId, sessionIds } = await invitedRound(2);
    const locks = new Client({ connectionString: app.config.databaseUrl });
    await locks.connect();
    const waiting = async (count: number) =>
      waitFor(`${count} change(s) waiting for the round`, async () => {
        const { rows } = await locks.query<{ n: number }>(
          "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
        );
        return rows[0].n >= count;
      });
    try {
      await locks.query('begin');
      await locks.query('select id from round where id = $1 for update', [roundId]);
      // Neither carries a version: the reschedule reads the session before the cancellation commits.
      const cancel = app.post(`/api/sessions/${sessionIds[0]}/cancel`);
      await waiting(1);
      const reschedule = app.patch(
        `/api/sessions/${sessionIds[0]}`,
        await movedBy(sessionIds[0], HOUR),
      );
      await waiting(2);
      await locks.query('rollback');
      expect((await cancel).status).toBe(200);
      const refused = await reschedule;
      expect(refused.status).toBe(409);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);
    } finally {
      await locks.end();
    }
    expect((await session(sessionIds[0])).body.status).toBe('cancelled');
  });
});
