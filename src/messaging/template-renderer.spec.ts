import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Language } from '../common/language';
import { SessionKind } from '../rounds/session-kind';
import { EmailContext, EmailSession } from './email-context';
import {
  DEFAULT_TEMPLATES_DIRECTORY,
  TemplateName,
  TemplateRenderer,
  TemplateRenderError,
} from './template-renderer';

const RSVP_MEETING = 'https://fushata.example.org/rsvp/Zk3q9xVtR2mW8pLc?lang=sq&s=1';
const RSVP_WORKSHOP = 'https://fushata.example.org/rsvp/Hq7T2bNcX5yPj4Ka';
const OPT_OUT = 'https://fushata.example.org/unsubscribe/Wm3Rz8LkQ1vB6nTd';
const ATTENDANCE = 'https://fushata.example.org/attendance/Pq2Lx7RvK9sD4mWe';

/** The Elbasan round of 22 November 2017, as the workflow would pass it. */
function elbasan(language: Language, overrides: Partial<EmailContext> = {}): EmailContext {
  const sq = language === Language.Albanian;
  return {
    language,
    recipient: { fullName: 'Arta Hoxha' },
    campaign: {
      name: sq
        ? 'Mbi parandalimin e migracionit të parregullt'
        : 'On preventing irregular migration',
      slogan: sq
        ? 'Zgjidhni mundësitë, jo migracionin e parregullt!'
        : 'Choose opportunities, not irregular migration!',
      organiser: sq
        ? 'Zyra e Koordinatorit Kombëtar për Çështje të Luftës kundër Trafikimit të Personave'
        : 'Office of the National Coordinator for the Fight against Trafficking in Persons',
    },
    round: { county: 'Elbasan' },
    sessions: [
      {
        title: sq
          ? 'Takim me anëtarët e Tryezës Teknike'
          : 'Meeting with the members of the Technical Table',
        kind: SessionKind.Meeting,
        // 10:00–12:00 in Tirana (UTC+1 in November).
        startsAt: new Date('2017-11-22T09:00:00Z'),
        endsAt: new Date('2017-11-22T11:00:00Z'),
        venue: sq
          ? 'Institucioni i Prefektit të qarkut Elbasan'
          : 'Prefect’s Institution, Elbasan county',
        rsvpUrl: RSVP_MEETING,
      },
    ],
    staff: { name: 'Elira Dervishi', email: 'elira.dervishi@example.al.test' },
    timeZone: 'Europe/Tirane',
    optOutUrl: OPT_OUT,
    ...overrides,
  };
}

const workshop = (language: Language): EmailSession => ({
  title:
    language === Language.Albanian
      ? 'Workshop me anëtarë të Tryezës Teknike Antitrafik'
      : 'Workshop with members of the Anti-Trafficking Technical Table',
  kind: SessionKind.Workshop,
  startsAt: new Date('2017-11-22T11:30:00Z'),
  endsAt: new Date('2017-11-22T13:30:00Z'),
  rsvpUrl: RSVP_WORKSHOP,
});

