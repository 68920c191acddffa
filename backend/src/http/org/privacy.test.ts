// Retention of message text and erasure of a prospect: personal data goes,
// the ledger stays (anonymised) and still replays to the thread's state.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { createTestTeam, uniqueMessageId, type TestTeam } from '../../../../test/support/test-team.ts';
import { replayLedger } from '../../domain/ownership/state-machine.ts';
import { allEvents } from '../../store/ledger.ts';
import { getThread } from '../../store/threads.ts';
import { purgeExpiredBodies } from '../../use-cases/privacy.ts';
import { resultRows as rows } from '../../store/database.ts';

describe.each(testDatabases)('privacy on $name', (database) => {
  const handle = useDatabase(database);

  /** Everything the org keeps, as one text, to search for what must be gone. */
  async function everything(team: TestTeam): Promise<string> {
    const parts: string[] = [];
    for (const table of ['messages', 'threads', 'thread_events', 'leads']) {
      const result = await handle.db.execute(sql`select coalesce(json_agg(t)::text, '') as dump from ${sql.identifier(table)} t where org_id = ${team.orgId}`);
      parts.push(rows<{ dump: string }>(result)[0]!.dump);
    }
    return parts.join('\n');
  }

  it('message text older than the retention goes; the thread, its ledger and newer text stay', async () => {
    const team = await createTestTeam(handle);
    const old = await team.ingest({ from: { email: 'old@unknown.example' }, text: 'My direct line is 555-0100', receivedAt: '2026-08-01T09:00:00Z' });
    const recent = await team.ingest({ from: { email: 'new@unknown.example' }, text: 'Call me on Friday', receivedAt: '2026-11-20T09:00:00Z' });
    const purged = await purgeExpiredBodies(team.deps, team.clock.now());
    expect(purged[team.orgId]).toBe(1);
    const dump = await everything(team);
    expect(dump).not.toContain('555-0100');
    expect(dump).toContain('Call me on Friday');
    expect((await team.as('maya@acme.test').get(`/v1/threads/${old.body.id}`)).body.history).toHaveLength(1);

    const shorter = await team.as('admin@acme.test').put('/v1/org', { retentionDays: 2 });
    expect(shorter.body.retentionDays).toBe(2);
    await purgeExpiredBodies(team.deps, team.clock.now());
    expect(await everything(team)).not.toContain('Call me on Friday');
    expect((await team.as('maya@acme.test').get(`/v1/threads/${recent.body.id}`)).status).toBe(200);
  });

  it('only an admin changes the retention, and it must be at least a day', async () => {
    const team = await createTestTeam(handle);
    expect((await team.as('maya@acme.test').put('/v1/org', { retentionDays: 30 })).status).toBe(403);
    const zero = await team.as('admin@acme.test').put('/v1/org', { retentionDays: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.error.details.issues[0].path).toBe('retentionDays');
    expect((await team.as('ava@acme.test').get('/v1/org')).body.retentionDays).toBe(90);
  });

  it('erasing a prospect removes their address, name and words everywhere, keeps the anonymised ledger, and is idempotent', async () => {
    const team = await createTestTeam(handle);
    await team.as('maya@acme.test').put('/v1/leads', [{ email: 'chris@northwind.com', name: 'Chris Doe', owner: 'ben@acme.test' }]);
    const replyId = uniqueMessageId();
    const reply = await team.ingest({
      messageId: replyId,
      from: { email: 'chris@northwind.com', name: 'Chris Doe' },
      text: 'I live at 12 Rose Street',
      subject: 'Re: Chris here',
    });
    await team.as('ava@acme.test').post(`/v1/threads/${reply.body.id}/claim`);
    await team.ingest({
      direction: 'outbound',
      from: { email: 'ava@acme.test' },
      to: [{ email: 'chris@northwind.com', name: 'Chris Doe' }],
      inReplyTo: replyId,
      text: 'Thanks Chris',
    });
    const eventsBefore = (await allEvents({ db: handle.db, orgId: team.orgId }, reply.body.id)).length;

    const erased = await team.app.request('/v1/prospects/Chris%40northwind.com', {
      method: 'DELETE',
      headers: { 'x-dev-user': 'admin@acme.test', 'x-dev-org': team.slug },
    });
    expect(erased.status).toBe(200);
    const counts = (await erased.json()) as Record<string, unknown>;
    expect(counts).toMatchObject({ messages: 2, threads: 1, leads: 1 });
    expect(counts.pseudonym).toMatch(/^erased-[0-9a-f]{16}@erased\.invalid$/);

    const dump = await everything(team);
    for (const gone of ['chris@northwind.com', 'Chris Doe', '12 Rose Street', 'Thanks Chris']) expect(dump).not.toContain(gone);
    const scope = { db: handle.db, orgId: team.orgId };
    const events = await allEvents(scope, reply.body.id);
    expect(events).toHaveLength(eventsBefore);
    const replayed = replayLedger(events);
    expect(replayed.consistent).toBe(true);
    expect(replayed.owner).toBe((await getThread(scope, reply.body.id))!.owner);
    const view = await team.as('ava@acme.test').get(`/v1/threads/${reply.body.id}`);
    expect(view.body.prospect).toEqual({ email: counts.pseudonym, name: null });

    const again = await team.app.request('/v1/prospects/chris%40northwind.com', {
      method: 'DELETE',
      headers: { 'x-dev-user': 'admin@acme.test', 'x-dev-org': team.slug },
    });
    expect(await again.json()).toMatchObject({ messages: 0, threads: 0, leads: 0 });
  });

  it('only an admin erases, and the address must be an address', async () => {
    const team = await createTestTeam(handle);
    const request = (who: string, email: string) =>
      team.app.request(`/v1/prospects/${email}`, { method: 'DELETE', headers: { 'x-dev-user': who, 'x-dev-org': team.slug } });
    expect((await request('maya@acme.test', 'a%40b.example')).status).toBe(403);
    expect((await request('admin@acme.test', 'not-an-address')).status).toBe(400);
  });

  it('the ledger refuses any other rewrite', async () => {
    const team = await createTestTeam(handle);
    const reply = await team.ingest({ from: { email: 'x@unknown.example' } });
    const attempt = await handle.db
      .execute(sql`update thread_events set to_owner = 'eve@evil.example' where thread_id = ${reply.body.id}`)
      .catch((error: Error & { cause?: Error }) => error.cause?.message ?? error.message);
    expect(String(attempt)).toContain('append-only');
  });
});
