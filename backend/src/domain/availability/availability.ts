// Whether a member can take a reply now: on the team, not on leave (`active`)
// and not away (an absence in force). Working hours count through the SLA
// clocks and on-call cover, not here: a member out of hours still owns replies.
import type { Policy } from '#shared/policy';

export interface Availability {
  available: boolean;
  /** Why not, in words for an explanation ("is on leave"). */
  reason: string | null;
}

export type AvailabilityMap = ReadonlyMap<string, Availability>;

/** Pure: availability of every member of the policy. */
export function availabilityFromPolicy(policy: Policy, absences: readonly CurrentAbsence[] = []): AvailabilityMap {
  const away = new Map(absences.map((a) => [a.member, a]));
  return new Map(
    policy.members.map((m): [string, Availability] => {
      if (!m.active) return [m.email, { available: false, reason: 'is on leave' }];
      const absence = away.get(m.email);
      if (absence) {
        const until = absence.endsAt ? ` until ${absence.endsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
        return [m.email, { available: false, reason: `is away (${absence.reason})${until}` }];
      }
      return [m.email, { available: true, reason: null }];
    }),
  );
}

/** An absence in force: the member is away, for a reason, until a time (or until they say they are back). */
export interface CurrentAbsence {
  member: string;
  reason: string;
  endsAt: Date | null;
}
