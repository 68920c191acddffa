// `/metrics` for operators, in the Prometheus text format (prom-client):
// request counts and latency of this process, and from the database the
// assignments, breaches, queue depth and outbox backlog of every org.
import { sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { resultRows } from '../../store/database.ts';
import { allOrgRetentions } from '../../store/orgs.ts';
import { withOrg, type Deps } from '../../use-cases/deps.ts';
import type { AppEnv } from '../app-env.ts';

export interface OperatorMetrics {
  registry: Registry;
  /** Counts every request and its latency. */
  middleware: MiddlewareHandler<AppEnv>;
}

export function operatorMetrics(deps: Deps): OperatorMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'rr_http_requests_total',
    help: 'HTTP requests by method and status class',
    labelNames: ['method', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'rr_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const totals = async () => {
    const sums = { assignments: 0, breaches: 0, queue: 0, outbox: 0 };
    const now = deps.clock.now().toISOString();
    for (const org of await allOrgRetentions(deps.db)) {
      const [row] = await withOrg(deps, org.id, async (scope) =>
        resultRows<{ assignments: number; breaches: number; queue: number; outbox: number }>(
          await scope.db.execute(sql`select
            (select count(*)::int from thread_events where org_id = ${org.id} and kind in ('routed', 'claimed', 'handed_off', 'reassigned', 'escalated') and to_owner is not null) as assignments,
            (select count(*)::int from threads where org_id = ${org.id} and state in ('assigned', 'needs_help', 'unassigned') and first_response_at is null and sla_due_at < ${now}::timestamptz) as breaches,
            (select count(*)::int from threads where org_id = ${org.id} and state = 'unassigned') as queue,
            (select count(*)::int from outbox where org_id = ${org.id} and delivered_at is null) as outbox`),
        ),
      );
      if (row) for (const key of Object.keys(sums) as Array<keyof typeof sums>) sums[key] += Number(row[key]);
    }
    return sums;
  };
  // One database read per scrape, shared by the gauges below.
  let pending: Promise<Awaited<ReturnType<typeof totals>>> | null = null;
  const once = () => (pending ??= totals().finally(() => setTimeout(() => (pending = null), 0)));
  const gauge = (name: string, help: string, key: 'assignments' | 'breaches' | 'queue' | 'outbox') =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set((await once())[key]);
      },
    });
  gauge('rr_assignments_total', 'Ownership assignments recorded in the ledger', 'assignments');
  gauge('rr_sla_breaches', 'Open replies past their first-response target', 'breaches');
  gauge('rr_queue_depth', 'Replies waiting in the triage queue', 'queue');
  gauge('rr_outbox_backlog', 'Events not yet delivered to sending tools', 'outbox');
  return {
    registry,
    middleware: async (c, next) => {
      const stop = latency.startTimer({ method: c.req.method });
      await next();
      stop();
      requests.inc({ method: c.req.method, status: `${Math.floor(c.res.status / 100)}xx` });
    },
  };
}
