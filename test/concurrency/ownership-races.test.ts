// Races on one thread, many connections at once: on PostgreSQL (TEST_DATABASE_URL)
// these run truly in parallel; on PGlite they interleave in one process.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PolicyInput } from '#shared/policy';
import { replayLedger } from '../../backend/src/domain/ownership/state-machine.ts';
import { allEvents } from '../../backend/src/store/ledger.ts';
import { getThread } from '../../backend/src/store/threads.ts';
import { sql } from 'drizzle-orm';
import { testDatabases, useDatabase } from '../support/databases.ts';
import { createTestTeam, uniqueMessageId, type TestTeam } from '../support/test-team.ts';

const REPS = Array.from({ length: 50 }, (_, i) => `rep${i}@acme.test`);

const bigTeam = (): PolicyInput => ({
  members: [
    { email: 'maya@acme.test', name: 'Maya', role: 'manager' },
    { email: 'admin@acme.test', name: 'Alex', role: 'admin' },
    ...REPS.map((email, i) => ({ email, name: `Rep ${i}` })),
  ],
  rules: [{ name: 'Keep the thread with its owner', when: { thread: 'owned' }, to: 'thread_owner' }],
  fallback: 'triage',
});

const note = { context: 'c', whatHappened: 'w', tags: ['t'], keyFacts: { persona: 'p' }, nextStep: 'n' };

describe.each(testDatabases)('races on $name', (database) => {
  const handle = useDatabase(database, { poolSize: 50 });

  const ledgerAgrees = async (team: TestTeam, threadId: string) => {
    const scope = { db: handle.db, orgId: team.orgId };
    const thread = (await getThread(scope, threadId))!;
    const replayed = replayLedger(await allEvents(scope, threadId));
    expect(replayed.consistent).toBe(true);
    expect(replayed.owner).toBe(thread.owner);
    expect(replayed.state).toBe(thread.state);
  };

  it('of 50 simultaneous claims on one thread, exactly one wins and the others get 409 naming the winner', async () => {
    const team = await createTestTeam(handle, bigTeam());
    const thread = (await team.ingest({ from: { email: 'chris@northwind.com' } })).body;
    expect(thread.state).toBe('unassigned');
    const results = await Promise.all(REPS.map((rep) => team.as(rep).post(`/v1/threads/${thread.id}/claim`)));
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    const winner = winners[0]!.body.owner.email;
    const losers = results.filter((r) => r.status !== 200);
    expect(losers).toHaveLength(49);
    for (const loser of losers) {
      expect(loser.status).toBe(409);
      expect(loser.body.error.details.owner.email).toBe(winner);
    }
    await ledgerAgrees(team, thread.id);
  });

  it('the same message ingested 20 times at once gives one message, one thread and one assignment', async () => {
    const team = await createTestTeam(handle, bigTeam());
    const message = {
      messageId: uniqueMessageId(),
      direction: 'inbound',
      from: { email: 'sam@globex.com' },
      receivedAt: '2026-11-23T09:00:00Z',
      subject: 'Re: hello',
      text: 'Yes please',
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => team.as('admin@acme.test').post('/v1/messages', message)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(19);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const counts = await handle.db.execute(
      sql`select (select count(*) from messages where org_id = ${team.orgId})::int as messages,
                 (select count(*) from threads where org_id = ${team.orgId})::int as threads,
                 (select count(*) from thread_events where org_id = ${team.orgId})::int as events`,
    );
    const row = (Array.isArray(counts) ? counts[0] : (counts as { rows: unknown[] }).rows[0]) as { messages: number; threads: number; events: number };
    expect(row).toEqual({ messages: 1, threads: 1, events: 1 });
  });

  it('concurrent handoffs, claims, releases and reassignments never leave two owners or a ledger that disagrees', async () => {
    const team = await createTestTeam(handle, bigTeam());
    const threads = await Promise.all(Array.from({ length: 3 }, () => team.ingest({ from: { email: `p${Math.random()}@x.example` } })));
    const ids = threads.map((t) => t.body.id as string);
    const actions = fc.sample(
      fc.record({
        thread: fc.constantFrom(...ids),
        actor: fc.constantFrom(...REPS.slice(0, 6), 'maya@acme.test'),
        kind: fc.constantFrom('claim', 'release', 'handoff', 'needs-help', 'reassign'),
        to: fc.constantFrom(...REPS.slice(0, 6)),
      }),
      { numRuns: 120, seed: 42 },
    );
    for (let round = 0; round < 4; round++) {
      await Promise.all(
        actions.slice(round * 30, round * 30 + 30).map(({ thread, actor, kind, to }) => {
          const body =
            kind === 'handoff' ? { to, reason: 'race', note } : kind === 'reassign' ? { to, reason: 'race' } : kind === 'claim' ? {} : { reason: 'race' };
          return team
            .as(actor)
            .post(`/v1/threads/${thread}/${kind}`, body)
            .then((r) => expect([200, 400, 403, 409]).toContain(r.status));
        }),
      );
    }
    for (const id of ids) await ledgerAgrees(team, id);
  });
});
