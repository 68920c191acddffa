// The manager's metrics (JSON or CSV) and the weekly audit.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { availabilityFromPolicy } from '../../domain/availability/availability.ts';
import { MetricsSeriesView, SERIES } from '#shared/console/api';
import { computeMetrics } from '../../domain/metrics/metrics.ts';
import { metricsSeries, queueStaysOf } from '../../domain/metrics/series.ts';
import { weeklyAudit } from '../../domain/metrics/weekly-audit.ts';
import { currentAbsences } from '../../store/absences.ts';
import { threadFactsBetween } from '../../store/metrics.ts';
import { ownerChangesBetween, queueEventsBetween } from '../../store/metrics-series.ts';
import type { Deps } from '../../use-cases/deps.ts';
import { loadPolicy } from '../../use-cases/policy.ts';
import type { AppEnv } from '../app-env.ts';
import { requireRole } from '../auth/roles.ts';
import { validationHook } from '../errors.ts';
import { errors, json } from '../openapi-helpers.ts';
import { InvalidInput } from '../../domain/errors.ts';
import { seriesCsv } from './series-csv.ts';

const Instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant such as 2026-11-01T00:00:00Z' });

export const metricsRoute = createRoute({
  method: 'get',
  path: '/v1/metrics',
  tags: ['metrics'],
  summary: 'Response times, SLA, reassignments and outcomes over a period (manager)',
  description: 'Replies whose latest message arrived in [from, to), grouped. Business minutes in each owner’s hours. CSV with `Accept: text/csv`.',
  request: {
    query: z.object({
      from: Instant.optional(),
      to: Instant.optional(),
      groupBy: z.enum(['member', 'category', 'rule', 'sequence']).default('member'),
    }),
  },
  responses: { 200: json(z.unknown(), 'The metrics'), ...errors },
});

export const auditRoute = createRoute({
  method: 'get',
  path: '/v1/audit/weekly',
  tags: ['metrics'],
  summary: 'The weekly review (manager): unassigned, past SLA, dead references, idle rules, reassignment reasons, breaches',
  responses: { 200: json(z.unknown(), 'The report'), ...errors },
});

export const metricsSeriesRoute = createRoute({
  method: 'get',
  path: '/v1/metrics/series',
  tags: ['metrics'],
  summary: 'The metrics over time, per week and per hour of the day (manager)',
  description:
    'Weeks start on Monday 00:00 in the org’s time zone; a reply counts in the week its latest message arrived. Default period: the 12 weeks to now. `series` with `Accept: text/csv` (or `format=csv`) answers one series as CSV.',
  request: {
    query: z.object({
      from: Instant.optional(),
      to: Instant.optional(),
      series: z.enum(SERIES).optional(),
      format: z.enum(['json', 'csv']).optional(),
    }),
  },
  responses: { 200: json(MetricsSeriesView, 'The series'), ...errors },
});

const WEEK = 7 * 86_400_000;
/** How far before the period the queue's history is read, to know what was already waiting when it began. */
const QUEUE_LOOKBACK = 30 * 86_400_000;
/** The longest period one request may cover: two years of weeks. */
const MAX_SERIES_PERIOD = 106 * WEEK;
const csvField = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function metricsRouter(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(metricsRoute, async (c) => {
    requireRole(c.get('caller'), 'manager', 'see the metrics');
    const query = c.req.valid('query');
    const now = deps.clock.now();
    const to = query.to ? new Date(query.to) : now;
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - WEEK);
    const scope = c.get('scope');
    const metrics = computeMetrics((await loadPolicy(scope)).policy, await threadFactsBetween(scope, from, to), query.groupBy, now);
    if (/text\/csv/i.test(c.req.header('accept') ?? '')) {
      const columns = Object.keys(metrics.rows[0] ?? { group: '' });
      const lines = [
        columns.join(','),
        ...metrics.rows.map((row) => columns.map((col) => csvField((row as unknown as Record<string, unknown>)[col])).join(',')),
      ];
      return c.body(`${lines.join('\n')}\n`, 200, { 'content-type': 'text/csv; charset=utf-8' }) as never;
    }
    return c.json({ from: from.toISOString(), to: to.toISOString(), groupBy: query.groupBy, ...metrics }, 200);
  });
  app.openapi(metricsSeriesRoute, async (c) => {
    requireRole(c.get('caller'), 'manager', 'see the metrics');
    const query = c.req.valid('query');
    const now = deps.clock.now();
    const to = query.to ? new Date(query.to) : now;
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 12 * WEEK);
    if (from >= to) throw new InvalidInput('`from` must be before `to`');
    if (to.getTime() - from.getTime() > MAX_SERIES_PERIOD) throw new InvalidInput('The period may cover at most two years: narrow `from` and `to`');
    const scope = c.get('scope');
    const [compiled, threads, ownerChanges, queueEvents] = await Promise.all([
      loadPolicy(scope),
      threadFactsBetween(scope, from, to),
      ownerChangesBetween(scope, from, to),
      queueEventsBetween(scope, new Date(from.getTime() - QUEUE_LOOKBACK), to),
    ]);
    const view = metricsSeries({
      policy: compiled.policy,
      threads,
      ownerChanges,
      queueStays: [...queueEvents.values()].flatMap(queueStaysOf),
      from,
      to,
      now,
    });
    const csv = query.format === 'csv' || (query.format === undefined && /text\/csv/i.test(c.req.header('accept') ?? ''));
    if (!csv) return c.json(view, 200);
    if (!query.series) throw new InvalidInput(`Name the series to export as CSV: series=${SERIES.join('|')}`);
    c.header('content-disposition', `attachment; filename="${query.series}-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}.csv"`);
    return c.body(seriesCsv(view, query.series), 200, { 'content-type': 'text/csv; charset=utf-8' }) as never;
  });

  app.openapi(auditRoute, async (c) => {
    requireRole(c.get('caller'), 'manager', 'see the weekly audit');
    const now = deps.clock.now();
    const from = new Date(now.getTime() - WEEK);
    const scope = c.get('scope');
    const compiled = await loadPolicy(scope);
    const threads = await threadFactsBetween(scope, from, new Date(now.getTime() + 1));
    const availability = availabilityFromPolicy(compiled.policy, await currentAbsences(scope, now));
    return c.json(weeklyAudit(compiled.policy, availability, threads, computeMetrics(compiled.policy, threads, 'member', now), from, now, now), 200);
  });
  return app;
}
