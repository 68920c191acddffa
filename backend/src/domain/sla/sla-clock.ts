// The first-response clock of a reply: due time from the category's target in
// the owner's business time, and what is left of it. Pure.
import { parseDurationMinutes, type Policy } from '#shared/policy';
import { addBusinessMinutes, businessMinutesBetween, endOfBusinessDay, workingCalendar, type WorkingCalendar } from '../business-time/business-time.ts';

/** The calendar a thread's clock runs in: its owner's hours and zone, else the org's (queue and fallback). */
export function calendarFor(policy: Policy, owner: string | null): WorkingCalendar {
  const member = owner ? policy.members.find((m) => m.email === owner) : undefined;
  return workingCalendar(member?.timezone ?? policy.timezone, member?.hours ?? policy.hours, policy.holidays);
}

/**
 * `0m` is due at arrival; `end_of_day` at the end of the business day the
 * reply arrives in (the next one's when it arrives after hours); a duration
 * counts working minutes from arrival. Null when the category has no target.
 */
export function slaDueAt(target: string | undefined, receivedAt: Date, calendar: WorkingCalendar): Date | null {
  if (target === undefined) return null;
  if (target === 'end_of_day') return endOfBusinessDay(calendar, receivedAt);
  const minutes = parseDurationMinutes(target);
  if (minutes === null) return null;
  return minutes === 0 ? receivedAt : addBusinessMinutes(calendar, receivedAt, minutes);
}

/** When an owner assigned at `at` who has done nothing is replaced, or null when the policy sets no limit. */
export function unresponsiveDeadline(policy: Policy, owner: string | null, at: Date): Date | null {
  const limit = policy.absence.unresponsive_after ? parseDurationMinutes(policy.absence.unresponsive_after) : null;
  if (owner === null || limit === null) return null;
  return addBusinessMinutes(calendarFor(policy, owner), at, limit);
}

/** Working minutes left before `dueAt` (0 once it has passed). */
export function remainingBusinessMinutes(calendar: WorkingCalendar, now: Date, dueAt: Date): number {
  return businessMinutesBetween(calendar, now, dueAt);
}
