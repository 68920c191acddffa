// The team's figures over a period, from threads and their ledger. Pure.
import type { Policy } from '#shared/policy';
import { businessMinutesBetween } from '../business-time/business-time.ts';
import { calendarFor } from '../sla/sla-clock.ts';

export interface ThreadFacts {
  id: string;
  state: string;
  owner: string | null;
  category: string | null;
  sequence: string | null;
  /** The rule that placed the latest reply, when a rule did. */
  rule: string | null;
  lastReplyAt: Date | null;
  slaDueAt: Date | null;
  firstResponseAt: Date | null;
  outcome: string | null;
  handoffs: number;
  /** Reasons of owner changes after the first owner (reassignments, escalations, handoffs). */
  reassignmentReasons: string[];
}

export type GroupBy = 'member' | 'category' | 'rule' | 'sequence';

export interface MetricsRow {
  group: string;
  replies: number;
  firstResponseMedianMinutes: number | null;
  firstResponseP90Minutes: number | null;
  slaMet: number;
  slaBreached: number;
  reassignments: number;
  handoffsPerThread: number;
  meetingsPer100Replies: number;
  qualifiedReplyRate: number;
  unsubscribeRate: number;
  complaintRate: number;
}

export interface Metrics {
  rows: MetricsRow[];
  unassignedNow: number;
  oldestUnassignedMinutes: number | null;
  reassignmentReasons: Array<{ reason: string; count: number }>;
}

const QUALIFIED = new Set(['interested', 'question', 'referral']);

export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export function computeMetrics(policy: Policy, threads: readonly ThreadFacts[], groupBy: GroupBy, now: Date): Metrics {
  const groups = new Map<string, ThreadFacts[]>();
  for (const thread of threads) {
    const key =
      (groupBy === 'member' ? thread.owner : groupBy === 'category' ? thread.category : groupBy === 'rule' ? thread.rule : thread.sequence) ?? '(none)';
    groups.set(key, [...(groups.get(key) ?? []), thread]);
  }
  const rows: MetricsRow[] = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, list]) => {
      const responseMinutes = list
        .filter((t) => t.lastReplyAt && t.firstResponseAt)
        .map((t) => businessMinutesBetween(calendarFor(policy, t.owner), t.lastReplyAt!, t.firstResponseAt!))
        .sort((a, b) => a - b);
      const withClock = list.filter((t) => t.slaDueAt);
      const met = withClock.filter((t) => t.firstResponseAt && t.firstResponseAt <= t.slaDueAt!).length;
      const breached = withClock.filter((t) => (t.firstResponseAt ? t.firstResponseAt > t.slaDueAt! : now > t.slaDueAt!)).length;
      const share = (predicate: (t: ThreadFacts) => boolean) => round(list.filter(predicate).length / list.length);
      return {
        group,
        replies: list.length,
        firstResponseMedianMinutes: percentile(responseMinutes, 50),
        firstResponseP90Minutes: percentile(responseMinutes, 90),
        slaMet: met,
        slaBreached: breached,
        reassignments: list.reduce((sum, t) => sum + t.reassignmentReasons.length, 0),
        handoffsPerThread: round(list.reduce((sum, t) => sum + t.handoffs, 0) / list.length),
        meetingsPer100Replies: round((100 * list.filter((t) => t.outcome === 'meeting_booked').length) / list.length),
        qualifiedReplyRate: share((t) => QUALIFIED.has(t.category ?? '')),
        unsubscribeRate: share((t) => t.category === 'unsubscribe'),
        complaintRate: share((t) => t.category === 'complaint'),
      };
    });
  const unassigned = threads.filter((t) => t.state === 'unassigned');
  const oldest = unassigned.map((t) => t.lastReplyAt?.getTime() ?? now.getTime()).sort((a, b) => a - b)[0];
  const reasons = new Map<string, number>();
  for (const t of threads) for (const reason of t.reassignmentReasons) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  return {
    rows,
    unassignedNow: unassigned.length,
    oldestUnassignedMinutes: oldest === undefined ? null : Math.round((now.getTime() - oldest) / 60_000),
    reassignmentReasons: [...reasons.entries()]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
  };
}
