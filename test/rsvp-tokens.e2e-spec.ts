import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { signId } from '../src/rsvp/signed-id-token';
import { runSettings } from './support/hostile-input';
import { invitedRound, invitingCampaign, linkPath } from './support/invited-round';
import { pageRequest } from './support/page-request';
import { contact } from './support/round-fixture';
import { SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';
import { roundMessagesSent, waitFor } from './support/wait-for';

const OTHER_SECRET = 'another-secret-that-is-at-least-32-characters';

/** A token's bytes: 16 of id, 16 of signature. */
const bytesOf = (token: string) => Buffer.from(token, 'base64url');
const tokenOf = (bytes: Buffer) => bytes.toString('base64url');
const idBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');

/**
 * The links in e-mails (RSVP, opt-out, attendance sheet) against guessing
 * and tampering: a token whose signature is wrong is refused before any
 * table is read (shown by holding every table locked while it is answered),
 * with the very page a well-signed token for no record gets; a token only
 * ever reaches the record it was signed for; and a client sending many
 * tokens is stopped by the rate limit, whatever address it claims.
 */
describe('e-mail link tokens', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let campaignId: string;
  let clients = 0;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url, TRUST_PROXY_HOPS: '1' });
    campaignId = await invitingCampaign(app);
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  /** Each call speaks from a new client address, so the rate limit of one check does not reach the next. */
  const page = (method: string, path: string, form?: Record<string, string>) => {
    clients += 1;
    return pageRequest(app.baseUrl, `198.51.${clients >> 8}.${clients & 255}`, method, path, form);
  };
  const tables = async () => {
    const { contact: contacts, invitation, invitation_response, message } = await app.snapshot();
    return { contacts, invitation, invitation_response, message };
  };
  const statusOf = async (invitationId: string) =>
    (await app.get(`/api/invitations/${invitationId}/responses`)).body.length as number;

  /** A round inviting the contacts, once its invitations are sent (the message rows stop changing). */
  async function invited(contactIds: string[]) {
    const round = await invitedRound(app, campaignId, contactIds);
    await roundMessagesSent(app, round.roundId, contactIds.length);
    return round;
  }

  async function people(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      ids.push(await contact(app, `Arbër Hoxha ${i}`, `tokens.${randomUUID()}@example.al.test`));
    }
    return ids;
  }

  it('refuses a token with a bad signature without reading any table, with the page a valid token for no record gets', async () => {
    const [arber] = await people(1);
    const round = await invited([arber]);
    const invitationId = round.invitationOf.get(arber) as string;
    const token = linkPath(app, 'rsvp', invitationId).split('/').pop() as string;
    const tampered = bytesOf(token);
    tampered[31] ^= 0x01;

    const forged = [
      `/rsvp/${tokenOf(tampered)}`,
      `/rsvp/${signId('rsvp', invitationId, OTHER_SECRET)}`,
      `/rsvp/${signId('opt-out', arber, app.config.appSecret)}`,
      `/rsvp/not-a-token`,
      `/rsvp/${'A'.repeat(90)}`,
      `/unsubscribe/${signId('rsvp', arber, app.config.appSecret)}`,
      `/unsubscribe/${signId('opt-out', arber, OTHER_SECRET)}`,
      `/attendance/${signId('rsvp', round.sessionId, app.config.appSecret)}`,
      `/attendance/${signId('attendance', round.sessionId, OTHER_SECRET)}`,
    ];
    const wellSigned = linkPath(app, 'rsvp', randomUUID());

    const locks = new Client({ connectionString: app.config.databaseUrl });
    await locks.connect();
    try {
      await locks.query('begin');
      const { rows } = await locks.query<{ tablename: string }>(
        "select tablename from pg_tables where schemaname = 'public'",
      );
      // No one else can read or write any of them until this transaction ends.
      await locks.query(
        `lock table ${rows.map((r) => `"${r.tablename}"`).join(', ')} in access exclusive mode`,
      );
      const answers = [];
      for (const path of forged) {
        answers.push(await page('GET', path), await page('POST', path, { answer: 'accept' }));
      }
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 404));
      expect(new Set(answers.map((a) => a.body)).size).toBe(1);
      // Longer than any token: the router refuses it before any page runs.
      expect((await page('GET', `/rsvp/${'A'.repeat(4000)}`)).status).toBe(400);

      // A well-signed token is looked up, so it waits for the locks: the check above can fail.
      const lookedUp = page('GET', wellSigned);
      await waitFor('the lookup of the well-signed token to wait for a lock', async () => {
        const waiting = await locks.query(
          'select 1 from pg_locks where not granted and database = (select oid from pg_database where datname = current_database())',
        );
        return waiting.rowCount !== null && waiting.rowCount > 0;
      });
      await locks.query('rollback');
      const answer = await lookedUp;
      expect(answer.status).toBe(404);
      expect(answer.body).toBe(answers[0].body);
    } finally {
      await locks.end();
    }
  });

  it('never reaches another invitation: any changed byte, another id under the same signature, another purpose', async () => {
    const [arber, drita] = await people(2);
    const round = await invited([arber, drita]);
    const mine = round.invitationOf.get(arber) as string;
    const theirs = round.invitationOf.get(drita) as string;
    const token = bytesOf(linkPath(app, 'rsvp', mine).split('/').pop() as string);
    const before = await tables();

    // Drita's id with the signature of Arbër's token.
    const swapped = Buffer.concat([idBytes(theirs), token.subarray(16)]);
    expect((await page('POST', `/rsvp/${tokenOf(swapped)}`, { answer: 'decline' })).status).toBe(
      404,
    );

    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 31 }),
        fc.integer({ min: 1, max: 255 }),
        async (index, xor) => {
          const changed = Buffer.from(token);
          changed[index] ^= xor;
          const answer = await page('POST', `/rsvp/${tokenOf(changed)}`, { answer: 'decline' });
          expect(answer.status).toBe(404);
        },
      ),
      runSettings(40),
    );
    expect(await tables()).toEqual(before);

    // Arbër's own link answers for Arbër, and for no one else.
    expect((await page('POST', linkPath(app, 'rsvp', mine), { answer: 'accept' })).status).toBe(
      303,
    );
    expect(await statusOf(mine)).toBe(1);
    expect(await statusOf(theirs)).toBe(0);
  });

  it('keeps each round’s invitation to its own link, and each purpose to its own page', async () => {
    const [gezim] = await people(1);
    const first = await invited([gezim]);
    const second = await invited([gezim]);
    const inFirst = first.invitationOf.get(gezim) as string;
    const inSecond = second.invitationOf.get(gezim) as string;
    const before = await tables();

    const crossed = [
      // The opt-out link of the contact, and the attendance link of the session, as an answer.
      `/rsvp/${signId('opt-out', gezim, app.config.appSecret)}`,
      `/rsvp/${signId('attendance', first.sessionId, app.config.appSecret)}`,
      // An invitation's answer link as an opt-out, or as the session's attendance sheet.
      `/unsubscribe/${signId('rsvp', inFirst, app.config.appSecret)}`,
      `/attendance/${signId('rsvp', inFirst, app.config.appSecret)}`,
      // A contact's opt-out signed as the opt-out of an address that is no contact.
      `/unsubscribe/${signId('opt-out-address', gezim, app.config.appSecret)}`,
    ];
    for (const path of crossed) {
      expect((await page('POST', path, { answer: 'accept' })).status).toBe(404);
    }
    expect(await tables()).toEqual(before);

    expect((await page('POST', linkPath(app, 'rsvp', inFirst), { answer: 'decline' })).status).toBe(
      303,
    );
    const invitations = async (roundId: string) =>
      (await app.get(`/api/rounds/${roundId}/invitations`)).body.items as any[];
    expect((await invitations(first.roundId))[0]).toMatchObject({
      id: inFirst,
      status: 'declined',
    });
    expect((await invitations(second.roundId))[0]).toMatchObject({
      id: inSecond,
      status: 'pending',
    });
  });

  it('stops a client guessing tokens after 60 pages a minute, across the pages, even with a valid one and a made-up address', async () => {
    // No proxy is trusted here: X-Forwarded-For is the client's own word and changes nothing.
    const direct = await TestApp.start({ SMTP_URL: sink.url });
    try {
      const pages = ['/rsvp/', '/unsubscribe/', '/attendance/'];
      for (let i = 0; i < 60; i += 1) {
        const guess = tokenOf(Buffer.concat([idBytes(randomUUID()), idBytes(randomUUID())]));
        const answer = await pageRequest(
          direct.baseUrl,
          `203.0.113.${i}`,
          i % 2 ? 'GET' : 'POST',
          pages[i % 3] + guess,
        );
        expect(answer.status).toBe(404);
      }
      const campaign = await invitingCampaign(direct);
      const [id] = [await contact(direct, 'Besa Kola', 'besa.kola@example.al.test')];
      const round = await invitedRound(direct, campaign, [id]);
      const valid = linkPath(direct, 'rsvp', round.invitationOf.get(id) as string);
      const before = await direct.snapshot();
      const limited = await pageRequest(direct.baseUrl, '192.0.2.99', 'POST', valid, {
        answer: 'accept',
      });
      expect(limited.status).toBe(429);
      expect(limited.body).toContain('Too many requests');
      expect(await direct.snapshot()).toEqual(before);
    } finally {
      await direct.close();
    }
  });
});
