// The weekly audit as a page: each item links to where it is fixed (the
// thread, the policy, the team, the metrics).
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { WeeklyAudit } from '#shared/console/weekly-audit';
import { duration } from '#shared/sidebar/thread-view-model';
import { formatDate, formatDateTime } from '../format.ts';
import type { PageProps } from '../page-props.ts';

export function AuditPage({ api, me, s, ss, locale, fail }: PageProps) {
  const [audit, setAudit] = useState<WeeklyAudit | null>(null);
  useEffect(() => {
    void api.send<WeeklyAudit>({ method: 'GET', path: '/v1/audit/weekly' }).then((result) => (result.ok ? setAudit(result.value) : fail(result.failure)));
  }, [api, fail]);
  if (!audit) return <p class="muted">{s.loading}</p>;
  const nameOf = (email: string | null) => (email ? (me.members.find((m) => m.email === email)?.name ?? email) : ss.nobody);

  const block = <T,>(title: string, items: T[], render: (item: T) => ComponentChildren, testId: string) => (
    <section class="card" data-testid={testId}>
      <h2>
        {title} <span class="count">{items.length}</span>
      </h2>
      {items.length === 0 ? (
        <p class="muted">{s.audit.allClear}</p>
      ) : (
        <ul class="list">
          {items.map((item, i) => (
            <li key={i}>{render(item)}</li>
          ))}
        </ul>
      )}
    </section>
  );

  return (
    <section class="audit">
      <div class="page-title">
        <h1>{s.audit.title}</h1>
        <span class="muted">{s.audit.period({ from: formatDate(audit.from, locale), to: formatDate(audit.to, locale) })}</span>
      </div>
      <div class="grid">
        {block(
          s.audit.unassigned,
          audit.unassigned,
          (item) => (
            <>
              {s.audit.unassignedItem({ age: duration(item.ageMinutes * 60_000, ss, 'floor') })} · <a href={`#/threads/${item.id}`}>{s.audit.openThread}</a>
            </>
          ),
          'audit-unassigned',
        )}
        {block(
          s.audit.pastSla,
          audit.pastSla,
          (item) => (
            <>
              {s.audit.pastSlaItem({ owner: nameOf(item.owner), due: formatDateTime(item.dueAt, locale) })} ·{' '}
              <a href={`#/threads/${item.id}`}>{s.audit.openThread}</a>
            </>
          ),
          'audit-past-sla',
        )}
        {block(
          s.audit.pointing,
          audit.pointingAtUnavailable,
          (item) => (
            <>
              {s.audit.pointingItem({ where: item.where, member: nameOf(item.member), why: item.why })} · <a href="#/policy">{s.audit.editPolicy}</a> ·{' '}
              <a href="#/team">{s.audit.seeTeam}</a>
            </>
          ),
          'audit-pointing',
        )}
        {block(
          s.audit.idleRules,
          audit.rulesThatMatchedNothing,
          (rule) => (
            <>
              {rule} · <a href="#/policy">{s.audit.editPolicy}</a>
            </>
          ),
          'audit-idle-rules',
        )}
        {block(
          s.audit.reasons,
          audit.topReassignmentReasons,
          (item) => (
            <>
              {item.reason} <strong>{item.count}</strong> · <a href="#/metrics">{s.audit.seeMetrics}</a>
            </>
          ),
          'audit-reasons',
        )}
        {block(
          s.audit.breaches,
          audit.membersWithMostBreaches,
          (item) => (
            <>
              {nameOf(item.member)} <strong>{item.breaches}</strong> · <a href={`#/queue?owner=${encodeURIComponent(item.member)}`}>{s.nav.queue}</a> ·{' '}
              <a href="#/team">{s.audit.seeTeam}</a>
            </>
          ),
          'audit-breaches',
        )}
      </div>
    </section>
  );
}
