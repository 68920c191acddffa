// Whether a member can take a reply now. Today: on the team and not on leave
// (`active`). The business-time issue adds absences and working hours here.
import type { Policy } from '#shared/policy';

export interface Availability {
  available: boolean;
  /** Why not, in words for an explanation ("is on leave"). */
  reason: string | null;
}

export type AvailabilityMap = ReadonlyMap<string, Availability>;

/** Pure: availability of every member of the policy. */
export function availabilityFromPolicy(policy: Policy): AvailabilityMap {
  return new Map(policy.members.map((m) => [m.email, m.active ? { available: true, reason: null } : { available: false, reason: 'is on leave' }]));
}
