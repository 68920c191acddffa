// The queue: every waiting and open thread in the triage order, with live SLA
// countdowns, filters kept in the address, and reassigning one or many
// threads with a reason.
import type { QueueView, ThreadState } from '#shared/api';
import { filtersFromQuery, filtersToQuery, NO_FILTERS, queueModel, type QueueFilters } from '#shared/console/queue-model';
import type { Category } from '#shared/categories';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ReassignForm } from '../components/reassign-form.tsx';
import { formatTime } from '../format.ts';
import type { PageProps } from '../page-props.ts';
import { useNow } from '../use-now.ts';

/** The queue refreshes itself this often (new replies, other managers' changes). */
const REFRESH_MS = 30_000;

export function QueuePage(props: PageProps & { query: string }) {
  const { api, me, s, ss, locale, fail, navigate, notify } = props;
  const [view, setView] = useState<QueueView | null>(null);
  const [loadedAt, setLoadedAt] = useState<Date | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const filters = useMemo(() => filtersFromQuery(props.query), [props.query]);
  const now = useNow();

  const load = useCallback(async () => {
    const result = await api.send<QueueView>({ method: 'GET', path: '/v1/queue' });
    if (!result.ok) return void fail(result.failure);
    setView(result.value);
    setLoadedAt(new Date());
  }, [api, fail]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const model = useMemo(() => (view ? queueModel(view, filters, { members: me.members, locale }, now) : null), [view, filters, me, locale, now]);
  const setFilters = (next: QueueFilters) => {
    const query = filtersToQuery(next);
    navigate(`#/queue${query ? `?${query}` : ''}`);
  };
  const set = <K extends keyof QueueFilters>(key: K, value: QueueFilters[K]) => setFilters({ ...filters, [key]: value });

  if (!model) return <p class="muted">{s.loading}</p>;
  const shownIds = model.rows.map((r) => r.id);
  const selectedShown = shownIds.filter((id) => selected.has(id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };

  return (
    <section>
      <div class="page-title">
        <h1>{s.queue.title}</h1>
        <span class="muted" data-testid="queue-summary">
          {s.queue.summary({ shown: model.rows.length, total: model.total })}
        </span>
        <span class="spacer" />
        {loadedAt && <span class="muted small">{s.queue.refreshed({ time: formatTime(loadedAt, locale) })}</span>}
        <button type="button" class="button" onClick={() => void load()}>
          {s.queue.refresh}
        </button>
      </div>
      <fieldset class="filters">
        <legend>{s.queue.filters}</legend>
        <label>
          {s.queue.owner}
          <select value={filters.owner} onChange={(e) => set('owner', (e.currentTarget as HTMLSelectElement).value)}>
            <option value="all">{s.queue.all}</option>
            <option value="none">{s.queue.nobody}</option>
            {model.options.owners.map((m) => (
              <option key={m.email} value={m.email}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.queue.category}
          <select value={filters.category} onChange={(e) => set('category', (e.currentTarget as HTMLSelectElement).value as Category | 'all')}>
            <option value="all">{s.queue.all}</option>
            {Object.entries(ss.category).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.queue.state}
          <select value={filters.state} onChange={(e) => set('state', (e.currentTarget as HTMLSelectElement).value as ThreadState | 'all')}>
            <option value="all">{s.queue.all}</option>
            {(['unassigned', 'needs_help', 'assigned'] as const).map((state) => (
              <option key={state} value={state}>
                {ss.state[state]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.queue.sequence}
          <select value={filters.sequence} onChange={(e) => set('sequence', (e.currentTarget as HTMLSelectElement).value)}>
            <option value="all">{s.queue.all}</option>
            <option value="none">{s.queue.none}</option>
            {model.options.sequences.map((key) => (
              <option key={key} value={key}>
                {key}
              </option>
            ))}
          </select>
        </label>
        <label class="checkbox">
          <input type="checkbox" checked={filters.overdue} onChange={(e) => set('overdue', (e.currentTarget as HTMLInputElement).checked)} />
          {s.queue.overdue}
        </label>
        {filtersToQuery(filters) !== '' && (
          <button type="button" class="link" onClick={() => setFilters(NO_FILTERS)}>
            {s.queue.clear}
          </button>
        )}
      </fieldset>

      {selectedShown.length > 0 && (
        <ReassignForm
          {...props}
          threadIds={selectedShown}
          onDone={(done) => {
            setSelected(new Set([...selected].filter((id) => !done.includes(id))));
            void load();
          }}
        />
      )}

      {model.rows.length === 0 ? (
        <div class="empty" data-testid="queue-empty">
          <p>{model.total === 0 ? s.queue.empty : s.queue.emptyFiltered}</p>
          {model.total > 0 && (
            <button type="button" class="button" onClick={() => setFilters(NO_FILTERS)}>
              {s.queue.clear}
            </button>
          )}
        </div>
      ) : (
        <table class="table queue" data-testid="queue">
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label={s.queue.selectAll}
                  checked={selectedShown.length === shownIds.length}
                  onChange={(e) => setSelected((e.currentTarget as HTMLInputElement).checked ? new Set(shownIds) : new Set())}
                />
              </th>
              <th>{s.queue.columns.prospect}</th>
              <th>{s.queue.columns.state}</th>
              <th>{s.queue.columns.owner}</th>
              <th>{s.queue.columns.category}</th>
              <th>{s.queue.columns.tags}</th>
              <th>{s.queue.columns.age}</th>
              <th>{s.queue.columns.sla}</th>
            </tr>
          </thead>
          <tbody>
            {model.rows.map((row) => (
              <tr key={row.id} data-thread={row.id} class={selected.has(row.id) ? 'selected' : ''}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={s.queue.select({ subject: row.subject || row.prospect })}
                    checked={selected.has(row.id)}
                    onChange={() => toggle(row.id)}
                  />
                </td>
                <td>
                  <a href={`#/threads/${row.id}`} onClick={() => notify(null)}>
                    {row.subject || row.prospect}
                  </a>
                  <div class="muted small">{row.prospect}</div>
                  {row.sequence && <div class="muted small">{row.sequence}</div>}
                </td>
                <td>
                  <span class={`badge badge-state-${row.state}`}>{row.stateText}</span>
                </td>
                <td data-testid="owner">{row.ownerText}</td>
                <td>{row.categoryText}</td>
                <td>
                  {row.tags.map((tag) => (
                    <span key={tag} class="chip">
                      {tag}
                    </span>
                  ))}
                </td>
                <td class="nowrap">{row.ageText && s.queue.age({ time: row.ageText })}</td>
                <td class={`nowrap sla sla-${row.sla.tone}`} data-testid="sla">
                  {row.sla.text}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
