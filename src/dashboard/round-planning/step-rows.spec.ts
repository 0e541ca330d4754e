import { ReminderAudience } from '../../campaigns/workflow-policy';
import { StepKind } from '../../workflow/step-kind';
import { stepRows } from './step-rows';

const at = (iso: string) => new Date(iso);
const now = at('2017-11-20T10:00:00Z');
const title = (id: string | null) => (id ? `session ${id}` : null);

describe('stepRows', () => {
  it('pairs each withdrawn step with the new one of its kind, audience and session', () => {
    const rows = stepRows(
      [
        {
          kind: StepKind.Remind,
          audience: ReminderAudience.Accepted,
          sessionId: null,
          dueAt: at('2017-11-21T08:00:00Z'),
        },
        {
          kind: StepKind.Remind,
          audience: ReminderAudience.NonResponders,
          sessionId: null,
          dueAt: at('2017-11-20T08:00:00Z'),
        },
        {
          kind: StepKind.AttendanceOpens,
          audience: null,
          sessionId: 'a',
          dueAt: at('2017-11-22T08:00:00Z'),
        },
        {
          kind: StepKind.ChangeNotice,
          audience: null,
          sessionId: null,
          dueAt: at('2017-11-20T18:00:00Z'),
        },
      ],
      [
        {
          kind: StepKind.Remind,
          audience: ReminderAudience.NonResponders,
          sessionId: null,
          dueAt: at('2017-11-21T08:00:00Z'),
        },
        {
          kind: StepKind.Remind,
          audience: ReminderAudience.Accepted,
          sessionId: null,
          dueAt: at('2017-11-22T08:00:00Z'),
          skipReason: 'no time',
        },
        {
          kind: StepKind.AttendanceOpens,
          audience: null,
          sessionId: 'a',
          dueAt: at('2017-11-22T08:00:00Z'),
        },
        {
          kind: StepKind.Invite,
          audience: null,
          sessionId: null,
          dueAt: at('2017-11-20T10:00:30Z'),
        },
      ],
      title,
      now,
    );
    expect(
      rows.map(({ key, before, after, atOnce, skipReason, unchanged, sessionTitle }) => [
        key,
        before?.toISOString() ?? null,
        after?.toISOString() ?? null,
        atOnce,
        skipReason,
        unchanged,
        sessionTitle,
      ]),
    ).toEqual([
      ['invite', null, '2017-11-20T10:00:30.000Z', true, null, false, null],
      [
        'remind_non_responders',
        '2017-11-20T08:00:00.000Z',
        '2017-11-21T08:00:00.000Z',
        false,
        null,
        false,
        null,
      ],
      [
        'remind_accepted',
        '2017-11-21T08:00:00.000Z',
        '2017-11-22T08:00:00.000Z',
        false,
        'no time',
        false,
        null,
      ],
      [
        'attendance_opens',
        '2017-11-22T08:00:00.000Z',
        '2017-11-22T08:00:00.000Z',
        false,
        null,
        true,
        'session a',
      ],
      ['change_notice', '2017-11-20T18:00:00.000Z', null, false, null, false, null],
    ]);
  });
});
