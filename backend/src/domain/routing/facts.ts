// What the router knows about one reply: everything is loaded by the shell
// beforehand, so routing itself is a pure function.
import type { Category } from '#shared/categories';
import type { AccountMatch } from '../accounts/account-matching.ts';
import type { AvailabilityMap } from '../availability/availability.ts';

export interface ReplyFacts {
  category: Category;
  /** Subject and body as the prospect wrote them (quoted history stripped when known). */
  text: string;
  prospectEmail: string;
  /** The raw source as the sending tool spelled it. */
  source: string | null;
  language: string | null;
  region: string | null;
  country: string | null;
  segment: string | null;
  /** The address or alias the reply arrived at. */
  mailbox: string | null;
  sequence: string | null;
  /** The thread's current owner, when the reply joins an owned thread. */
  threadOwner: string | null;
  account: AccountMatch | null;
  lead: { email: string; owner: string | null } | null;
  /** The classifier's escalation flag. */
  escalation?: 'legal' | null;
  /** The classifier's intent. */
  intent?: 'high' | null;
}

export interface RoutingState {
  availability: AvailabilityMap;
  /** Open (assigned or needs-help) threads per member, for capacity and least-loaded pools. */
  openThreads: ReadonlyMap<string, number>;
  /** Per pool, the member the pool picked last (the round-robin cursor). */
  cursors: ReadonlyMap<string, string>;
}
