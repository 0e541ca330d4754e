import { buildCalendar, CalendarRequest } from './ics';

/** Unfolds RFC 5545 continuation lines and splits the calendar into its properties. */
function properties(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
}

function values(ics: string, name: string): string[] {
  return properties(ics)
    .filter((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`))
    .map((line) => line.slice(line.indexOf(':') + 1));
}

const request = (overrides: Partial<CalendarRequest> = {}): CalendarRequest => ({
  method: 'REQUEST',
  organizer: { name: 'Fushata Elbasan', email: 'fushata@example.al.test' },
  attendee: { name: 'Arta Hoxha', email: 'arta.hoxha@example.al.test' },
  events: [
    {
      uid: 'session-7f1c.contact-92ab@fushata',
      sequence: 0,
      title: 'Takim me anëtarët e Tryezës Teknike',
      // 10:00 in Tirana: summer time (UTC+2) still holds on 28 October 2017.
      startsAt: new Date('2017-10-28T10:00:00+02:00'),
      endsAt: new Date('2017-10-28T12:00:00+02:00'),
      timeZone: 'Europe/Tirane',
      location: 'Institucioni i Prefektit të qarkut Elbasan',
    },
    {
      uid: 'session-8e2d.contact-92ab@fushata',
      sequence: 0,
      title: 'Workshop me anëtarë të Tryezës Teknike Antitrafik',
      // 10:00 in Tirana after daylight saving ended on 29 October 2017 (UTC+1).
      startsAt: new Date('2017-10-30T10:00:00+01:00'),
      endsAt: new Date('2017-10-30T12:00:00+01:00'),
      timeZone: 'Europe/Tirane',
    },
  ],
  ...overrides,
});

describe('buildCalendar', () => {
  it('writes an invitation calendar clients show as a meeting request', () => {
    const ics = buildCalendar(request());

    expect(values(ics, 'METHOD')).toEqual(['REQUEST']);
    expect(values(ics, 'UID')).toEqual([
      'session-7f1c.contact-92ab@fushata',
      'session-8e2d.contact-92ab@fushata',
    ]);
    expect(values(ics, 'SEQUENCE')).toEqual(['0', '0']);
    expect(values(ics, 'STATUS')).toEqual(['CONFIRMED', 'CONFIRMED']);
    expect(values(ics, 'SUMMARY')[0]).toBe('Takim me anëtarët e Tryezës Teknike');
    expect(values(ics, 'LOCATION')[0]).toBe('Institucioni i Prefektit të qarkut Elbasan');
  });

  it('keeps 10:00 in Tirana right on both sides of the daylight-saving change', () => {
    const ics = buildCalendar(request());

    expect(values(ics, 'DTSTART')).toEqual(['20171028T080000Z', '20171030T090000Z']);
    expect(values(ics, 'DTEND')).toEqual(['20171028T100000Z', '20171030T110000Z']);
  });

  it('names the organiser and asks the attendee to answer', () => {
    const ics = buildCalendar(request());
    const lines = properties(ics);

    expect(lines).toContainEqual(
      expect.stringMatching(/^ORGANIZER;CN="?Fushata Elbasan"?:mailto:fushata@example\.al\.test$/i),
    );
    const attendee = lines.find((line) => line.startsWith('ATTENDEE'));
    expect(attendee).toContain('RSVP=TRUE');
    expect(attendee).toContain('PARTSTAT=NEEDS-ACTION');
    expect(attendee).toMatch(/mailto:arta\.hoxha@example\.al\.test$/i);
  });

  it('cancels with the same UID and the raised SEQUENCE', () => {
    const [first] = request().events;
    const ics = buildCalendar(request({ method: 'CANCEL', events: [{ ...first, sequence: 2 }] }));

    expect(values(ics, 'METHOD')).toEqual(['CANCEL']);
    expect(values(ics, 'UID')).toEqual(['session-7f1c.contact-92ab@fushata']);
    expect(values(ics, 'SEQUENCE')).toEqual(['2']);
    expect(values(ics, 'STATUS')).toEqual(['CANCELLED']);
  });

  it('escapes text so a title cannot add properties', () => {
    const [first] = request().events;
    const ics = buildCalendar(
      request({ events: [{ ...first, title: 'Takim; me, Tryezën\r\nMETHOD:CANCEL' }] }),
    );

    expect(values(ics, 'METHOD')).toEqual(['REQUEST']);
    expect(values(ics, 'SUMMARY')).toEqual(['Takim\\; me\\, Tryezën\\nMETHOD:CANCEL']);
  });
});
