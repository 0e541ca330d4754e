import { Language } from '../common/language';
import { SessionKind } from '../rounds/session-kind';

/**
 * What every e-mail template receives. Texts are already in the recipient's
 * language (the caller picks the sq or en fields); times are instants, shown
 * in `timeZone` by the template helpers.
 */
export interface EmailContext {
  language: Language;
  recipient: { fullName: string };
  campaign: { name: string; slogan?: string | null; organiser?: string | null };
  round: { county: string };
  /** The recipient's sessions of this round; listed in calendar order whatever order is given. */
  sessions: EmailSession[];
  /** The staff member in charge, whom the recipient can write to. */
  staff?: { name: string; email: string } | null;
  /** IANA zone of the campaign, such as Europe/Tirane. */
  timeZone: string;
  /** Campaign e-mails to contacts have one; an e-mail to the staff member in charge has none. */
  optOutUrl?: string;
  /** In the attendance-opens e-mail: the staff member's link to the one session's sheet. */
  attendanceUrl?: string;
  /** In the confirmation of an answer: what was recorded. */
  answer?: { given: 'accepted' | 'declined' | 'delegated'; substituteName?: string | null };
  /** In follow-ups: what came out of the round, in the recipient's language. */
  followUp?: RoundOutcome;
  /**
   * In a cancellation notice: every session it lists goes on without the
   * recipient, whose invitation was withdrawn; nothing was cancelled.
   */
  withdrawal?: boolean;
}

export interface RoundOutcome {
  recommendations: string[];
  materials: Array<{ description: string; quantity: number; places?: string | null }>;
}

export interface EmailSession {
  title: string;
  kind: SessionKind;
  startsAt: Date;
  endsAt: Date;
  venue?: string | null;
  /** This recipient's answer page for this session. */
  rsvpUrl: string;
  /** In e-mails to the staff member in charge: the session's attendance sheet. */
  attendanceUrl?: string;
  /**
   * What the recipient was last told, where it differs from now: shown as
   * "was … now …". Set in any e-mail composed after a change they had not
   * heard of yet, a change notice above all.
   */
  previousStartsAt?: Date | null;
  previousEndsAt?: Date | null;
  previousTitle?: string | null;
  /** The venue changed; previousVenue is the one they knew, if there was one. */
  venueChanged?: boolean;
  previousVenue?: string | null;
  cancelled?: boolean;
  /** The session goes on, but the recipient's invitation to it was withdrawn. */
  withdrawn?: boolean;
  /** The date moved, so the answer they gave no longer counts: the e-mail asks again. */
  rsvpReset?: boolean;
}

export interface RenderedEmail {
  /** One line, safe for the Subject header. */
  subject: string;
  html: string;
  text: string;
}
