import { randomUUID } from 'node:crypto';
import { DashboardSession } from './support/dashboard-session';
import { ELBASAN, enterElbasanRound } from './support/elbasan-round';
import { invitingCampaign } from './support/invited-round';
import { contact, draftRound } from './support/round-fixture';
import { SmtpSink } from './support/smtp-sink';
import { attendancePath, StaffedRound, staffedRound, staffMember } from './support/staffed-round';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const VIEWER_EMAIL = 'lexuesi@example.org';
const VIEWER_PASSWORD = 'viewer-password-long-enough';

/**
 * The campaigns, the campaign calendar, the round page and the report pages
 * over plain HTTP, as a browser without JavaScript uses them: an admin who
 * reads Albanian and a viewer who reads English, against the Elbasan round
 * as the office entered it and a round the real workflow invites, with a
 * real SMTP server that refuses one address.
 */
describe('the campaign pages of the dashboard', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let admin: DashboardSession;
  let viewer: DashboardSession;
  let elbasan: { campaignId: string; roundId: string; sessionIds: string[] };

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url });
    const created = await app.post('/api/users', {
      email: VIEWER_EMAIL,
      name: 'Lira Dervishi',
      role: 'viewer',
      password: VIEWER_PASSWORD,
      language: 'en',
    });
    expect(created.status).toBe(201);
    admin = await DashboardSession.signIn(app);
    viewer = await DashboardSession.signIn(app, VIEWER_EMAIL, VIEWER_PASSWORD);
    elbasan = await enterElbasanRound(app);
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  /** The text of a page as a reader sees it: tags gone, entities decoded, spaces collapsed. */
  const textOf = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#x27;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/&#x3D;/g, '=')
      .replace(/\s+/g, ' ');

  /** The text of the first table row that includes `marker`. */
  const rowWith = (html: string, marker: string) =>
    html
      .split('<tr')
      .slice(1)
      .map((row) => textOf(row.split('</tr>')[0]))
      .find((row) => row.includes(marker)) ?? '';

  /** The page's markup with `=` as written in addresses (Handlebars escapes it in attributes). */
  const markup = (html: string) => html.replace(/&#x3D;/g, '=');

  /** One section of a page, from its id to the next section. */
  const section = (html: string, id: string) =>
    html.slice(html.indexOf(`<section id="${id}"`)).split('</section>')[0];

  describe('campaigns and the calendar', () => {
    it('lists each campaign in the reader’s language with its rounds, linking to its calendar', async () => {
      const sq = await admin.get('/app/campaigns');
      expect(sq.status).toBe(200);
      expect(sq.text).toContain(`href="/app/campaigns/${elbasan.campaignId}"`);
      expect(textOf(sq.text)).toContain(ELBASAN.campaign.name);
      expect(textOf(sq.text)).toContain(ELBASAN.campaign.slogan);
      expect(textOf(sq.text)).toContain('4 raunde');

      const en = await viewer.get('/app/campaigns');
      expect(en.status).toBe(200);
      expect(textOf(en.text)).toContain(ELBASAN.campaign.name_en);
      expect(textOf(en.text)).toContain('4 rounds');

      const none = await admin.get('/app/campaigns?q=kampionati');
      expect(textOf(none.text)).toContain('Asnjë fushatë nuk përputhet.');
      const bad = await admin.get('/app/campaigns?limit=500');
      expect(bad.status).toBe(400);
      expect(textOf(bad.text)).toContain('limit');
    });

    it('shows the rounds in date order with their numbers and the counties still to visit', async () => {
      const page = await admin.get(`/app/campaigns/${elbasan.campaignId}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`<title>${ELBASAN.campaign.name} – `);
      const text = textOf(page.text);
      const counties = ['Elbasan', 'Kukës', 'Shkodër', 'Korçë'];
      const order = counties.map((county) => text.indexOf(`${county} `));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(page.text).toContain(`href="/app/rounds/${elbasan.roundId}"`);
      expect(page.text).toContain(`href="/app/rounds/${elbasan.roundId}/report"`);
      expect(page.text).toContain(`href="/app/campaigns/${elbasan.campaignId}/report"`);
      // Nobody was invited by e-mail in 2017; the head counts make the participants.
      const participants = ELBASAN.round.sessions.reduce(
        (sum, s) => sum + (s.participants ?? 0),
        0,
      );
      expect(rowWith(page.text, 'Elbasan')).toMatch(
        new RegExp(`22 nëntor 2017 Elbasan I përfunduar 0 0 0 0 ${participants}`),
      );
      // The fixture's next three rounds are drafts: listed apart, as drafts, and counted nowhere.
      expect(rowWith(page.text, 'Kukës')).toContain('5–7 dhjetor 2017');
      const drafts = page.text.slice(page.text.indexOf('id="drafts-heading"'));
      expect(drafts).toMatch(/^id="drafts-heading">Projekte \(3\)/);
      expect(rowWith(drafts, 'Kukës')).toContain('Projekt');
      expect(page.text.indexOf('id="drafts-heading"')).toBeGreaterThan(
        page.text.indexOf('id="rounds-heading"'),
      );
      const toVisit = text.slice(text.indexOf('Mbeten për t’u vizituar'));
      for (const county of ['Berat', 'Dibër', 'Vlorë']) expect(toVisit).toContain(county);
      expect(page.text).toContain(`href="/app/campaigns/${elbasan.campaignId}/rounds/new"`);
    });

    it('shows a viewer the same calendar without the button to plan a round', async () => {
      const page = await viewer.get(`/app/campaigns/${elbasan.campaignId}`);
      expect(page.status).toBe(200);
      expect(textOf(page.text)).toContain('Still to visit');
      expect(page.text).toContain(`href="/app/rounds/${elbasan.roundId}"`);
      expect(page.text).not.toContain('/rounds/new');
      expect(page.text).not.toContain('Plan a round');
    });

    it('answers an unknown campaign with a 404 page and a malformed id with a 400 page', async () => {
      const unknown = await admin.get(`/app/campaigns/${randomUUID()}`);
      expect(unknown.status).toBe(404);
      expect(unknown.text).toContain('<h1>Nuk u gjet</h1>');
      expect((await admin.get('/app/campaigns/not-an-id')).status).toBe(400);
    });
  });

  describe('the round page', () => {
    it('shows the Elbasan round: header, sessions in Tirana time, and its report link', async () => {
      const page = await admin.get(`/app/rounds/${elbasan.roundId}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('<title>Elbasan, 22 nëntor 2017 – Raundi – Fushata</title>');
      const text = textOf(page.text);
      expect(text).toContain('Elbasan, 22 nëntor 2017');
      expect(text).toContain('I përfunduar');
      for (const session of ELBASAN.round.sessions) expect(text).toContain(session.title);
      // The first session: 10:00 in Tirana, 09:00 UTC.
      expect(rowWith(page.text, ELBASAN.round.sessions[0].title)).toContain(
        '22 nëntor 2017, 10:00–11:00',
      );
      expect(page.text).toContain(`href="/app/rounds/${elbasan.roundId}/report"`);
      // Held and over: nothing to reschedule; nobody in charge, so no sheet to link.
      expect(page.text).not.toContain('/app/sessions/');
      expect(page.text).not.toContain('/attendance/');

      // What the report says, figure by figure: each session held with its participants,
      // the round's total, the leaflets and the recommendations.
      const report = (await app.get(`/api/rounds/${elbasan.roundId}/report`)).body;
      for (const session of report.sessions) {
        const row = rowWith(page.text, session.title);
        expect(row).toContain('U zhvillua');
        expect(row).not.toContain('planifikuar');
        expect(row).toContain(` ${session.counts.participants} `);
      }
      const outcome = textOf(page.text.slice(page.text.indexOf('id="outcome"')));
      expect(outcome).toContain(`Pjesëmarrës ${report.funnel.participants}`);
      expect(outcome).toContain('4000 fletëpalosje');
      for (const recommendation of report.recommendations)
        expect(outcome).toContain(recommendation);
    });

    it('shows a draft with the people each session would invite, to edit rather than reschedule', async () => {
      const besim = await contact(app, 'Besim Zeqiri', 'besim.zeqiri@example.al.test');
      const { roundId, sessionIds } = await draftRound(app, await invitingCampaign(app), [
        {
          titleSq: 'Takim me të rinjtë',
          titleEn: 'Meeting with young people',
          startInMs: 24 * 3600_000,
          audience: { contactIds: [besim] },
        },
      ]);
      const page = await admin.get(`/app/rounds/${roundId}`);
      expect(page.status).toBe(200);
      expect(textOf(section(page.text, 'sessions'))).toContain('Do të ftoheshin');
      expect(rowWith(page.text, 'Takim me të rinjtë')).toMatch(/ 1 I planifikuar Ndrysho /);
      expect(page.text).toContain(`href="/app/sessions/${sessionIds[0]}/edit"`);
      expect(page.text).not.toContain('/attendance/');
      expect(textOf(page.text)).toContain('Drafti nuk ka ende ecuri');
    });

    describe('with invitations sent by the workflow and one address refused', () => {
      const refused = 'kutia.plot@example.al.test';
      let round: StaffedRound;
      let people: { besa: string; arber: string; refused: string };
      let institutionId: string;

      beforeAll(async () => {
        sink.failFor(refused, 550, 'Mailbox full');
        const institution = await app.post('/api/institutions', {
          name: 'Bashkia Elbasan',
          kind: 'municipality',
          countyId: await app.countyId('Elbasan'),
        });
        institutionId = institution.body.id;
        people = {
          besa: await contact(app, 'Besa Kola', 'besa.kola@example.al.test', { institutionId }),
          arber: await contact(app, 'Arbër Hoxha', 'arber.hoxha@example.al.test'),
          refused: await contact(app, 'Gëzim Leka', refused),
        };
        const staffId = await staffMember(app, 'Anila Gjoka', 'sq');
        round = await staffedRound(
          app,
          await invitingCampaign(app),
          staffId,
          Object.values(people),
        );
        await waitFor('the refused invitation recorded as failed', async () => {
          const { items } = (await app.get(`/api/rounds/${round.roundId}/messages?status=failed`))
            .body;
          return items.length === 1;
        });
        await waitFor('the other invitations sent', async () =>
          ['besa.kola@example.al.test', 'arber.hoxha@example.al.test'].every((address) =>
            sink.messages.some((mail) => mail.envelope.to.includes(address)),
          ),
        );
      });

      const failedMessage = async () =>
        (await app.get(`/api/rounds/${round.roundId}/messages?status=failed`)).body.items[0];

      it('lists the sessions, the steps and every e-mail, with the failure and its reply', async () => {
        const page = await admin.get(`/app/rounds/${round.roundId}`);
        expect(page.status).toBe(200);
        expect(textOf(page.text)).toContain('Takim me anëtarët e Tryezës Teknike');
        expect(rowWith(page.text, 'Takim me anëtarët e Tryezës Teknike')).toMatch(
          / 3 I planifikuar /,
        );
        expect(page.text).toContain(`href="/app/sessions/${round.sessionId}/reschedule"`);
        expect(page.text).toContain(`href="/app/sessions/${round.sessionId}/cancel"`);
        expect(page.text).toContain(`href="${attendancePath(app, round.sessionId)}"`);
        expect(textOf(page.text)).toContain('Anila Gjoka');
        expect(rowWith(page.text, 'Ftesat')).toMatch(/Ftesat Kryer 2 0 1 0/);
        const failed = rowWith(section(page.text, 'messages'), refused);
        expect(failed).toContain('Gëzim Leka');
        expect(failed).toContain('Dështuar');
        expect(failed).toContain('Mailbox full');
        expect(failed).toContain('Dërgo përsëri');
        expect(rowWith(section(page.text, 'messages'), 'besa.kola@example.al.test')).toContain(
          'Dërguar',
        );
        expect(textOf(page.text)).toContain('1 e-mail i këtij raundi dështoi.');
        expect(page.text).toContain(`action="/app/messages/${(await failedMessage()).id}/resend"`);
      });

      it('shows a viewer the same round without Resend, and refuses their resend with 403', async () => {
        const page = await viewer.get(`/app/rounds/${round.roundId}`);
        expect(page.status).toBe(200);
        const text = textOf(page.text);
        expect(text).toContain('Mailbox full');
        expect(text).toContain('Invitations Done');
        expect(text).not.toContain('Resend');
        expect(page.text).not.toContain('/resend');
        expect(page.text).not.toContain('/app/sessions/');
        expect(page.text).not.toContain('/attendance/');
        const message = await failedMessage();
        const refusedResend = await viewer.post(
          `/app/messages/${message.id}/resend`,
          {},
          page.text,
        );
        expect(refusedResend.status).toBe(403);
        expect((await failedMessage()).id).toBe(message.id);
      });

      it('filters the invitations by answer, session and institution, with each answer’s history', async () => {
        const answered = await app.post(
          `/api/invitations/${round.invitationOf.get(people.arber)}/response`,
          {
            answer: 'delegate',
            source: 'phone',
            substitute: { fullName: 'Drita Koçi', email: 'drita.koci@example.al.test' },
          },
        );
        expect(answered.status).toBe(200);
        const base = `/app/rounds/${round.roundId}`;

        const delegated = await admin.get(`${base}?answer=delegated`);
        expect(delegated.status).toBe(200);
        const arber = rowWith(delegated.text, 'arber.hoxha@example.al.test');
        expect(arber).toContain('Dërgoi një koleg');
        expect(arber).toContain('Vjen në vend: Drita Koçi');
        expect(arber).toContain('1 përgjigje');
        expect(arber).toContain('dërgon një koleg (me telefon, regjistruar nga');
        expect(section(delegated.text, 'invitations')).not.toContain('besa.kola@example.al.test');
        expect(delegated.text).toMatch(/<option value="delegated" selected>/);

        const drita = rowWith((await admin.get(`${base}?answer=pending`)).text, 'Drita Koçi');
        expect(drita).toContain('Në vend të Arbër Hoxha');

        const atMunicipality = await admin.get(
          `${base}?sessionId=${round.sessionId}&answer=&institutionId=${institutionId}`,
        );
        expect(atMunicipality.status).toBe(200);
        const listed = section(atMunicipality.text, 'invitations');
        expect(listed).toContain('besa.kola@example.al.test');
        expect(listed).not.toContain('arber.hoxha@example.al.test');
        expect(atMunicipality.text).toContain(`<option value="${institutionId}" selected>`);

        const wrong = await admin.get(`${base}?answer=maybe`);
        expect(wrong.status).toBe(400);
        expect(textOf(wrong.text)).toContain('answer: must be one of pending, accepted');
      });

      it('pages long tables with links that keep the other table’s filter', async () => {
        const first = await admin.get(
          `/app/rounds/${round.roundId}?invitationsLimit=2&messageStatus=sent`,
        );
        expect(first.status).toBe(200);
        const { total } = (await app.get(`/api/rounds/${round.roundId}/invitations`)).body;
        expect(total).toBeGreaterThan(2);
        expect(textOf(first.text)).toContain(`1–2 nga ${total}`);
        const next = /href="([^"]*invitationsOffset=2[^"]*)" rel="next"/.exec(
          markup(first.text),
        )?.[1];
        expect(next).toBeDefined();
        const url = new URL(next!.replace(/&amp;/g, '&'), app.baseUrl);
        expect(url.searchParams.get('messageStatus')).toBe('sent');
        expect(url.searchParams.get('invitationsLimit')).toBe('2');
        expect(url.hash).toBe('#invitations');
        const second = await admin.get(url.pathname + url.search);
        expect(textOf(second.text)).toContain(`3–${Math.min(4, total)} nga ${total}`);
        expect(second.text).toMatch(/rel="prev"/);
      });

      it('resends a failed e-mail to the SMTP server once the cause is fixed, and only a failed one', async () => {
        const message = await failedMessage();
        const page = await admin.get(`/app/rounds/${round.roundId}`);
        sink.reset();

        const resent = await admin.post(`/app/messages/${message.id}/resend`, {}, page.text);
        expect(resent.status).toBe(303);
        expect(resent.location).toBe(`/app/rounds/${round.roundId}?resent=1#messages`);
        const mail = await waitFor('the invitation at the mailbox it was refused by', () =>
          sink.messages.find((received) => received.envelope.to.includes(refused)),
        );
        expect(mail.text).toContain('Gëzim Leka');
        expect(mail.text).toContain('Takim me anëtarët e Tryezës Teknike');
        const sent = await waitFor('the message recorded as sent', async () => {
          const items = (await app.get(`/api/rounds/${round.roundId}/messages`)).body
            .items as any[];
          const row = items.find((item) => item.id === message.id);
          return row?.status === 'sent' ? row : undefined;
        });
        expect(sent).toMatchObject({ attempts: 1, error: null });

        const after = await admin.get(resent.location!);
        expect(textOf(after.text)).toContain('E-maili është në radhë për t’u dërguar përsëri');
        expect(textOf(after.text)).not.toContain('dështoi.');

        const again = await admin.post(`/app/messages/${message.id}/resend`, {}, page.text);
        expect(again.status).toBe(409);
        expect(textOf(again.text)).toContain('only a failed message can be sent again');
        const unknown = await admin.post(`/app/messages/${randomUUID()}/resend`, {}, page.text);
        expect(unknown.status).toBe(404);
        const forged = await admin.post(`/app/messages/${message.id}/resend`, {}, '');
        expect(forged.status).toBe(403);
      });
    });
  });

  describe('the report pages', () => {
    it('show the round’s narrative and figures, with a download of each format in each language', async () => {
      const page = await viewer.get(`/app/rounds/${elbasan.roundId}/report`);
      expect(page.status).toBe(200);
      const text = textOf(page.text);
      expect(text).toContain('Round report: Elbasan, 22 November 2017');
      expect(text).toContain(ELBASAN.round.recommendations_en[0]);
      expect(text).toContain('4,000 leaflets');
      expect(text).toContain('rreth 30');
      for (const format of ['pdf', 'html', 'csv', 'json']) {
        for (const lang of ['sq', 'en']) {
          expect(markup(page.text)).toContain(
            `href="/app/rounds/${elbasan.roundId}/report/download?format=${format}&amp;lang=${lang}"`,
          );
        }
      }
      const albanian = await viewer.get(`/app/rounds/${elbasan.roundId}/report?lang=sq`);
      expect(albanian.text).toContain('<div lang="sq">');
      expect(textOf(albanian.text)).toContain(ELBASAN.round.recommendations[0]);
      expect(textOf(albanian.text)).toContain('Download the report');
    });

    it('show the campaign’s totals, rounds and counties, linked from the calendar', async () => {
      const page = await admin.get(`/app/campaigns/${elbasan.campaignId}/report`);
      expect(page.status).toBe(200);
      const text = textOf(page.text);
      expect(text).toContain(`Raporti i fushatës: ${ELBASAN.campaign.name}`);
      expect(text).toContain('Qarqet e vizituara Elbasan');
      expect(markup(page.text)).toContain(
        `href="/app/campaigns/${elbasan.campaignId}/report/download?format=pdf&amp;lang=en"`,
      );
    });

    it('stream every format with its type, PDF as a file to keep and HTML to read', async () => {
      const cookie = await sessionCookie();
      const expected = {
        pdf: ['application/pdf', 'attachment'],
        html: ['text/html; charset=utf-8', 'inline'],
        csv: ['application/zip', 'attachment'],
        json: ['application/json; charset=utf-8', 'attachment'],
      };
      const reports = [
        `/app/rounds/${elbasan.roundId}/report`,
        `/app/campaigns/${elbasan.campaignId}/report`,
      ];
      for (const report of reports) {
        for (const [format, [type, disposition]] of Object.entries(expected)) {
          for (const lang of ['sq', 'en']) {
            const response = await fetch(
              `${app.baseUrl}${report}/download?format=${format}&lang=${lang}`,
              { headers: { cookie } },
            );
            expect(response.status).toBe(200);
            expect(response.headers.get('content-type')).toBe(type);
            expect(response.headers.get('content-disposition')).toMatch(
              new RegExp(
                `^${disposition}; filename="(raporti|report)-[a-z0-9-]+\\.${format === 'csv' ? 'zip' : format}"$`,
              ),
            );
            expect(response.headers.get('content-language')).toBe(lang);
            const body = Buffer.from(await response.arrayBuffer());
            if (format === 'pdf') expect(body.subarray(0, 5).toString()).toBe('%PDF-');
            if (format === 'json') expect(JSON.parse(body.toString()).language).toBe(lang);
          }
        }
      }
    });

    it('answer a bad format or language with a 400 page naming it, and an unknown round with 404', async () => {
      const base = `/app/rounds/${elbasan.roundId}/report`;
      const format = await admin.get(`${base}/download?format=docx&lang=sq`);
      expect(format.status).toBe(400);
      expect(format.text).toContain('<!DOCTYPE html>');
      expect(textOf(format.text)).toContain('format: must be one of json, csv, html, pdf');
      const lang = await admin.get(`${base}/download?format=pdf&lang=de`);
      expect(lang.status).toBe(400);
      expect(textOf(lang.text)).toContain('lang: must be one of sq, en');
      expect((await admin.get(`${base}/download?format=pdf`)).status).toBe(400);
      expect((await admin.get(`${base}?lang=fr`)).status).toBe(400);
      const unknown = await admin.get(
        `/app/rounds/${randomUUID()}/report/download?format=pdf&lang=sq`,
      );
      expect(unknown.status).toBe(404);
    });
  });

  /** The session cookie a browser keeps after signing in, for reading downloads' headers. */
  async function sessionCookie(): Promise<string> {
    const form = await fetch(`${app.baseUrl}/app/sign-in`);
    const csrf = form.headers.getSetCookie()[0].split(';')[0];
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const signedIn = await fetch(`${app.baseUrl}/app/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({
        _csrf: token,
        email: ADMIN_EMAIL,
        password: ADMIN_PASSWORD,
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf },
    });
    return signedIn.headers.getSetCookie()[0].split(';')[0];
  }
});
