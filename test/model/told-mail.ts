import { Language } from '../../src/common/language';
import { formatTimeRange } from '../../src/messaging/local-time';
import type { ReceivedMail } from '../support/smtp-sink';
import type { Answer, Language as ModelLanguage, SessionState } from './model';

export type MailKind =
  | 'invitation'
  | 'change-notice'
  | 'cancellation-notice'
  | 'answer-confirmation'
  | 'reminder'
  | 'other';

/** One VEVENT of an e-mail: what that e-mail told its reader about one session. */
export interface ToldEvent extends SessionState {
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
}

/** An e-mail as the checks read it: who, which template, and what it said per session. */
export interface ToldMail {
  to: string;
  kind: MailKind;
  /** The answer an answer confirmation says was taken. */
  answer?: Exclude<Answer, 'pending'>;
  subject: string;
  text: string;
  receivedAt: number;
  events: ToldEvent[];
}

/** The subject names the template, in either language. */
const SUBJECT_KINDS: Array<[string, MailKind, Exclude<Answer, 'pending'>?]> = [
  ['Ftesë:', 'invitation'],
  ['Invitation:', 'invitation'],
  ['Ndryshim në program:', 'change-notice'],
  ['Change of schedule:', 'change-notice'],
  ['Anulim:', 'cancellation-notice'],
  ['Cancelled:', 'cancellation-notice'],
  // A withdrawal is the cancellation notice for a session that goes on without them.
  ['Ftesa u tërhoq:', 'cancellation-notice'],
  ['Invitation withdrawn:', 'cancellation-notice'],
  ['Pjesëmarrja u konfirmua', 'answer-confirmation', 'accepted'],
  ['Attendance confirmed', 'answer-confirmation', 'accepted'],
  ['Përgjigja juaj u regjistrua', 'answer-confirmation', 'declined'],
  ['Your reply is noted', 'answer-confirmation', 'declined'],
  ['Kolegu juaj u regjistrua', 'answer-confirmation', 'delegated'],
  ['Your colleague is noted', 'answer-confirmation', 'delegated'],
  ['Kujtesë:', 'reminder'],
  ['Reminder:', 'reminder'],
];

export function readMail(mail: ReceivedMail): ToldMail {
  const [, kind, answer] = SUBJECT_KINDS.find(([prefix]) => mail.subject.startsWith(prefix)) ?? [
    '',
    'other',
  ];
  return {
    to: mail.envelope.to[0].toLowerCase(),
    kind,
    answer,
    subject: mail.subject,
    text: mail.text,
    receivedAt: mail.receivedAt,
    events: mail.calendar ? readCalendar(mail.calendar) : [],
  };
}

/** ICS folds long lines at 75 octets and escapes `,;\` in text values; a reader undoes both. */
function readCalendar(calendar: string): ToldEvent[] {
  const lines = calendar.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const method = lines.includes('METHOD:CANCEL') ? 'CANCEL' : 'REQUEST';
  const events: ToldEvent[] = [];
  let fields: Map<string, string> | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') fields = new Map();
    else if (line === 'END:VEVENT' && fields) {
      events.push({
        uid: fields.get('UID') ?? '',
        sequence: Number(fields.get('SEQUENCE') ?? 'NaN'),
        method,
        startsAt: icsTime(fields.get('DTSTART') ?? ''),
        endsAt: icsTime(fields.get('DTEND') ?? ''),
        venue: unescapeText(fields.get('LOCATION') ?? ''),
        title: unescapeText(fields.get('SUMMARY') ?? ''),
      });
      fields = undefined;
    } else if (fields) {
      const colon = line.indexOf(':');
      fields.set(line.slice(0, colon).split(';')[0], line.slice(colon + 1));
    }
  }
  return events;
}

function icsTime(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

function unescapeText(value: string): string {
  return value.replace(/\\([,;\\])/g, '$1').replace(/\\n/gi, '\n');
}

/** The lines of a change notice's session block (templates/partials/session-*.text.hbs). */
export const WORDING: Record<
  ModelLanguage,
  {
    was: string;
    now: string;
    titleWas: string;
    venueWas: string;
    venueNow: string;
    answerReset: string;
  }
> = {
  sq: {
    was: 'Ishte: ',
    now: 'Tani:  ',
    titleWas: 'Më parë: ',
    venueWas: 'Vendi ishte: ',
    venueNow: 'Vendi tani: ',
    answerReset: 'Meqë data ndryshoi, përgjigja juaj e mëparshme nuk vlen më',
  },
  en: {
    was: 'Was: ',
    now: 'Now: ',
    titleWas: 'Previously: ',
    venueWas: 'Venue was: ',
    venueNow: 'Venue now: ',
    answerReset: 'As the date has changed, your earlier reply no longer holds',
  },
};

export function timeRange(
  state: { startsAt: number; endsAt: number },
  language: ModelLanguage,
): string {
  return formatTimeRange(new Date(state.startsAt), new Date(state.endsAt), {
    language: language === 'sq' ? Language.Albanian : Language.English,
    timeZone: 'Europe/Tirane',
    weekday: true,
  });
}

export function describeState(state: SessionState & { method?: string }): string {
  const at = `${new Date(state.startsAt).toISOString()}..${new Date(state.endsAt).toISOString()}`;
  return `${state.method ?? ''} ${at} at "${state.venue}" "${state.title}"`.trim();
}
