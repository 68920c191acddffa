// Threads of a period with what the metrics need from their ledger, in one statement.
import { sql } from 'drizzle-orm';
import type { ThreadFacts } from '../domain/metrics/metrics.ts';
import { resultRows } from './database.ts';
import type { Scope } from './scope.ts';

interface Row {
  id: string;
  state: string;
  owner: string | null;
  category: string | null;
  sequence: string | null;
  rule: string | null;
  last_reply_at: string | Date | null;
  sla_due_at: string | Date | null;
  first_response_at: string | Date | null;
  outcome: string | null;
  handoffs: number;
  reasons: string[] | null;
}

const date = (v: string | Date | null) => (v === null ? null : new Date(v));

export async function threadFactsBetween(scope: Scope, from: Date, to: Date): Promise<ThreadFacts[]> {
  const result = await scope.db.execute(sql`
    select t.id, t.state, t.owner, t.category, t.sequence, t.last_reply_at, t.sla_due_at, t.first_response_at, t.outcome,
      (select e.rule from thread_events e where e.thread_id = t.id and e.org_id = t.org_id and e.kind = 'routed' order by e.seq desc limit 1) as rule,
      (select count(*)::int from thread_events e where e.thread_id = t.id and e.org_id = t.org_id and e.kind = 'handed_off') as handoffs,
      (select array_agg(coalesce(e.reason, e.kind) order by e.seq) from thread_events e
        where e.thread_id = t.id and e.org_id = t.org_id and e.kind in ('reassigned', 'escalated', 'handed_off')
          and e.from_owner is not null and e.to_owner is distinct from e.from_owner) as reasons
    from threads t
    where t.org_id = ${scope.orgId} and t.last_reply_at >= ${from.toISOString()}::timestamptz and t.last_reply_at < ${to.toISOString()}::timestamptz`);
  return resultRows<Row>(result).map((r) => ({
    id: r.id,
    state: r.state,
    owner: r.owner,
    category: r.category,
    sequence: r.sequence,
    rule: r.rule,
    lastReplyAt: date(r.last_reply_at),
    slaDueAt: date(r.sla_due_at),
    firstResponseAt: date(r.first_response_at),
    outcome: r.outcome,
    handoffs: Number(r.handoffs),
    reassignmentReasons: r.reasons ?? [],
  }));
}
