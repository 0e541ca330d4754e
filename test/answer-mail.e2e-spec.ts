import { contact, draftRound, fastCampaign } from './support/round-fixture';
import { ReceivedMail, SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/**
 * What answering sets off, through the real queue to a real SMTP server:
 * members answer with the links in the invitations they received, each gets
 * a confirmation (the calendar entry kept or removed), and a colleague named
 * instead gets an invitation of their own and, later, the same reminder.
 */
describe('e-mails set off by answers', () => {
  let sink: SmtpSink;
  let app: TestApp;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url, RECONCILE_EVERY_MS: '300' });
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  /** Addresses keep the case they were typed in; mailboxes ignore it. */
  const to = (mail: ReceivedMail) => mail.envelope.to[0].toLowerCase();
  const unfolded = (mail: ReceivedMail) => (mail.calendar ?? '').replace(/\r?\n[ \t]/g, '');
  /** The link a reader follows: the first RSVP link in the plain-text part. */
  const rsvpPath = (mail: ReceivedMail) =>
    (mail.text.match(/https?:\/\/[^/\s]+(\/rsvp\/[\w-]+)/) as RegExpMatchArray)[1];
  const answer = (path: string, fields: Record<string, string>) =>
    app.request('POST', path, {
      raw: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      token: null,
    });

  it('confirms each answer and invites the colleague sent instead, who is then reminded', async () => {
    const arta = await contact(app, 'Arta Hoxha', 'arta@example.al.test');
    const ben = await contact(app, 'Ben Smith', 'ben@example.al.test', { language: 'en' });
    const dea = await contact(app, 'Dea Koçi', 'dea@example.al.test');
    const campaignId = await fastCampaign(app, {
      inviteBefore: 'P1D',
      reminders: [{ before: 'PT1H59M50S', audience: 'non_responders' }],
    });
    const { roundId } = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim me anëtarët e Tryezës Teknike',
        titleEn: 'Meeting with the members of the Technical Table',
        startInMs: 2 * 3600_000,
        audience: { contactIds: [arta, ben, dea] },
      },
    ]);
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);
    const invitations = new Map((await sink.waitFor(3, 8000)).map((mail) => [to(mail), mail]));
    sink.reset();

    const byArta = await answer(rsvpPath(invitations.get('arta@example.al.test')!), {
      answer: 'accept',
    });
    expect(byArta.status).toBe(200); // fetch followed the 303 to the page that shows the answer
    await answer(rsvpPath(invitations.get('ben@example.al.test')!), { answer: 'decline' });
    await answer(rsvpPath(invitations.get('dea@example.al.test')!), {
      answer: 'delegate',
      substituteName: 'Vera Gjoka',
      substituteEmail: 'Vera.Gjoka@example.al.test',
      substitutePosition: 'Specialiste',
    });
    // The same answer again, as a double click sends it: nothing more goes out.
    await answer(rsvpPath(invitations.get('arta@example.al.test')!), { answer: 'accept' });

    const mails = new Map((await sink.waitFor(4, 8000)).map((mail) => [to(mail), mail]));
    const artaMail = mails.get('arta@example.al.test')!;
    expect(artaMail.subject).toMatch(/^Pjesëmarrja u konfirmua – /);
    expect(unfolded(artaMail)).toContain('METHOD:REQUEST');
    const benMail = mails.get('ben@example.al.test')!;
    expect(benMail.subject).toMatch(/^Your reply is noted – /);
    expect(unfolded(benMail)).toContain('METHOD:CANCEL');
    const deaMail = mails.get('dea@example.al.test')!;
    expect(deaMail.text).toContain('kolegu/kolegia juaj Vera Gjoka');
    const veraInvitation = mails.get('vera.gjoka@example.al.test')!;
    expect(veraInvitation.subject).toMatch(/^Ftesë: /);
    expect(veraInvitation.text).toContain('Të nderuar Vera Gjoka,');
    expect(rsvpPath(veraInvitation)).not.toBe(rsvpPath(invitations.get('dea@example.al.test')!));

    // Ten seconds after scheduling the reminder to non-responders is due: only the colleague has not answered.
    sink.reset();
    const reminders = await sink.waitFor(1, 15_000);
    expect(reminders.map(to)).toEqual(['vera.gjoka@example.al.test']);
    expect(reminders[0].subject).toMatch(/^Kujtesë: /);
    await waitFor('every message of the round sent', async () => {
      const messages = (await app.get(`/api/rounds/${roundId}/messages?limit=50`)).body
        .items as any[];
      return messages.every((m) => m.status === 'sent') ? messages : undefined;
    });
    expect(sink.messages).toHaveLength(1);
  }, 60_000);
});
