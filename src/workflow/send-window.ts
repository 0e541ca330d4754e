import { DateTime } from 'luxon';
import { SendWindow } from '../campaigns/workflow-policy';

/**
 * The first moment at or after `at` inside the send window, read in the
 * campaign's time zone: nobody gets a reminder at 3 a.m. or on a Sunday.
 */
export function nextSendTime(at: Date, window: SendWindow, timeZone: string): Date {
  if (!window.enabled) return at;
  const [openHour, openMinute] = window.opensAt.split(':').map(Number);
  const [closeHour, closeMinute] = window.closesAt.split(':').map(Number);
  let local = DateTime.fromJSDate(at, { zone: timeZone });
  // Eight days always reach an open day when at least one weekday is allowed.
  for (let day = 0; day < 8; day += 1) {
    const opens = local.set({ hour: openHour, minute: openMinute, second: 0, millisecond: 0 });
    const closes = local.set({ hour: closeHour, minute: closeMinute, second: 0, millisecond: 0 });
    if (window.days.includes(local.weekday)) {
      if (local < opens) return opens.toJSDate();
      if (local < closes) return local.toJSDate();
    }
    local = local.plus({ days: 1 }).startOf('day');
  }
  return at;
}
