// SLA clocks that escalate by themselves: driven by an injected clock, never by sleeping.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sweepEscalations } from '../../backend/src/jobs/escalation-worker.ts';
import { replayLedger } from '../../backend/src/domain/ownership/state-machine.ts';
import { allEvents } from '../../backend/src/store/ledger.ts';
import { getThread } from '../../backend/src/store/threads.ts';
import { testDatabases, useDatabase } from '../support/databases.ts';
import { createTestTeam, uniqueMessageId } from '../support/test-team.ts';
import { resultRows as rows } from '../../backend/src/store/database.ts';

describe.each(testDatabases)('SLA escalations on $name', (database) => {
  const handle = useDatabase(database, { poolSize: 20 });

  it('a missed clock notifies the owner at the breach, then hands the thread to the backup with "SLA missed"', async () => {
    const team = await createTestTeam(handle);
    const reply = await team.ingest({ from: { email: 'a@globex.com' }, lead: { region: 'US-West' }, category: 'interested' });
    expect(reply.body.owner.email).toBe('ava@acme.test');
    expect(reply.body.sla).toMatchObject({ dueAt: '2026-11-23T10:00:00.000Z', status: 'running', remainingBusinessMinutes: 60 });

    team.clock.advance(59);
    await sweepEscalations(team.deps);
    expect((await team.as('maya@acme.test').get(`/v1/threads/${reply.body.id}`)).body.history[0].kind).toBe('routed');

    team.clock.advance(2);
    await sweepEscalations(team.deps);
    const breached = await team.as('maya@acme.test').get(`/v1/threads/${reply.body.id}`);
    expect(breached.body.sla.status).toBe('breached');
    expect(breached.body.history[0]).toMatchObject({ kind: 'escalated', by: 'sla', reason: 'SLA missed', to: 'ava@acme.test' });

    team.clock.advance(30);
    await sweepEscalations(team.deps);
    const reassigned = await team.as('maya@acme.test').get(`/v1/threads/${reply.body.id}`);
    expect(reassigned.body.owner.email).toBe('ben@acme.test');
    expect(reassigned.body.history[0]).toMatchObject({ kind: 'escalated', from: 'ava@acme.test', to: 'ben@acme.test', reason: 'SLA missed' });
    expect(reassigned.body.explanation).toBe('Ben owns it: the first-response clock ran out, so it went to the backup.');

    // No step left: further sweeps do nothing.
    team.clock.advance(600);
    await sweepEscalations(team.deps);
    const events = await allEvents({ db: handle.db, orgId: team.orgId }, reply.body.id);
    expect(events.filter((e) => e.kind === 'escalated')).toHaveLength(2);
    expect(replayLedger(events)).toMatchObject({ consistent: true, owner: 'ben@acme.test' });
    const notices = rows<{ kind: string }>(
      await handle.db.execute(sql`select kind from outbox where org_id = ${team.orgId} and kind in ('notify.owner', 'notify.manager') order by created_at`),
    ).map((r) => r.kind);
    expect(notices).toEqual(['notify.owner', 'notify.manager']);
  });

  it('a clock stopped by the owner’s first response, or a closed thread, never escalates', async () => {
    const team = await createTestTeam(handle);
    const replyId = uniqueMessageId();
    const answered = await team.ingest({ messageId: replyId, from: { email: 'jo@gmail.com' }, sequence: 'founders-q3', category: 'interested' });
    team.clock.advance(10);
    await team.ingest({ direction: 'outbound', from: { email: 'ben@acme.test' }, to: [{ email: 'jo@gmail.com' }], inReplyTo: replyId });
    const closed = await team.ingest({ from: { email: 'b@globex.com' }, lead: { region: 'US-West' }, category: 'interested' });
    await team.as('ava@acme.test').post(`/v1/threads/${closed.body.id}/resolve`, { outcome: 'meeting_booked' });
    team.clock.advance(24 * 60);
    await sweepEscalations(team.deps);
    for (const id of [answered.body.id, closed.body.id]) {
      const events = await allEvents({ db: handle.db, orgId: team.orgId }, id);
      expect(events.some((e) => e.kind === 'escalated')).toBe(false);
    }
  });

  it('two workers sweeping at once over 150 due clocks fire each step exactly once', async () => {
    const team = await createTestTeam(handle, {
      members: [
        { email: 'maya@acme.test', name: 'Maya', role: 'manager' },
        { email: 'admin@acme.test', name: 'Alex', role: 'admin' },
        { email: 'ava@acme.test', name: 'Ava' },
      ],
      rules: [{ name: 'All to Ava', to: { member: 'ava@acme.test' } }],
      sla: { question: '10m' },
      escalation: [{ after: 'breach', do: ['notify_owner'] }],
    });
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) ids.push((await team.ingest({ from: { email: `p${i}@corp.example` }, category: 'question' })).body.id);
    team.clock.advance(11);
    await Promise.all([sweepEscalations(team.deps), sweepEscalations(team.deps), sweepEscalations(team.deps)]);
    const n = rows<{ n: number }>(
      await handle.db.execute(sql`select count(*)::int as n from thread_events where org_id = ${team.orgId} and kind = 'escalated'`),
    )[0]!.n;
    expect(n).toBe(150);
    const thread = await getThread({ db: handle.db, orgId: team.orgId }, ids[0]!);
    expect(thread?.nextEscalationAt).toBeNull();
  });
});

