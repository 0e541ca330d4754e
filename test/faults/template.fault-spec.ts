import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TEMPLATES_DIRECTORY } from '../../src/messaging/template-renderer';
import { SmtpSink } from '../support/smtp-sink';
import { TestApp } from '../support/test-app';
import { FanOut } from './support/fan-out';

const SIZE = 8;

/**
 * The office words its own e-mails (EMAIL_TEMPLATES_DIR) and its English
 * invitation asks a date helper for a field that does not exist: the
 * e-mails to English speakers cannot render. Each of those fails alone, with
 * the template and the reason recorded; the Albanian invitations go out.
 */
describe('a template that fails to render for some contacts', () => {
  let directory: string;
  let sink: SmtpSink;
  let app: TestApp;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'fushata-templates-'));
    cpSync(DEFAULT_TEMPLATES_DIRECTORY, directory, { recursive: true });
    writeFileSync(
      join(directory, 'invitation', 'en.html.hbs'),
      '<p>Dear {{recipient.fullName}}, we meet on {{formatDate round.startsOn}}.</p>\n',
    );
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url, EMAIL_TEMPLATES_DIR: directory });
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('fails those messages with the reason and sends every other once', async () => {
    const fanOut = new FanOut(app);
    const { roundId } = await fanOut.draft(SIZE);
    await fanOut.schedule(roundId);

    // Every fourth contact of a fan-out speaks English.
    const english = SIZE / 4;
    await fanOut.settled(roundId, SIZE - english, 20_000);
    const rows = await fanOut.messageRows(roundId);
    const failed = rows.filter((row) => row.status === 'failed');
    expect(failed).toHaveLength(english);
    for (const row of failed) {
      expect(row.attempts).toBe(1);
      expect(row.error).toBe(
        'template invitation could not be rendered: formatDate needs a date, got undefined',
      );
    }
    // Nobody whose e-mail failed received anything; everyone else, their invitation once.
    const delivery = await fanOut.checkDelivery(roundId, sink.messages);
    expect(delivery).toMatchObject({
      strangers: [],
      missing: [],
      repeats: 0,
      sent: SIZE - english,
    });
  });
});
