// On-call cover: a reply that arrives outside its owner's hours, and whose
// target would run out before the owner is back, goes to whoever is on duty.
// Pure.
import { parseDurationMinutes, type Policy } from '#shared/policy';
import type { AvailabilityMap } from '../availability/availability.ts';
import { addBusinessMinutes, isWorkingTime, workingCalendar } from '../business-time/business-time.ts';
import { calendarFor } from './sla-clock.ts';

export interface CoverageNeed {
  onCall: string;
  /** When the owner is back at work. */
  ownerBackAt: Date;
}

/** The on-call member to give the reply to instead of `owner`, or null when the owner can answer in time or nobody is on duty. */
export function coverageFor(policy: Policy, availability: AvailabilityMap, owner: string, target: string | undefined, receivedAt: Date): CoverageNeed | null {
  if (policy.coverage.length === 0 || target === undefined || target === 'end_of_day') return null;
  const minutes = parseDurationMinutes(target);
  if (minutes === null) return null;
  const calendar = calendarFor(policy, owner);
  if (isWorkingTime(calendar, receivedAt)) return null;
  const ownerBackAt = addBusinessMinutes(calendar, receivedAt, 0);
  // The target runs out (in plain time) before the owner is back at work.
  if (receivedAt.getTime() + minutes * 60_000 >= ownerBackAt.getTime()) return null;
  for (const cover of policy.coverage) {
    if (cover.member === owner || !availability.get(cover.member)?.available) continue;
    const member = policy.members.find((m) => m.email === cover.member);
    const duty = workingCalendar(member?.timezone ?? policy.timezone, { [cover.days.join(',')]: cover.hours });
    if (isWorkingTime(duty, receivedAt)) return { onCall: cover.member, ownerBackAt };
  }
  return null;
}
