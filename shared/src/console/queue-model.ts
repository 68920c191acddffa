// The console's queue as plain data: every waiting and open thread in the
// triage order, filtered, with its live SLA countdown and age. Pure: call
// again each tick with the new `now`.
import type { MemberSummary, QueueView, ThreadState } from '../api.ts';
import type { Category } from '../categories.ts';
import { type Locale, stringsFor } from '../sidebar/strings.ts';
import { duration, slaModel, type SlaModel } from '../sidebar/thread-view-model.ts';

type QueueItem = QueueView['open'][number];

export interface QueueFilters {
  /** A member's email, `none` for the triage queue, or `all`. */
  owner: string;
  category: Category | 'all';
  state: ThreadState | 'all';
  /** A sequence key, `none` for threads outside any sequence, or `all`. */
  sequence: string;
  overdue: boolean;
}

export const NO_FILTERS: QueueFilters = { owner: 'all', category: 'all', state: 'all', sequence: 'all', overdue: false };

export interface QueueRow {
  id: string;
  state: ThreadState;
  stateText: string;
  owner: string | null;
  ownerText: string;
  category: Category | null;
  categoryText: string;
  tags: string[];
  sequence: string | null;
  prospect: string;
  subject: string;
  ageText: string;
  sla: SlaModel;
  priority: number;
  explanation: string | null;
}

export interface QueueModel {
  rows: QueueRow[];
  total: number;
  options: { owners: MemberSummary[]; categories: Category[]; sequences: string[]; states: ThreadState[] };
}

/** Triage order across the three lists: priority, then the SLA due time (none last), then the oldest reply. */
export function triageOrder(a: QueueItem, b: QueueItem): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const due = (item: QueueItem) => (item.dueAt && !item.respondedAt ? Date.parse(item.dueAt) : Number.POSITIVE_INFINITY);
  if (due(a) !== due(b)) return due(a) - due(b);
  const replied = (item: QueueItem) => (item.lastReplyAt ? Date.parse(item.lastReplyAt) : Number.POSITIVE_INFINITY);
  return replied(a) - replied(b) || a.id.localeCompare(b.id);
}

export function queueModel(view: QueueView, filters: QueueFilters, context: { members: readonly MemberSummary[]; locale: Locale }, now: Date): QueueModel {
  const s = stringsFor(context.locale);
  const all = [...view.triage, ...view.needsHelp, ...view.open].sort(triageOrder);
  const rows = all.map((item): QueueRow => {
    const status = !item.respondedAt || !item.dueAt ? 'running' : Date.parse(item.respondedAt) <= Date.parse(item.dueAt) ? 'met' : 'breached';
    const sla = slaModel(item.dueAt ? { dueAt: item.dueAt, status, respondedAt: item.respondedAt, remainingBusinessMinutes: 0 } : null, now, context.locale);
    return {
      id: item.id,
      state: item.state,
      stateText: s.state[item.state],
      owner: item.owner,
      ownerText: item.owner ? (context.members.find((m) => m.email === item.owner)?.name ?? item.owner) : s.nobody,
      category: item.category,
      categoryText: item.category ? s.category[item.category] : '',
      tags: item.tags,
      sequence: item.sequence,
      prospect: item.prospect,
      subject: item.subject,
      ageText: item.lastReplyAt ? duration(Math.max(0, now.getTime() - Date.parse(item.lastReplyAt)), s, 'floor') : '',
      sla,
      priority: item.priority,
      explanation: item.explanation,
    };
  });
  const shown = rows.filter(
    (row) =>
      (filters.owner === 'all' || (filters.owner === 'none' ? row.owner === null : row.owner === filters.owner)) &&
      (filters.category === 'all' || row.category === filters.category) &&
      (filters.state === 'all' || row.state === filters.state) &&
      (filters.sequence === 'all' || (filters.sequence === 'none' ? row.sequence === null : row.sequence === filters.sequence)) &&
      (!filters.overdue || row.sla.tone === 'red'),
  );
  const distinct = <T>(values: Array<T | null>) => [...new Set(values.filter((v): v is T => v !== null))];
  return {
    rows: shown,
    total: rows.length,
    options: {
      owners: [...context.members],
      categories: distinct(rows.map((r) => r.category)).sort(),
      sequences: distinct(rows.map((r) => r.sequence)).sort(),
      states: distinct(rows.map((r) => r.state)),
    },
  };
}

/** The filters as a URL query (for the address bar), and back: a manager can share a filtered view. */
export function filtersToQuery(filters: QueueFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== NO_FILTERS[key as keyof QueueFilters]) params.set(key, String(value));
  return params.toString();
}

export function filtersFromQuery(query: string): QueueFilters {
  const params = new URLSearchParams(query);
  return {
    owner: params.get('owner') ?? 'all',
    category: (params.get('category') as Category | null) ?? 'all',
    state: (params.get('state') as ThreadState | null) ?? 'all',
    sequence: params.get('sequence') ?? 'all',
    overdue: params.get('overdue') === 'true',
  };
}
