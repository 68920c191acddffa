// The team now: roles, hours, who is working, away or on leave, open load
// against capacity; the week's absences on a calendar; adding an absence and
// ending one.
import type { AbsenceView, TeamView } from '#shared/console/api';
import { mondayOf, weekDays, weekGrid } from '#shared/console/week-calendar';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { formatDateTime, formatDay, localInputValue } from '../format.ts';
import type { PageProps } from '../page-props.ts';

const REASONS = ['pto', 'sick', 'travel', 'away', 'other'] as const;

export function TeamPage({ api, s, locale, fail, notify }: PageProps) {
  const [team, setTeam] = useState<TeamView | null>(null);
  const [week, setWeek] = useState(0);

  const load = useCallback(async () => {
    const result = await api.send<TeamView>({ method: 'GET', path: '/v1/team' });
    if (!result.ok) return void fail(result.failure);
    setTeam(result.value);
  }, [api, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const monday = useMemo(() => mondayOf(new Date(), week), [week]);
  const days = useMemo(() => weekDays(monday), [monday]);
  const grid = useMemo(
    () =>
      team
        ? weekGrid(
            team.members.map((m) => m.email),
            team.absences,
            monday,
          )
        : null,
    [team, monday],
  );
  if (!team || !grid) return <p class="muted">{s.loading}</p>;
  const nameOf = (email: string) => team.members.find((m) => m.email === email)?.name ?? email;

  const end = async (absence: AbsenceView) => {
    const result = await api.send<AbsenceView>({ method: 'DELETE', path: `/v1/absences/${encodeURIComponent(absence.id)}` });
    if (!result.ok) return void fail(result.failure);
    notify({ tone: 'info', text: s.team.ended });
    void load();
  };

  return (
    <section>
      <div class="page-title">
        <h1>{s.team.title}</h1>
      </div>
      <table class="table" data-testid="team">
        <thead>
          <tr>
            <th>{s.team.columns.member}</th>
            <th>{s.team.columns.role}</th>
            <th>{s.team.columns.hours}</th>
            <th>{s.team.columns.now}</th>
            <th>{s.team.columns.load}</th>
            <th>{s.team.columns.backup}</th>
          </tr>
        </thead>
        <tbody>
          {team.members.map((m) => {
            const status = !m.active ? 'leave' : !m.available ? 'away' : m.workingNow ? 'working' : 'off';
            const full = m.capacity !== null && m.openThreads >= m.capacity;
            return (
              <tr key={m.email} data-member={m.email}>
                <td>
                  <strong>{m.name}</strong>
                  <div class="muted small">{m.email}</div>
                </td>
                <td>{s.team.role[m.role]}</td>
                <td>
                  {m.hours
                    ? Object.entries(m.hours).map(([days, hours]) => (
                        <div key={days}>
                          {days} {hours}
                        </div>
                      ))
                    : s.team.anyTime}
                  <div class="muted small">{m.timezone}</div>
                </td>
                <td>
                  <span class={`badge badge-status-${status}`} data-testid="availability">
                    {status === 'leave' ? s.team.onLeave : status === 'away' ? s.team.away : status === 'working' ? s.team.working : s.team.offHours}
                  </span>
                  {m.unavailableReason && <div class="muted small">{m.unavailableReason}</div>}
                </td>
                <td>
                  {m.capacity === null ? (
                    s.team.noCapacity({ n: m.openThreads })
                  ) : (
                    <div class="load">
                      <meter min={0} max={m.capacity} high={m.capacity * 0.8} optimum={0} value={m.openThreads} />
                      <span>
                        {m.openThreads} / {m.capacity}
                      </span>
                      {full && <div class="small warning">{s.team.atCapacity}</div>}
                    </div>
                  )}
                </td>
                <td>{m.backup ? nameOf(m.backup) : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <div class="page-title">
        <h2>{s.team.calendar}</h2>
        <span class="spacer" />
        <button type="button" class="button" onClick={() => setWeek(week - 1)} aria-label={s.team.previousWeek}>
          ←
        </button>
        <button type="button" class="button" onClick={() => setWeek(week + 1)} aria-label={s.team.nextWeek}>
          →
        </button>
      </div>
      <table class="table calendar" data-testid="calendar">
        <thead>
          <tr>
            <th>{s.team.columns.member}</th>
            {days.map((d) => (
              <th key={d.toISOString()}>{formatDay(d, locale)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {team.members.map((m) => (
            <tr key={m.email}>
              <th scope="row">{m.name}</th>
              {grid.get(m.email)!.map((cell, i) => (
                <td key={i} class={cell.absences.length ? 'absent' : ''}>
                  {cell.absences.map((a) => (
                    <span key={a.id} class="chip chip-absence" title={a.reason}>
                      {s.team.reasons[a.reason] ?? a.reason}
                    </span>
                  ))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {team.absences.length === 0 && <p class="empty">{s.team.noAbsences}</p>}

      <div class="columns">
        <AddAbsence api={api} s={s} team={team} fail={fail} notify={notify} onAdded={() => void load()} />
        <section>
          <h2>{s.team.upcoming}</h2>
          <ul class="list" data-testid="absences">
            {team.absences.map((a) => (
              <li key={a.id}>
                <strong>{nameOf(a.member)}</strong> · {s.team.reasons[a.reason] ?? a.reason} · {formatDateTime(a.startsAt, locale)} →{' '}
                {a.endsAt ? formatDateTime(a.endsAt, locale) : s.team.untilBack}
                <button type="button" class="link" onClick={() => void end(a)}>
                  {Date.parse(a.startsAt) <= Date.now() ? s.team.end : s.team.cancel}
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}

function AddAbsence({ api, s, team, fail, notify, onAdded }: Pick<PageProps, 'api' | 's' | 'fail' | 'notify'> & { team: TeamView; onAdded(): void }) {
  const [member, setMember] = useState(team.members.find((m) => m.role === 'rep')?.email ?? team.members[0]?.email ?? '');
  const [from, setFrom] = useState(() => localInputValue(new Date()));
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState<(typeof REASONS)[number]>('pto');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const startsAt = new Date(from);
    const endsAt = until ? new Date(until) : null;
    if (endsAt && endsAt <= startsAt) return setProblem(s.team.badDates);
    setProblem(null);
    setBusy(true);
    const result = await api.send<AbsenceView>({
      method: 'POST',
      path: `/v1/members/${encodeURIComponent(member)}/absences`,
      body: { startsAt: startsAt.toISOString(), endsAt: endsAt?.toISOString() ?? null, reason },
    });
    setBusy(false);
    if (!result.ok) return void setProblem(fail(result.failure));
    notify({ tone: 'info', text: s.team.added({ name: team.members.find((m) => m.email === member)?.name ?? member }) });
    onAdded();
  };

  return (
    <form
      class="card"
      data-testid="add-absence"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{s.team.addAbsence}</h2>
      <label class="field">
        {s.team.member}
        <select value={member} onChange={(e) => setMember((e.currentTarget as HTMLSelectElement).value)}>
          {team.members.map((m) => (
            <option key={m.email} value={m.email}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        {s.team.from}
        <input type="datetime-local" value={from} required onInput={(e) => setFrom((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <label class="field">
        {s.team.until}
        <input type="datetime-local" value={until} onInput={(e) => setUntil((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <label class="field">
        {s.team.reason}
        <select value={reason} onChange={(e) => setReason((e.currentTarget as HTMLSelectElement).value as (typeof REASONS)[number])}>
          {REASONS.map((r) => (
            <option key={r} value={r}>
              {s.team.reasons[r]}
            </option>
          ))}
        </select>
      </label>
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" class="button button-primary" disabled={busy}>
        {s.team.add}
      </button>
    </form>
  );
}
