import { describe, expect, it } from 'vitest';
import type { QueueView } from '../api.ts';
import { NO_FILTERS, filtersFromQuery, filtersToQuery, queueModel } from './queue-model.ts';
import { mondayOf, weekGrid } from './week-calendar.ts';

const members = [
  { email: 'ava@acme.test', name: 'Ava', role: 'rep' as const },
  { email: 'ben@acme.test', name: 'Ben', role: 'rep' as const },
];
type Item = QueueView['open'][number];
const item = (over: Partial<Item>): Item => ({
  id: 'x',
  state: 'assigned',
  owner: 'ava@acme.test',
  category: 'question',
  priority: 5,
  prospect: 'p@x.example',
  subject: 'Re: hi',
  lastReplyAt: '2026-11-23T09:00:00Z',
  dueAt: null,
  respondedAt: null,
  explanation: null,
  tags: [],
  sequence: null,
  ...over,
});
const now = new Date('2026-11-23T10:00:00Z');

describe('the console’s queue', () => {
  const view: QueueView = {
    triage: [item({ id: 'triage', state: 'unassigned', owner: null, priority: 5, dueAt: '2026-11-23T11:00:00Z' })],
    needsHelp: [],
    open: [
      item({ id: 'late', priority: 5, dueAt: '2026-11-23T09:30:00Z', sequence: 'founders-q3' }),
      item({ id: 'optout', category: 'unsubscribe', priority: 9, owner: 'ben@acme.test' }),
      item({ id: 'answered', priority: 5, dueAt: '2026-11-23T09:10:00Z', respondedAt: '2026-11-23T09:05:00Z' }),
    ],
  };

  it('merges the lists in triage order: priority, then the running clock due first', () => {
    const model = queueModel(view, NO_FILTERS, { members, locale: 'en' }, now);
    expect(model.rows.map((r) => r.id)).toEqual(['optout', 'late', 'triage', 'answered']);
    expect(model.rows[1]!.sla).toMatchObject({ tone: 'red', text: 'overdue by 30 min' });
    expect(model.rows[2]).toMatchObject({ ownerText: 'Nobody yet', ageText: '1 h', sla: { tone: 'ok', text: 'due in 1 h' } });
    expect(model.rows[3]!.sla.tone).toBe('met');
  });

  it('filters by owner, category, state, sequence and overdue, and keeps the filters in the address', () => {
    const only = (filters: Partial<typeof NO_FILTERS>) => queueModel(view, { ...NO_FILTERS, ...filters }, { members, locale: 'en' }, now).rows.map((r) => r.id);
    expect(only({ owner: 'none' })).toEqual(['triage']);
    expect(only({ owner: 'ben@acme.test' })).toEqual(['optout']);
    expect(only({ category: 'unsubscribe' })).toEqual(['optout']);
    expect(only({ state: 'unassigned' })).toEqual(['triage']);
    expect(only({ sequence: 'founders-q3' })).toEqual(['late']);
    expect(only({ sequence: 'none' })).toEqual(['optout', 'triage', 'answered']);
    expect(only({ overdue: true })).toEqual(['late']);
    const filters = { ...NO_FILTERS, owner: 'none', overdue: true };
    expect(filtersToQuery(filters)).toBe('owner=none&overdue=true');
    expect(filtersFromQuery(filtersToQuery(filters))).toEqual(filters);
  });

  it('speaks French', () => {
    expect(queueModel(view, NO_FILTERS, { members, locale: 'fr' }, now).rows[1]!.sla.text).toBe('en retard de 30 min');
  });
});

describe('the absences calendar', () => {
  it('places an absence on every day it touches, an open-ended one to the end of the week', () => {
    const monday = mondayOf(new Date(2026, 10, 25, 15, 0));
    expect(monday).toEqual(new Date(2026, 10, 23));
    const grid = weekGrid(
      ['ava@acme.test', 'ben@acme.test'],
      [
        {
          id: 'a',
          member: 'ava@acme.test',
          startsAt: new Date(2026, 10, 24, 12).toISOString(),
          endsAt: new Date(2026, 10, 26, 9).toISOString(),
          reason: 'pto',
        },
        { id: 'b', member: 'ben@acme.test', startsAt: new Date(2026, 10, 28, 8).toISOString(), endsAt: null, reason: 'sick' },
      ],
      monday,
    );
    expect(grid.get('ava@acme.test')!.map((c) => c.absences.length)).toEqual([0, 1, 1, 1, 0, 0, 0]);
    expect(grid.get('ben@acme.test')!.map((c) => c.absences.length)).toEqual([0, 0, 0, 0, 0, 1, 1]);
  });
});
