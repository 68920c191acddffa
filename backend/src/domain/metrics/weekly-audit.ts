// The manager's fifteen-minute weekly review, as one report. Pure.
import type { WeeklyAudit } from '#shared/console/weekly-audit';
import type { Policy } from '#shared/policy';
import type { AvailabilityMap } from '../availability/availability.ts';
import type { Metrics, ThreadFacts } from './metrics.ts';

export type { WeeklyAudit };

export function weeklyAudit(
  policy: Policy,
  availability: AvailabilityMap,
  threads: readonly ThreadFacts[],
  metrics: Metrics,
  from: Date,
  to: Date,
  now: Date,
): WeeklyAudit {
  const unavailable = (email: string) => availability.get(email)?.available === false;
  const why = (email: string) => availability.get(email)?.reason ?? 'is unavailable';
  const pointing: WeeklyAudit['pointingAtUnavailable'] = [];
  for (const [name, pool] of Object.entries(policy.pools))
    for (const m of pool.members) if (unavailable(m)) pointing.push({ where: `pool ${name}`, member: m, why: why(m) });
  for (const [key, seq] of Object.entries(policy.sequences)) {
    for (const m of [seq.owner, seq.backup].filter((x): x is string => x !== undefined))
      if (unavailable(m)) pointing.push({ where: `sequence ${key}`, member: m, why: why(m) });
  }
  for (const member of policy.members)
    if (member.backup && unavailable(member.backup)) pointing.push({ where: `backup of ${member.email}`, member: member.backup, why: why(member.backup) });
  if (typeof policy.fallback === 'object' && 'member' in policy.fallback && unavailable(policy.fallback.member)) {
    pointing.push({ where: 'fallback', member: policy.fallback.member, why: why(policy.fallback.member) });
  }
  const usedRules = new Set(threads.map((t) => t.rule).filter((r): r is string => r !== null));
  const breaches = new Map<string, number>();
  for (const t of threads) {
    const breached = t.slaDueAt && (t.firstResponseAt ? t.firstResponseAt > t.slaDueAt : now > t.slaDueAt);
    if (breached && t.owner) breaches.set(t.owner, (breaches.get(t.owner) ?? 0) + 1);
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    unassigned: threads
      .filter((t) => t.state === 'unassigned')
      .map((t) => ({ id: t.id, ageMinutes: Math.round((now.getTime() - (t.lastReplyAt?.getTime() ?? now.getTime())) / 60_000) }))
      .sort((a, b) => b.ageMinutes - a.ageMinutes),
    pastSla: threads
      .filter((t) => t.slaDueAt && !t.firstResponseAt && now > t.slaDueAt && ['assigned', 'needs_help', 'unassigned'].includes(t.state))
      .map((t) => ({ id: t.id, owner: t.owner, dueAt: t.slaDueAt!.toISOString() })),
    pointingAtUnavailable: pointing,
    rulesThatMatchedNothing: policy.rules.map((r) => r.name).filter((name) => !usedRules.has(name)),
    topReassignmentReasons: metrics.reassignmentReasons.slice(0, 5),
    membersWithMostBreaches: [...breaches.entries()]
      .map(([member, count]) => ({ member, breaches: count }))
      .sort((a, b) => b.breaches - a.breaches || a.member.localeCompare(b.member))
      .slice(0, 5),
  };
}
