import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';

export type CalendarMethod = 'REQUEST' | 'CANCEL';

export interface CalendarEvent {
  /**
   * Stable per session and recipient (`session-<id>.contact-<id>@<host>`), so
   * a change or a cancellation replaces the entry instead of adding one.
   */
  uid: string;
  /** Raised on every reschedule; a calendar ignores an update that does not raise it. */
  sequence: number;
  title: string;
  description?: string | null;
  startsAt: Date;
  endsAt: Date;
  /**
   * The zone the session is held in. The calendar does not need it: times go
   * out in UTC, which every client converts correctly, daylight saving
   * included, without a VTIMEZONE block it might not understand.
   */
  timeZone?: string;
  location?: string | null;
  url?: string | null;
}

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarRequest {
  method: CalendarMethod;
  events: CalendarEvent[];
  organizer: CalendarPerson;
  attendee: CalendarPerson;
}

/**
 * The iCalendar (RFC 5545/5546) part of an invitation, change or cancellation
 * e-mail: METHOD:REQUEST adds or moves the entries in the recipient's
 * calendar, METHOD:CANCEL removes them.
 */
export function buildCalendar(request: CalendarRequest): string {
  const cancel = request.method === 'CANCEL';
  const calendar = ical({
    prodId: { company: 'Fushata', product: 'Fushata', language: 'EN' },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  for (const event of request.events) {
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      summary: event.title,
      description: event.description ?? null,
      start: event.startsAt,
      end: event.endsAt,
      location: event.location ?? null,
      url: event.url ?? null,
      status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      organizer: { name: request.organizer.name, email: request.organizer.email },
      attendees: [
        {
          name: request.attendee.name,
          email: request.attendee.email,
          role: ICalAttendeeRole.REQ,
          status: ICalAttendeeStatus.NEEDSACTION,
          rsvp: true,
        },
      ],
    });
  }
  return calendar.toString();
}
