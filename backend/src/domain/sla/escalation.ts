// When the steps of an escalation fall due, and who takes over. Pure.
import { parseDurationMinutes, type Policy } from '#shared/policy';
import type { AvailabilityMap } from '../availability/availability.ts';
import { addBusinessMinutes, isWorkingTime, workingCalendar, type WorkingCalendar } from '../business-time/business-time.ts';

export type EscalationAction = Policy['escalation'][number]['do'][number];

/** The due time of step `level` (0-based) of the policy's escalation, or null when there is none. */
export function stepDueAt(policy: Policy, level: number, slaDueAt: Date, calendar: WorkingCalendar): Date | null {
  const step = policy.escalation[level];
  if (!step) return null;
  if (step.after === 'breach') return slaDueAt;
  return addBusinessMinutes(calendar, slaDueAt, parseDurationMinutes(step.after) ?? 0);
}

/**
 * Who takes a thread over from `owner` when its clock ran out: the first
 * available member along the owner's backup chain, checked now, not when the
 * reply arrived; else the fallback member when available; else nobody.
 */
export function takeoverFor(policy: Policy, availability: AvailabilityMap, owner: string | null, at?: Date): string | null {
  const members = new Map(policy.members.map((m) => [m.email, m]));
  const seen = new Set<string>();
  for (let next = owner ? members.get(owner)?.backup : undefined; next && !seen.has(next); next = members.get(next)?.backup) {
    seen.add(next);
    if (availability.get(next)?.available && next !== owner) return next;
  }
  // Then whoever is on call now, then the fallback.
  for (const cover of policy.coverage) {
    if (cover.member === owner || !availability.get(cover.member)?.available) continue;
    const member = members.get(cover.member);
    if (at && isWorkingTime(workingCalendar(member?.timezone ?? policy.timezone, { [cover.days.join(',')]: cover.hours }), at)) return cover.member;
  }
  const fallback = typeof policy.fallback === 'object' && 'member' in policy.fallback ? policy.fallback.member : null;
  return fallback && fallback !== owner && availability.get(fallback)?.available ? fallback : null;
}

/** The manager who hears of an escalation: the first manager of the policy. */
export function managerOf(policy: Policy): string | null {
  return policy.members.find((m) => m.role === 'manager')?.email ?? policy.members.find((m) => m.role === 'admin')?.email ?? null;
}
