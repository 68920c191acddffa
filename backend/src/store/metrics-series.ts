// What the metrics over time read from the ledger: owner changes in a period,
// and the state changes of threads that went through the triage queue.
import { sql } from 'drizzle-orm';
import type { OwnerChange } from '../domain/metrics/series.ts';
import { resultRows } from './database.ts';
import type { Scope } from './scope.ts';

const date = (v: string | Date) => new Date(v);

/** Reassignments, escalations and handoffs from one owner to another, in [from, to). */
export async function ownerChangesBetween(scope: Scope, from: Date, to: Date): Promise<OwnerChange[]> {
  const result = await scope.db.execute(sql`
    select e.at, coalesce(e.reason, e.kind) as reason from thread_events e
    where e.org_id = ${scope.orgId} and e.kind in ('reassigned', 'escalated', 'handed_off')
      and e.from_owner is not null and e.to_owner is distinct from e.from_owner
      and e.at >= ${from.toISOString()}::timestamptz and e.at < ${to.toISOString()}::timestamptz`);
  return resultRows<{ at: string | Date; reason: string }>(result).map((r) => ({ at: date(r.at), reason: r.reason }));
}

/**
 * The state changes, oldest first, of every thread that was in the triage
 * queue at some point in [since, to): enough to rebuild its stays there.
 */
export async function queueEventsBetween(scope: Scope, since: Date, to: Date): Promise<Map<string, Array<{ at: Date; toState: string }>>> {
  const result = await scope.db.execute(sql`
    select e.thread_id, e.at, e.to_state from thread_events e
    where e.org_id = ${scope.orgId} and e.at < ${to.toISOString()}::timestamptz
      and e.thread_id in (
        select q.thread_id from thread_events q
        where q.org_id = ${scope.orgId} and (q.to_state = 'unassigned' or q.from_state = 'unassigned')
          and q.at >= ${since.toISOString()}::timestamptz and q.at < ${to.toISOString()}::timestamptz)
    order by e.thread_id, e.seq`);
  const byThread = new Map<string, Array<{ at: Date; toState: string }>>();
  for (const row of resultRows<{ thread_id: string; at: string | Date; to_state: string }>(result)) {
    const list = byThread.get(row.thread_id) ?? [];
    list.push({ at: date(row.at), toState: row.to_state });
    byThread.set(row.thread_id, list);
  }
  return byThread;
}
