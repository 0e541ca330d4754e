import { Inbox } from '../scripts/demo/inbox';
import { playDemoRound } from '../scripts/demo/play-demo-round';
import { readPdf } from '../src/reports/render/testing/pdf-content';
import { ReceivedMail, SmtpSink } from './support/smtp-sink';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './support/test-app';

/** The SMTP sink read as the demo reads the mail catcher. */
function sinkInbox(sink: SmtpSink): Inbox {
  return {
    location: `the test's SMTP sink at ${sink.url}`,
    list: async () =>
      sink.messages.map((mail, index) => ({
        id: String(index),
        to: mail.to.map((to) => to.address.toLowerCase()),
        subject: mail.subject,
        text: mail.text,
        attachments: mail.attachments.map((file) => ({
          filename: file.filename ?? '',
          contentType: file.contentType,
        })),
      })),
  };
}

/**
 * `npm run demo`'s story, played against the real application with the SMTP
 * sink as its inbox and the policy's seconds shortened: the answers go
 * through the RSVP pages the links in the e-mails open, and what the round
 * did is checked in the API and in the mail received.
 */
describe('npm run demo', () => {
  let sink: SmtpSink;
  let app: TestApp;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url, RECONCILE_EVERY_MS: '300' });
  });

  afterAll(async () => {
    await app?.close();
    await sink?.stop();
  });

  it('plays a round from the invitations to the report e-mail', async () => {
    const lines: string[] = [];
    const { cast, round, narrative } = await playDemoRound({
      baseUrl: app.baseUrl,
      admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      inbox: sinkInbox(sink),
      timing: {
        sessionStartsIn: 16,
        sessionLasts: 3,
        remindNonRespondersBefore: 8,
        remindAcceptedBefore: 4,
        followUpAfter: 2,
        reportAfter: 3,
        grace: 15,
      },
      // Printed as it plays, as `npm run demo` prints it, so a failure shows how far it got.
      write: (line) => {
        lines.push(line);
        process.stdout.write(`${line}\n`);
      },
    });

    const invitations = (await app.get(`/api/rounds/${round.roundId}/invitations`)).body
      .items as any[];
    const answerOf = (email: string) =>
      invitations.find((invitation) => invitation.contact.email === email);
    expect(answerOf(cast.arta.email).status).toBe('accepted');
    expect(answerOf(cast.ben.email).status).toBe('declined');
    expect(answerOf(cast.dea.email).status).toBe('delegated');
    expect(answerOf(cast.gent.email).status).toBe('pending');
    expect(answerOf(cast.fatos.email).status).toBe('withdrawn');
    expect(answerOf(cast.elira.email)).toMatchObject({
      status: 'accepted',
      substituteForId: answerOf(cast.dea.email).id,
    });

    const messages = (await app.get(`/api/rounds/${round.roundId}/messages?limit=200`)).body
      .items as any[];
    /** Who the sink received an e-mail of this template for, by its subject as Fushata recorded it. */
    const received = (template: string) => {
      const subjects = new Set(
        messages.filter((m) => m.template === template).map((m) => m.subject as string),
      );
      return sink.messages
        .filter((mail) => subjects.has(mail.subject))
        .map((mail) => mail.envelope.to.join(','))
        .sort();
    };
    expect(messages.every((message) => message.status === 'sent')).toBe(true);
    expect(received('invitation')).toEqual(
      [cast.arta, cast.ben, cast.dea, cast.gent, cast.fatos, cast.elira].map((p) => p.email).sort(),
    );
    expect(received('cancellation-notice')).toEqual([cast.fatos.email]);
    expect(received('reminder')).toEqual([cast.gent.email]);
    expect(received('day-before-reminder')).toEqual([cast.arta.email, cast.elira.email].sort());
    expect(received('follow-up-thanks')).toEqual(
      [cast.arta.email, cast.elira.email, cast.walkIn.email].sort(),
    );
    expect(received('follow-up-missed')).toEqual([]);

    const reports = sink.messages.filter((mail: ReceivedMail) =>
      mail.envelope.to.includes(cast.reportRecipient),
    );
    expect(reports).toHaveLength(1);
    const [report] = reports;
    expect(report.subject).toMatch(/^Raporti i raundit: Durrës, /);
    const [pdf] = report.attachments.filter((file) => file.contentType === 'application/pdf');
    const pdfText = (await readPdf(pdf.content)).text.replace(/\s+/g, ' ');
    expect(pdfText).toContain('Takim me Tryezën Teknike Antitrafik të qarkut Durrës');
    expect(pdfText).toContain('Elira Shehu');

    expect(narrative[0]).toMatchObject({
      kind: 'paragraph',
      text: expect.stringContaining('Durrës'),
    });
    const printed = lines.join('\n');
    expect(printed).toContain('Ben Kola opens the link and presses “I cannot attend”');
    expect(printed).toContain(`e-mail to ${cast.gent.email}: “Reminder: please reply`);
    expect(printed).toContain('• Employment offices should tell young people');
    expect(printed).toContain(`/app/rounds/${round.roundId}/report`);
  });
});
