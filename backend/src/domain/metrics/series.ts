// The team's figures over time, for the console's charts: per week (Monday
// 00:00 in the org's zone) and, for the triage queue, per hour of the day.
// Pure: facts and the period in, series out.
import type { MetricsSeriesView } from '#shared/console/api';
import type { Policy } from '#shared/policy';
import { DateTime } from 'luxon';
import { businessMinutesBetween } from '../business-time/business-time.ts';
import { calendarFor } from '../sla/sla-clock.ts';
import { percentile, type ThreadFacts } from './metrics.ts';

/** An owner change after the first owner: a reassignment, an escalation or a handoff. */
export interface OwnerChange {
  at: Date;
  reason: string;
}

/** A stretch of time a thread spent in the triage queue; `end` null while it is still there. */
export interface QueueStay {
  start: Date;
  end: Date | null;
}

export interface SeriesInput {
  policy: Policy;
  /** Threads whose latest reply arrived in [from, to). */
  threads: readonly ThreadFacts[];
  ownerChanges: readonly OwnerChange[];
  queueStays: readonly QueueStay[];
  from: Date;
  to: Date;
  now: Date;
}

const HOUR = 3_600_000;

/** Pure. Threads count in the week of their latest reply; owner changes in the week they happened. */
export function metricsSeries(input: SeriesInput): MetricsSeriesView {
  const { policy, threads, from, to, now } = input;
  const zone = policy.timezone;
  const weeks = weekStarts(from, to, zone);
  const weekOf = (at: Date) => {
    const start = DateTime.fromJSDate(at, { zone }).startOf('week').toMillis();
    return weeks.findIndex((w) => w.getTime() === start);
  };
  const perWeek = <T>(make: () => T) => weeks.map(make);

  const byWeek = perWeek<ThreadFacts[]>(() => []);
  for (const thread of threads) {
    if (!thread.lastReplyAt) continue;
    const i = weekOf(thread.lastReplyAt);
    if (i >= 0) byWeek[i]!.push(thread);
  }

  const responseMinutes = (t: ThreadFacts) =>
    t.lastReplyAt && t.firstResponseAt ? businessMinutesBetween(calendarFor(policy, t.owner), t.lastReplyAt, t.firstResponseAt) : null;
  const percentilesBy = (keyOf: (t: ThreadFacts) => string | null) => {
    const keys = [...new Set(threads.map(keyOf).filter((k): k is string => k !== null))].sort();
    return Object.fromEntries(
      keys.map((key) => [
        key,
        byWeek.map((list) => {
          const mine = list.filter((t) => keyOf(t) === key);
          const minutes = mine
            .map(responseMinutes)
            .filter((m): m is number => m !== null)
            .sort((a, b) => a - b);
          return { medianMinutes: percentile(minutes, 50), p90Minutes: percentile(minutes, 90), replies: mine.length };
        }),
      ]),
    );
  };

  const reassignments = perWeek(() => ({ count: 0 }));
  const reasons = new Map<string, number>();
  for (const change of input.ownerChanges) {
    const i = weekOf(change.at);
    if (i < 0) continue;
    reassignments[i]!.count += 1;
    reasons.set(change.reason, (reasons.get(change.reason) ?? 0) + 1);
  }

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    timezone: zone,
    weeks: weeks.map((w) => w.toISOString()),
    firstResponseByCategory: percentilesBy((t) => t.category),
    firstResponseByMember: percentilesBy((t) => t.owner),
    sla: byWeek.map((list) => {
      const withClock = list.filter((t) => t.slaDueAt);
      return {
        met: withClock.filter((t) => t.firstResponseAt && t.firstResponseAt <= t.slaDueAt!).length,
        breached: withClock.filter((t) => (t.firstResponseAt ? t.firstResponseAt > t.slaDueAt! : now > t.slaDueAt!)).length,
      };
    }),
    reassignments,
    reassignmentReasons: [...reasons.entries()]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    queueDepth: queueDepthByHour(input.queueStays, from, to < now ? to : now, zone),
    meetings: byWeek.map((list) => {
      const meetings = list.filter((t) => t.outcome === 'meeting_booked').length;
      return { replies: list.length, meetings, per100Replies: list.length === 0 ? 0 : Math.round((10_000 * meetings) / list.length) / 100 };
    }),
  };
}

/** The Monday 00:00 (in `zone`) of every week that overlaps [from, to). */
export function weekStarts(from: Date, to: Date, zone: string): Date[] {
  const weeks: Date[] = [];
  for (let week = DateTime.fromJSDate(from, { zone }).startOf('week'); week.toMillis() < to.getTime(); week = week.plus({ weeks: 1 })) {
    weeks.push(week.toJSDate());
  }
  return weeks;
}

/**
 * Pure: the triage queue's depth sampled on every hour in [from, until), as
 * the mean and the largest per hour of the day (in `zone`). A sweep over the
 * stays' starts and ends, so it is linear in stays plus hours.
 */
export function queueDepthByHour(stays: readonly QueueStay[], from: Date, until: Date, zone: string): MetricsSeriesView['queueDepth'] {
  const steps = stays
    .flatMap((s) => [{ at: s.start.getTime(), delta: 1 }, ...(s.end ? [{ at: s.end.getTime(), delta: -1 }] : [])])
    .sort((a, b) => a.at - b.at || a.delta - b.delta);
  const sums = Array.from({ length: 24 }, () => ({ total: 0, samples: 0, max: 0 }));
  let depth = 0;
  let next = 0;
  for (let t = Math.ceil(from.getTime() / HOUR) * HOUR; t < until.getTime(); t += HOUR) {
    // A thread that arrived on the hour is in the queue at that hour; one that left on the hour is not.
    while (next < steps.length && steps[next]!.at <= t) depth += steps[next++]!.delta;
    const hour = DateTime.fromMillis(t, { zone }).hour;
    const slot = sums[hour]!;
    slot.total += depth;
    slot.samples += 1;
    slot.max = Math.max(slot.max, depth);
  }
  return sums.map((slot, hour) => ({ hour, mean: slot.samples === 0 ? 0 : Math.round((100 * slot.total) / slot.samples) / 100, max: slot.max }));
}

/**
 * Pure: a thread's stays in the queue from its ledger's states, oldest event
 * first. A stay begins when an event leads into `unassigned` and ends with the
 * next event that leads out of it.
 */
export function queueStaysOf(events: ReadonlyArray<{ at: Date; toState: string }>): QueueStay[] {
  const stays: QueueStay[] = [];
  let open: Date | null = null;
  for (const event of events) {
    if (event.toState === 'unassigned' && open === null) open = event.at;
    else if (event.toState !== 'unassigned' && open !== null) {
      stays.push({ start: open, end: event.at });
      open = null;
    }
  }
  if (open !== null) stays.push({ start: open, end: null });
  return stays;
}
