// Business-time arithmetic in one working calendar: a time zone, working
// ranges per weekday and holidays. Luxon does the time-zone work (IANA zones
// through Intl, correct across DST changes); this module only walks days.
// Pure: no clock reads; every instant comes in as an argument.
import { DateTime } from 'luxon';
import { parseWeeklyHours, type WeeklyHours } from '#shared/policy';

export interface WorkingCalendar {
  zone: string;
  /** Ranges per weekday (0 = Sunday), minutes since local midnight. */
  week: WeeklyHours;
  /** Local dates (YYYY-MM-DD) with no working time. */
  holidays: ReadonlySet<string>;
}

const ALWAYS: WeeklyHours = Array.from({ length: 7 }, () => [{ start: 0, end: 1440 }]);
const MINUTE = 60_000;
/** How far the walk looks for working time before giving up (a calendar with none). */
const MAX_DAYS = 3 * 366;

/** A calendar from policy fields: no `hours` means available at any time. */
export function workingCalendar(zone: string, hours: Record<string, string> | undefined, holidays: readonly string[] = []): WorkingCalendar {
  return { zone, week: hours ? parseWeeklyHours(hours) : ALWAYS, holidays: new Set(holidays) };
}

interface Interval {
  start: number;
  end: number;
}

/** The working intervals of the local day that contains `day` (as epoch ms). */
function intervalsOf(calendar: WorkingCalendar, day: DateTime): Interval[] {
  if (calendar.holidays.has(day.toISODate() ?? '')) return [];
  const ranges = calendar.week[day.weekday % 7] ?? [];
  const midnight = day.startOf('day');
  return ranges
    .map((range) => {
      const at = (minutes: number) =>
        minutes >= 1440 ? midnight.plus({ days: 1 }).toMillis() : midnight.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
      return { start: at(range.start), end: at(range.end) };
    })
    .filter((interval) => interval.end > interval.start);
}

/** Working intervals that end after `from`, day by day, in order. */
function* intervalsFrom(calendar: WorkingCalendar, from: number): Generator<Interval> {
  let day = DateTime.fromMillis(from, { zone: calendar.zone }).startOf('day');
  for (let i = 0; i < MAX_DAYS; i++, day = day.plus({ days: 1 })) {
    for (const interval of intervalsOf(calendar, day)) if (interval.end > from) yield interval;
  }
}

/** The instant `minutes` of working time after `from` (0: the next working instant at or after `from`). */
export function addBusinessMinutes(calendar: WorkingCalendar, from: Date, minutes: number): Date {
  let left = minutes * MINUTE;
  for (const interval of intervalsFrom(calendar, from.getTime())) {
    const start = Math.max(interval.start, from.getTime());
    if (left === 0) return new Date(start);
    if (start + left <= interval.end) return new Date(start + left);
    left -= interval.end - start;
  }
  throw new Error(`no working time within ${MAX_DAYS} days in this calendar`);
}

/** Working minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  let total = 0;
  for (const interval of intervalsFrom(calendar, from.getTime())) {
    if (interval.start >= to.getTime()) break;
    total += Math.min(interval.end, to.getTime()) - Math.max(interval.start, from.getTime());
  }
  return Math.round(total / MINUTE);
}

/** Whether `at` falls in working time. */
export function isWorkingTime(calendar: WorkingCalendar, at: Date): boolean {
  const day = DateTime.fromMillis(at.getTime(), { zone: calendar.zone });
  return intervalsOf(calendar, day).some((interval) => interval.start <= at.getTime() && at.getTime() < interval.end);
}

/** The end of the working day `at` falls in; after that day's hours, the next working day's end. */
export function endOfBusinessDay(calendar: WorkingCalendar, at: Date): Date {
  const first = intervalsFrom(calendar, at.getTime()).next();
  if (first.done) throw new Error('no working time in this calendar');
  const day = DateTime.fromMillis(first.value.start, { zone: calendar.zone });
  const intervals = intervalsOf(calendar, day);
  return new Date(intervals[intervals.length - 1]!.end);
}

/** The start of the first working range on a later local day than `at`'s (or today's, when `at` is before it). */
export function nextBusinessMorning(calendar: WorkingCalendar, at: Date): Date {
  const today = DateTime.fromMillis(at.getTime(), { zone: calendar.zone }).toISODate();
  for (const interval of intervalsFrom(calendar, at.getTime())) {
    const day = DateTime.fromMillis(interval.start, { zone: calendar.zone });
    const first = intervalsOf(calendar, day)[0]!;
    // Someone available at any time still starts their day in the morning: 09:00 local.
    const start = first.end - first.start >= 86_400_000 - 3_600_000 ? day.startOf('day').set({ hour: 9 }).toMillis() : first.start;
    if (start >= at.getTime() || day.toISODate() !== today) return new Date(start);
  }
  throw new Error('no working time in this calendar');
}

/** The morning of the `days`-th working day after `at`'s. */
export function addBusinessDays(calendar: WorkingCalendar, at: Date, days: number): Date {
  let result = at;
  for (let i = 0; i < days; i++) result = nextBusinessMorning(calendar, new Date(result.getTime() + (i === 0 ? 0 : MINUTE)));
  return result;
}

/** The first working morning on or after a local date (YYYY-MM-DD) in the calendar's zone. */
export function morningOf(calendar: WorkingCalendar, localDate: string): Date {
  const midnight = DateTime.fromISO(localDate, { zone: calendar.zone }).startOf('day').toMillis();
  return nextBusinessMorning(calendar, new Date(midnight));
}
