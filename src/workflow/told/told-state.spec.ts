import { Language } from '../../common/language';
import { InvitationStatus } from '../../rounds/invitation-status';
import {
  answerReset,
  cancellationDue,
  changedSince,
  differenceSince,
  sequenceFor,
  SessionState,
  Told,
} from './told-state';

const session: SessionState = {
  startsAt: new Date('2017-11-22T09:00:00Z'),
  endsAt: new Date('2017-11-22T11:00:00Z'),
  titleSq: 'Takim me Tryezën Teknike',
  titleEn: 'Meeting with the Technical Table',
  venueSq: 'Prefektura',
  venueEn: 'Prefecture',
  sessionCancelled: false,
};
const told: Told = {
  ...session,
  calendarMethod: 'REQUEST',
  sequence: 3,
  answer: InvitationStatus.Accepted,
};

describe('what a person was told', () => {
  it('finds nothing to compare for someone never told', () => {
    expect(differenceSince(undefined, session, Language.English)).toBeNull();
    expect(changedSince(null)).toBe(false);
    expect(sequenceFor(undefined, session, 'REQUEST')).toBe(0);
  });

  it('compares title and venue in the language the person reads', () => {
    const renamedInEnglish = { ...session, titleEn: 'Working meeting' };
    expect(changedSince(differenceSince(told, renamedInEnglish, Language.English))).toBe(true);
    expect(changedSince(differenceSince(told, renamedInEnglish, Language.Albanian))).toBe(false);
    const moved = { ...session, endsAt: new Date('2017-11-22T12:00:00Z') };
    expect(differenceSince(told, moved, Language.Albanian)).toEqual({
      times: true,
      title: false,
      venue: false,
      cancelled: false,
    });
  });

  it('leaves a cancellation to the cancellation notice, not a change notice', () => {
    const cancelled = { ...session, sessionCancelled: true, venueEn: 'Elsewhere' };
    expect(changedSince(differenceSince(told, cancelled, Language.English))).toBe(false);
  });

  it('keeps the SEQUENCE for the same entry and raises it for anything the calendar shows', () => {
    expect(sequenceFor(told, session, 'REQUEST')).toBe(3);
    expect(sequenceFor(told, session, 'CANCEL')).toBe(4);
    expect(sequenceFor(told, { ...session, venueSq: null }, 'REQUEST')).toBe(4);
    expect(sequenceFor(told, { ...session, titleSq: 'Takim' }, 'REQUEST')).toBe(4);
    // A decline removed the entry; the session's cancellation removes it again, unchanged.
    const declined: Told = { ...told, calendarMethod: 'CANCEL' };
    expect(sequenceFor(declined, { ...session, sessionCancelled: true }, 'CANCEL')).toBe(3);
  });

  it('asks again only those whose standing answer was reset', () => {
    expect(answerReset(told, InvitationStatus.Pending)).toBe(true);
    expect(answerReset(told, InvitationStatus.Accepted)).toBe(false);
    expect(
      answerReset({ ...told, answer: InvitationStatus.Pending }, InvitationStatus.Pending),
    ).toBe(false);
    expect(answerReset(undefined, InvitationStatus.Pending)).toBe(false);
    // A colleague sent, the seat taken back, then the day moved: no answer stands.
    expect(
      answerReset({ ...told, answer: InvitationStatus.Delegated }, InvitationStatus.Pending),
    ).toBe(true);
  });

  it('tells a cancellation to those told of the session, once, and a withdrawal not to one who sent a colleague', () => {
    expect(cancellationDue(undefined, InvitationStatus.Withdrawn)).toBe(false);
    expect(cancellationDue(told, InvitationStatus.Withdrawn)).toBe(true);
    expect(cancellationDue({ ...told, sessionCancelled: true }, InvitationStatus.Withdrawn)).toBe(
      false,
    );
    const sentColleague: Told = { ...told, answer: InvitationStatus.Delegated };
    expect(cancellationDue(sentColleague, InvitationStatus.Withdrawn)).toBe(false);
  });
});
