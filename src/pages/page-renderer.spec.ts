import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Language } from '../common/language';
import { PageName } from './page-name';
import { DEFAULT_PAGES_DIRECTORY, PageRenderer } from './page-renderer';

describe('PageRenderer', () => {
  const renderer = new PageRenderer();

  it('shows a page in the language asked for, with the data escaped', () => {
    const html = renderer.render(PageName.Unsubscribe, Language.English, {
      email: '"><script>alert(1)</script>@example.org',
      optedOut: false,
      done: false,
    });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>Stop campaign e-mails</title>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;@example.org');
    expect(html).not.toContain('<script');
  });

  it('shows dates in the language and time zone of the data', () => {
    const html = renderer.render(PageName.Rsvp, Language.Albanian, {
      timeZone: 'Europe/Tirane',
      campaign: { name: 'Mbi parandalimin e migracionit të parregullt' },
      session: {
        title: 'Takim me anëtarët e Tryezës Teknike',
        startsAt: new Date('2017-11-22T08:00:00Z'),
        endsAt: new Date('2017-11-22T09:30:00Z'),
      },
      invitee: { fullName: 'Arbër Hoxha' },
      status: 'pending',
      open: true,
      values: {},
    });
    expect(html).toContain('e mërkurë, 22 nëntor 2017, 09:00–10:30');
    expect(html).toContain('Nuk keni dhënë ende përgjigje.');
  });

  it('shows a page for an unknown visitor in every language', () => {
    const html = renderer.renderInEveryLanguage(PageName.NotFound);
    expect(html).toContain('<title>Lidhje e pavlefshme / Link not valid</title>');
    expect(html).toContain('<section lang="sq">');
    expect(html).toContain('<section lang="en">');
  });

  it('refuses to start when a language lacks a text the others have', () => {
    const directory = mkdtempSync(join(tmpdir(), 'pages-'));
    try {
      cpSync(DEFAULT_PAGES_DIRECTORY, directory, { recursive: true });
      const file = join(directory, 'strings/en.json');
      const strings = JSON.parse(readFileSync(file, 'utf8'));
      delete strings.rsvp.delegate.submit;
      writeFileSync(file, JSON.stringify(strings));
      expect(() => new PageRenderer(directory)).toThrow(
        'page strings en.json differ from sq.json: missing rsvp.delegate.submit',
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