describe.each(testDatabases)('owners who take no action on $name', (database) => {
  const handle = useDatabase(database);

  it('an owner who does nothing within absence.unresponsive_after loses the thread to their backup; one who acts keeps it', async () => {
    const team = await createTestTeam(handle, {
      members: [
        { email: 'maya@acme.test', name: 'Maya', role: 'manager' },
        { email: 'admin@acme.test', name: 'Alex', role: 'admin' },
        { email: 'ava@acme.test', name: 'Ava', backup: 'ben@acme.test' },
        { email: 'ben@acme.test', name: 'Ben' },
      ],
      rules: [{ name: 'All to Ava', to: { member: 'ava@acme.test' } }],
      absence: { unresponsive_after: '60m' },
      escalation: [],
    });
    const idle = await team.ingest({ from: { email: 'a@corp.example' }, category: 'question' });
    const busy = await team.ingest({ from: { email: 'b@corp.example' }, category: 'question' });
    team.clock.advance(30);
    await team.as('ava@acme.test').post(`/v1/threads/${busy.body.id}/tags`, { add: ['pricing'] });
    team.clock.advance(31);
    await sweepEscalations(team.deps);
    const moved = await team.as('maya@acme.test').get(`/v1/threads/${idle.body.id}`);
    expect(moved.body.owner.email).toBe('ben@acme.test');
    expect(moved.body.history[0]).toMatchObject({
      kind: 'reassigned',
      by: 'sla',
      reason: 'the owner took no action',
      from: 'ava@acme.test',
      to: 'ben@acme.test',
    });
    expect(moved.body.explanation).toBe('Ben owns it: Ava took no action in time, so it went to the backup.');
    expect((await team.as('maya@acme.test').get(`/v1/threads/${busy.body.id}`)).body.owner.email).toBe('ava@acme.test');
    const events = await allEvents({ db: handle.db, orgId: team.orgId }, idle.body.id);
    expect(replayLedger(events)).toMatchObject({ consistent: true, owner: 'ben@acme.test' });
  });
});

describe.each(testDatabases)('back from an absence on $name', (database) => {
  const handle = useDatabase(database);

  it('with absence.return: if_untouched, threads a stand-in has not answered go back to their owner; answered ones stay', async () => {
    const team = await createTestTeam(handle, {
      members: [
        { email: 'maya@acme.test', name: 'Maya', role: 'manager' },
        { email: 'admin@acme.test', name: 'Alex', role: 'admin' },
        { email: 'ava@acme.test', name: 'Ava', backup: 'ben@acme.test' },
        { email: 'ben@acme.test', name: 'Ben' },
      ],
      rules: [{ name: 'All to Ava', to: { member: 'ava@acme.test' } }],
      absence: { return: 'if_untouched' },
      escalation: [],
    });
    await team.as('ava@acme.test').post('/v1/me/away', {});
    const untouched = await team.ingest({ from: { email: 'a@corp.example' }, category: 'question' });
    const answeredId = uniqueMessageId();
    const answered = await team.ingest({ messageId: answeredId, from: { email: 'b@corp.example' }, category: 'question' });
    expect([untouched.body.owner.email, answered.body.owner.email]).toEqual(['ben@acme.test', 'ben@acme.test']);
    team.clock.advance(10);
    await team.ingest({ direction: 'outbound', from: { email: 'ben@acme.test' }, to: [{ email: 'b@corp.example' }], inReplyTo: answeredId });

    // Still away: nothing moves.
    await sweepEscalations(team.deps);
    expect((await team.as('maya@acme.test').get(`/v1/threads/${untouched.body.id}`)).body.owner.email).toBe('ben@acme.test');

    await team.as('ava@acme.test').post('/v1/me/back');
    await sweepEscalations(team.deps);
    const back = await team.as('maya@acme.test').get(`/v1/threads/${untouched.body.id}`);
    expect(back.body.owner.email).toBe('ava@acme.test');
    expect(back.body.history[0]).toMatchObject({ kind: 'reassigned', by: 'sla', reason: 'back from absence', from: 'ben@acme.test', to: 'ava@acme.test' });
    expect((await team.as('maya@acme.test').get(`/v1/threads/${answered.body.id}`)).body.owner.email).toBe('ben@acme.test');
    expect(replayLedger(await allEvents({ db: handle.db, orgId: team.orgId }, untouched.body.id))).toMatchObject({ consistent: true, owner: 'ava@acme.test' });
  });
});
