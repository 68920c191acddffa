import { PolicyDocument } from '#shared/policy';
import { describe, expect, it } from 'vitest';
import type { ThreadFacts } from './metrics.ts';
import { metricsSeries, queueDepthByHour, queueStaysOf, weekStarts } from './series.ts';

const policy = PolicyDocument.parse({ timezone: 'Europe/Paris', members: [{ email: 'ava@acme.test', name: 'Ava' }] });
const at = (iso: string) => new Date(iso);

const thread = (over: Partial<ThreadFacts>): ThreadFacts => ({
  id: 't',
  state: 'assigned',
  owner: 'ava@acme.test',
  category: 'interested',
  sequence: null,
  rule: null,
  lastReplyAt: null,
  slaDueAt: null,
  firstResponseAt: null,
  outcome: null,
  handoffs: 0,
  reassignmentReasons: [],
  ...over,
});

describe('weeks and the queue over the day', () => {
  it('weeks start on Monday 00:00 in the org’s zone', () => {
    const weeks = weekStarts(at('2026-11-18T12:00:00Z'), at('2026-11-30T00:00:00Z'), 'Europe/Paris');
    // 00:00Z on the 30th is already 01:00 on Monday in Paris: that week overlaps the period too.
    expect(weeks.map((w) => w.toISOString())).toEqual(['2026-11-15T23:00:00.000Z', '2026-11-22T23:00:00.000Z', '2026-11-29T23:00:00.000Z']);
  });

  it('a thread is in the queue from the event that put it there to the one that took it out', () => {
    const stays = queueStaysOf([
      { at: at('2026-11-23T08:10:00Z'), toState: 'unassigned' },
      { at: at('2026-11-23T10:30:00Z'), toState: 'assigned' },
      { at: at('2026-11-23T12:00:00Z'), toState: 'unassigned' },
    ]);
    expect(stays).toEqual([
      { start: at('2026-11-23T08:10:00Z'), end: at('2026-11-23T10:30:00Z') },
      { start: at('2026-11-23T12:00:00Z'), end: null },
    ]);
  });

  it('samples the depth on each hour, as the mean and the largest per hour of the day', () => {
    const stays = [
      { start: at('2026-11-23T08:10:00Z'), end: at('2026-11-23T10:30:00Z') },
      { start: at('2026-11-23T09:00:00Z'), end: at('2026-11-23T10:00:00Z') },
      { start: at('2026-11-24T09:30:00Z'), end: null },
    ];
    const depth = queueDepthByHour(stays, at('2026-11-23T00:00:00Z'), at('2026-11-25T00:00:00Z'), 'UTC');
    // 09:00 on the 23rd: both; on the 24th: none yet. 10:00 on the 23rd: one (the other left on the hour); on the 24th: one.
    expect(depth[9]).toEqual({ hour: 9, mean: 1, max: 2 });
    expect(depth[10]).toEqual({ hour: 10, mean: 1, max: 1 });
    expect(depth[8]).toEqual({ hour: 8, mean: 0, max: 0 });
  });
});

describe('the metrics per week', () => {
  it('puts response times, SLA, meetings and owner changes in their weeks', () => {
    const view = metricsSeries({
      policy,
      threads: [
        thread({ lastReplyAt: at('2026-11-16T09:00:00Z'), firstResponseAt: at('2026-11-16T09:20:00Z'), slaDueAt: at('2026-11-16T10:00:00Z') }),
        thread({ lastReplyAt: at('2026-11-17T09:00:00Z'), firstResponseAt: at('2026-11-17T09:40:00Z'), outcome: 'meeting_booked' }),
        thread({ category: 'question', lastReplyAt: at('2026-11-24T09:00:00Z'), slaDueAt: at('2026-11-24T10:00:00Z') }),
      ],
      ownerChanges: [{ at: at('2026-11-24T11:00:00Z'), reason: 'SLA missed' }],
      queueStays: [],
      from: at('2026-11-16T00:00:00Z'),
      to: at('2026-11-29T23:00:00Z'),
      now: at('2026-11-25T00:00:00Z'),
    });
    expect(view.weeks).toHaveLength(2);
    expect(view.firstResponseByCategory.interested).toEqual([
      { medianMinutes: 20, p90Minutes: 40, replies: 2 },
      { medianMinutes: null, p90Minutes: null, replies: 0 },
    ]);
    expect(view.firstResponseByMember['ava@acme.test']![1]).toEqual({ medianMinutes: null, p90Minutes: null, replies: 1 });
    expect(view.sla).toEqual([
      { met: 1, breached: 0 },
      { met: 0, breached: 1 },
    ]);
    expect(view.meetings[0]).toEqual({ replies: 2, meetings: 1, per100Replies: 50 });
    expect(view.reassignments).toEqual([{ count: 0 }, { count: 1 }]);
    expect(view.reassignmentReasons).toEqual([{ reason: 'SLA missed', count: 1 }]);
  });
});