/** The few entities Handlebars writes, decoded, so a test can look for a URL as a reader sees it. */
function decode(html: string): string {
  return html
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'")
    .replace(/&#x60;/g, '`')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const HTML_ENTITY = /&(#\d+|#x[0-9a-f]+|[a-z]+);/i;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

const ALL = Object.values(TemplateName).flatMap((template) =>
  [Language.Albanian, Language.English].map((language) => [template, language] as const),
);

const GREETING = {
  [Language.Albanian]: 'Të nderuar Arta Hoxha,',
  [Language.English]: 'Dear Arta Hoxha,',
};
const SUBJECT_START: Record<TemplateName, Record<Language, string>> = {
  [TemplateName.Invitation]: { sq: 'Ftesë: ', en: 'Invitation: ' },
  [TemplateName.Reminder]: { sq: 'Kujtesë: ', en: 'Reminder: ' },
  [TemplateName.DayBeforeReminder]: { sq: 'Kujtesë: ', en: 'Reminder: ' },
  [TemplateName.ChangeNotice]: { sq: 'Ndryshim në program: ', en: 'Change of schedule: ' },
  [TemplateName.CancellationNotice]: { sq: 'Anulim: ', en: 'Cancelled: ' },
  [TemplateName.AnswerConfirmation]: {
    sq: 'Pjesëmarrja u konfirmua – ',
    en: 'Attendance confirmed – ',
  },
  [TemplateName.AttendanceOpens]: {
    sq: 'Lista e pjesëmarrjes është e hapur: ',
    en: 'Attendance sheet open: ',
  },
  [TemplateName.FollowUpThanks]: {
    sq: 'Faleminderit për pjesëmarrjen – ',
    en: 'Thank you for taking part – ',
  },
  [TemplateName.FollowUpMissed]: { sq: 'Na mungoi prania juaj – ', en: 'Sorry we missed you – ' },
  [TemplateName.AttendanceMissing]: {
    sq: 'Pjesëmarrja nuk është regjistruar: ',
    en: 'Attendance not recorded: ',
  },
};

/** What came out of the Elbasan round: two of its four recommendations and its leaflets. */
const outcome = (language: Language): EmailContext['followUp'] =>
  language === Language.Albanian
    ? {
        recommendations: [
          'Nevojat për fuqizimin e grave dhe komunitetit dhe aktivitetet paralele të ndërgjegjësimit;',
          'Rëndësia e medias dhe roli i tyre vendimtar në fushatat e ndërgjegjësimit;',
        ],
        materials: [
          {
            description: 'fletëpalosje',
            quantity: 4000,
            places: 'në bare kafeje dhe vende publike',
          },
        ],
      }
    : {
        recommendations: [
          'The need to empower women and the community, with awareness activities alongside;',
          'The importance of the media and their decisive role in awareness campaigns;',
        ],
        materials: [
          { description: 'leaflets', quantity: 4000, places: 'in cafés and public places' },
        ],
      };
const LOCAL_TIME = {
  [Language.Albanian]: 'e mërkurë, 22 nëntor 2017, 10:00–12:00',
  [Language.English]: 'Wednesday, 22 November 2017, 10:00–12:00',
};

describe('TemplateRenderer', () => {
  const renderer = new TemplateRenderer();

  describe.each(ALL)('%s in %s', (template, language) => {
    const email = renderer.render(
      template,
      elbasan(language, {
        followUp: outcome(language),
        answer: { given: 'accepted' },
        attendanceUrl: ATTENDANCE,
      }),
    );

    it('has a one-line subject in the language', () => {
      expect(email.subject.startsWith(SUBJECT_START[template][language])).toBe(true);
      expect(email.subject).toContain('Elbasan');
      expect(email.subject).not.toMatch(CONTROL);
      expect(email.subject).not.toMatch(HTML_ENTITY);
    });

    it('greets the recipient and shows the session in Tirana time', () => {
      for (const body of [email.text, decode(email.html)]) {
        expect(body).toContain(GREETING[language]);
        expect(body).toContain(LOCAL_TIME[language]);
        expect(body).toContain(elbasan(language).sessions[0].title);
        expect(body).toContain(elbasan(language).sessions[0].venue);
      }
      expect(email.html).toContain(`<html lang="${language}">`);
    });

    it('signs with the staff member and ends with the opt-out link', () => {
      for (const body of [email.text, decode(email.html)]) {
        expect(body).toContain('Elira Dervishi');
        expect(body).toContain('elira.dervishi@example.al.test');
        expect(body).toContain(OPT_OUT);
        expect(body).toContain(elbasan(language).campaign.organiser);
      }
      expect(email.text).not.toContain('undefined');
      expect(email.html).not.toContain('undefined');
    });

    it('writes plain text with no HTML in it', () => {
      expect(email.text).not.toMatch(HTML_ENTITY);
      expect(email.text).not.toMatch(/<\/?(p|a|br|ul|li|strong|s|table)\b/);
      expect(email.text).not.toMatch(/\n{3,}/);
    });
  });

  describe.each([Language.Albanian, Language.English])('in %s', (language) => {
    it.each([
      TemplateName.Invitation,
      TemplateName.Reminder,
      TemplateName.DayBeforeReminder,
      TemplateName.ChangeNotice,
    ])('%s carries one answer link per session', (template) => {
      const email = renderer.render(
        template,
        elbasan(language, {
          sessions: [...elbasan(language).sessions, workshop(language)],
        }),
      );
      for (const body of [email.text, decode(email.html)]) {
        expect(body).toContain(RSVP_MEETING);
        expect(body).toContain(RSVP_WORKSHOP);
      }
      expect(email.html).toContain(
        `href="${RSVP_MEETING.replace(/&/g, '&amp;').replace(/=/g, '&#x3D;')}"`,
      );
    });

    it('cancellation notice offers no answer link', () => {
      const email = renderer.render(TemplateName.CancellationNotice, elbasan(language));
      expect(decode(email.html)).not.toContain(RSVP_MEETING);
      expect(email.text).not.toContain(RSVP_MEETING);
    });

    it('lists sessions in calendar order whatever order they come in', () => {
      const email = renderer.render(
        TemplateName.Invitation,
        elbasan(language, {
          sessions: [workshop(language), ...elbasan(language).sessions],
        }),
      );
      expect(email.text.indexOf(RSVP_MEETING)).toBeLessThan(email.text.indexOf(RSVP_WORKSHOP));
    });
  });

  it('change notice shows the old and the new time', () => {
    const [meeting] = elbasan(Language.Albanian).sessions;
    const moved = {
      ...meeting,
      previousStartsAt: meeting.startsAt,
      previousEndsAt: meeting.endsAt,
      startsAt: new Date('2017-11-23T10:00:00Z'),
      endsAt: new Date('2017-11-23T12:00:00Z'),
      rsvpReset: true,
    };
    const sq = renderer.render(
      TemplateName.ChangeNotice,
      elbasan(Language.Albanian, { sessions: [moved] }),
    );
    expect(sq.text).toContain('Ishte: e mërkurë, 22 nëntor 2017, 10:00–12:00');
    expect(sq.text).toContain('Tani:  e enjte, 23 nëntor 2017, 11:00–13:00');
    expect(sq.text).toContain('ju lutemi përgjigjuni sërish');
    expect(sq.html).toContain('Ishte: <s>e mërkurë, 22 nëntor 2017, 10:00–12:00</s>');
    expect(sq.html).toContain('<strong>Tani: e enjte, 23 nëntor 2017, 11:00–13:00</strong>');

    const en = renderer.render(
      TemplateName.ChangeNotice,
      elbasan(Language.English, { sessions: [moved] }),
    );
    expect(en.text).toContain('Was: Wednesday, 22 November 2017, 10:00–12:00');
    expect(en.text).toContain('Now: Thursday, 23 November 2017, 11:00–13:00');
  });

  it('speaks of one meeting or of several, in Albanian grammar', () => {
    const one = renderer.render(TemplateName.Invitation, elbasan(Language.Albanian));
    expect(one.text).toContain('ka kënaqësinë t’ju ftojë në takimin e mëposhtëm të fushatës');
    const two = renderer.render(
      TemplateName.Invitation,
      elbasan(Language.Albanian, {
        sessions: [...elbasan(Language.Albanian).sessions, workshop(Language.Albanian)],
      }),
    );
    expect(two.text).toContain('në takimet e mëposhtme të fushatës');
    const cancelled = renderer.render(TemplateName.CancellationNotice, elbasan(Language.Albanian));
    expect(cancelled.text).toContain('takimi i mëposhtëm i fushatës');
    expect(cancelled.text).toContain('anulohet');
  });

  it('escapes user data in HTML and leaves it as typed in plain text', () => {
    const hostile = elbasan(Language.English, {
      recipient: { fullName: '<script>alert("x")</script> Arta & "Beni"' },
      round: { county: 'Elbasan <img src=x onerror=alert(1)>' },
    });
    // The same partials render both bodies: escaped in HTML, as typed in text.
    const email = renderer.render(TemplateName.Invitation, hostile);

    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Arta &amp; &quot;Beni&quot;',
    );
    expect(email.text).toContain('Dear <script>alert("x")</script> Arta & "Beni",');
    expect(email.subject).toContain('Elbasan <img src=x onerror=alert(1)> county');
  });

  it.each([TemplateName.FollowUpThanks, TemplateName.FollowUpMissed])(
    '%s lists the recommendations in order and the materials, in each language',
    (template) => {
      const sq = renderer.render(
        template,
        elbasan(Language.Albanian, { followUp: outcome(Language.Albanian) }),
      );
      const en = renderer.render(
        template,
        elbasan(Language.English, { followUp: outcome(Language.English) }),
      );
      expect(sq.text).toContain('Pikat kryesore dhe rekomandimet nga diskutimet:');
      expect(sq.text).toContain('  1. Nevojat për fuqizimin e grave');
      expect(sq.text).toContain('  2. Rëndësia e medias');
      expect(sq.text).toContain('fletëpalosje – në bare kafeje dhe vende publike');
      expect(en.text).toContain('  - 4,000 leaflets – in cafés and public places');
      expect(decode(en.html)).toContain(
        '<li style="margin:0 0 6px;">4,000 leaflets – in cafés and public places</li>',
      );
      expect(en.text).not.toContain('Reply to this invitation');
    },
  );

  it('confirms a decline and a colleague sent instead, naming the colleague', () => {
    const declined = renderer.render(
      TemplateName.AnswerConfirmation,
      elbasan(Language.English, { answer: { given: 'declined' } }),
    );
    expect(declined.subject).toMatch(/^Your reply is noted – /);
    expect(declined.text).toContain('you cannot attend');
    const delegated = renderer.render(
      TemplateName.AnswerConfirmation,
      elbasan(Language.Albanian, { answer: { given: 'delegated', substituteName: 'Besa <Kola>' } }),
    );
    expect(delegated.subject).toMatch(/^Kolegu juaj u regjistrua – /);
    expect(delegated.text).toContain('kolegu/kolegia juaj Besa <Kola>');
    expect(delegated.html).toContain('Besa &lt;Kola&gt;');
  });

  it('gives the staff member the attendance link, and no opt-out link when there is none', () => {
    const email = renderer.render(
      TemplateName.AttendanceOpens,
      elbasan(Language.Albanian, { attendanceUrl: ATTENDANCE, optOutUrl: undefined }),
    );
    expect(email.text).toContain(`Hapni listën e pjesëmarrjes: ${ATTENDANCE}`);
    expect(decode(email.html)).toContain(`href="${ATTENDANCE}"`);
    expect(email.text).not.toContain('çregjistroheni');
    expect(email.html).not.toContain('unsubscribe');
  });

  describe.each([
    [Language.Albanian, 'Me respekt,'],
    [Language.English, 'Kind regards,'],
  ])('to the staff member in %s', (language, regards) => {
    const toStaff = (template: TemplateName, title?: string) => {
      const context = elbasan(language, {
        recipient: { fullName: 'Elira Dervishi' },
        attendanceUrl: ATTENDANCE,
        optOutUrl: undefined,
      });
      if (title) context.sessions = [{ ...context.sessions[0], title }];
      return renderer.render(template, context);
    };

    it.each([TemplateName.AttendanceOpens, TemplateName.AttendanceMissing])(
      '%s is signed by the office, not by its own reader',
      (template) => {
        const email = toStaff(template);
        const organiser = elbasan(language).campaign.organiser!;
        expect(email.text).toContain(`${regards}\n${organiser}\n`);
        expect(decode(email.html)).toMatch(new RegExp(`${regards}<br>\\s*${organiser}</p>`));
        // Only the greeting names them: no signature or "contact …" line of their own name.
        expect(email.text.match(/Elira Dervishi/g)).toHaveLength(1);
        expect(decode(email.html).match(/Elira Dervishi/g)).toHaveLength(1);
      },
    );

    it('names the county once in the subject when the session title already does', () => {
      const title =
        language === Language.Albanian
          ? 'Takim i Tryezës Teknike të qarkut Elbasan'
          : 'Meeting of the Technical Table of Elbasan county';
      const subject = toStaff(TemplateName.AttendanceOpens, title).subject;
      expect(subject).toContain(title);
      expect(subject.match(/Elbasan/g)).toHaveLength(1);
      expect(toStaff(TemplateName.AttendanceOpens).subject.match(/Elbasan/g)).toHaveLength(1);
    });
  });

  it('spells Përgjigja one way in every template', () => {
    const files = readdirSync(DEFAULT_TEMPLATES_DIRECTORY, { recursive: true, encoding: 'utf8' });
    const misspelt = files.filter(
      (file) =>
        /\.(hbs|json)$/.test(file) &&
        /përgjigjj/i.test(readFileSync(join(DEFAULT_TEMPLATES_DIRECTORY, file), 'utf8')),
    );
    expect(misspelt).toEqual([]);
  });

  it('escapes recommendations and materials in the HTML of a follow-up', () => {
    const email = renderer.render(
      TemplateName.FollowUpThanks,
      elbasan(Language.English, {
        followUp: {
          recommendations: ['<script>alert(1)</script>'],
          materials: [{ description: '<b>leaflets</b>', quantity: 5 }],
        },
      }),
    );
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).toContain('5 &lt;b&gt;leaflets&lt;/b&gt;');
    expect(email.text).toContain('<script>alert(1)</script>');
  });

  it('keeps line breaks in user data out of the subject and the body lines', () => {
    const email = renderer.render(
      TemplateName.Invitation,
      elbasan(Language.English, {
        round: { county: 'Elbasan\r\nBcc: everyone@example.org' },
        recipient: { fullName: 'Arta\nHoxha' },
      }),
    );

    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject).toContain('Elbasan Bcc: everyone@example.org county');
    expect(email.text).toContain('Dear Arta Hoxha,');
  });

  it('leaves out what the campaign or session does not have', () => {
    const [meeting] = elbasan(Language.Albanian).sessions;
    const email = renderer.render(
      TemplateName.Invitation,
      elbasan(Language.Albanian, {
        campaign: { name: 'Mbi parandalimin e migracionit të parregullt' },
        staff: null,
        sessions: [{ ...meeting, venue: null }],
      }),
    );

    expect(email.text).toContain('Kemi kënaqësinë t’ju ftojmë');
    expect(email.text).not.toContain('Vendi:');
    expect(email.text).not.toContain('personin përgjegjës');
    expect(email.text).toContain('Ekipi i fushatës „Mbi parandalimin e migracionit të parregullt“');
    expect(email.text).not.toMatch(/undefined|null/);
  });

  it('names the template and the reason when it cannot render', () => {
    const attempt = (template: string, context: EmailContext) => () =>
      renderer.render(template as TemplateName, context);

    expect(attempt('welcome', elbasan(Language.English))).toThrow(TemplateRenderError);
    expect(attempt('../layouts', elbasan(Language.English))).toThrow(
      /template \.\.\/layouts .*no such template/,
    );
    expect(
      attempt('invitation', elbasan(Language.English, { timeZone: 'Europe/Elbasan' })),
    ).toThrow(/template invitation could not be rendered: .*time ?zone/i);
    try {
      renderer.render(TemplateName.Reminder, elbasan(Language.English, { sessions: [] }));
      throw new Error('rendered');
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateRenderError);
      expect(error).toMatchObject({
        template: 'reminder',
        reason: expect.stringContaining('sessions'),
      });
    }
  });

  describe('with broken template files', () => {
    let directory: string;
    beforeAll(() => {
      directory = mkdtempSync(join(tmpdir(), 'fushata-templates-'));
      cpSync(DEFAULT_TEMPLATES_DIRECTORY, directory, { recursive: true });
      unlinkSync(join(directory, 'reminder', 'en.text.hbs'));
      writeFileSync(
        join(directory, 'invitation', 'en.html.hbs'),
        '<p>{{#if recipient}}unclosed</p>',
      );
    });
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it('reports a missing file and a template that does not parse', () => {
      const broken = new TemplateRenderer(directory);
      expect(() => broken.render(TemplateName.Reminder, elbasan(Language.English))).toThrow(
        /template reminder could not be rendered: no template file reminder\/en\.text\.hbs/,
      );
      expect(() => broken.render(TemplateName.Invitation, elbasan(Language.English))).toThrow(
        /template invitation could not be rendered: .*Parse error/s,
      );
      // The other files still render.
      expect(broken.render(TemplateName.Invitation, elbasan(Language.Albanian)).subject).toMatch(
        /^Ftesë: /,
      );
    });
  });
});
