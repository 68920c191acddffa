import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { type Json, basePolicy, createTestTeam, uniqueMessageId } from '../../../../test/support/test-team.ts';

describe.each(testDatabases)('POST /v1/messages on $name', (database) => {
  const handle = useDatabase(database);

  const count = async (table: string, orgId: string) => {
    const result = await handle.db.execute(sql.raw(`select count(*)::int as n from ${table} where org_id = '${orgId}'`));
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{ n: number }>;
    return rows[0]!.n;
  };

  it('routes a new reply at once and says why, with 201', async () => {
    const team = await createTestTeam(handle);
    await team.as('maya@acme.test').put('/v1/accounts', [{ name: 'Northwind Inc', domains: ['northwind.com'], crmId: 'A1', owner: 'ava@acme.test' }]);
    const response = await team.ingest({ from: { email: 'chris@northwind.com', name: 'Chris Doe' }, category: 'interested' });
    expect(response.status).toBe(201);
    expect(response.body.state).toBe('assigned');
    expect(response.body.owner).toEqual({ email: 'ava@acme.test', name: 'Ava' });
    expect(response.body.explanation).toContain("northwind.com matches the account Northwind Inc, owned by Ava (rule 'Account owner first')");
    expect(response.body.account).toEqual({ name: 'Northwind Inc', owner: 'ava@acme.test' });
    expect(response.body.history[0]).toMatchObject({ kind: 'routed', by: 'routing', to: 'ava@acme.test', rule: 'Account owner first', policyVersion: 1 });
    expect(response.body.sla).toMatchObject({ status: 'running', dueAt: '2026-11-23T10:00:00.000Z' });
  });

  it('is idempotent on the Message-ID: the same message again is 200 and writes nothing', async () => {
    const team = await createTestTeam(handle);
    const messageId = uniqueMessageId();
    const first = await team.ingest({ messageId, from: { email: 'sam@globex.com' } });
    // Same id in another spelling: brackets and the domain's case do not count.
    const again = await team.ingest({ messageId: messageId.slice(1, -1).replace('prospects.example', 'PROSPECTS.example'), from: { email: 'sam@globex.com' } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await count('messages', team.orgId)).toBe(1);
    expect(await count('thread_events', team.orgId)).toBe(1);
  });

  it('joins a reply to its thread by In-Reply-To and keeps it with the owner', async () => {
    const team = await createTestTeam(handle);
    const sent = uniqueMessageId();
    const outbound = await team.ingest({
      messageId: sent,
      direction: 'outbound',
      from: { email: 'ben@acme.test' },
      to: [{ email: 'lee@initech.com' }],
      sequence: 'founders-q3',
    });
    expect(outbound.status).toBe(201);
    expect(outbound.body.state).toBe('waiting');
    const reply = await team.ingest({ inReplyTo: sent, references: [sent], from: { email: 'lee@initech.com' }, category: 'question' });
    expect(reply.body.id).toBe(outbound.body.id);
    expect(reply.body.owner.email).toBe('ben@acme.test');
    await team
      .as('cam@acme.test')
      .post(`/v1/threads/${reply.body.id}/claim`)
      .then((r) => expect(r.status).toBe(409));
    team.clock.advance(5);
    const second = await team.ingest({ inReplyTo: uniqueMessageId(), references: [sent], from: { email: 'lee@initech.com' }, category: 'interested' });
    expect(second.body.id).toBe(reply.body.id);
    expect(second.body.owner.email).toBe('ben@acme.test');
    expect(second.body.explanation).toContain("rule 'Keep the thread with its owner'");
  });

  it("records the owner's first outbound message after a reply as the first response", async () => {
    const team = await createTestTeam(handle);
    const replyId = uniqueMessageId();
    const reply = await team.ingest({ messageId: replyId, from: { email: 'jo@gmail.com' }, sequence: 'founders-q3', category: 'interested' });
    team.clock.advance(20);
    const answer = (from: string) =>
      team.ingest({
        direction: 'outbound',
        from: { email: from },
        to: [{ email: 'jo@gmail.com' }],
        inReplyTo: replyId,
        references: [replyId],
        receivedAt: team.clock.now().toISOString(),
      });
    // A teammate's message is not the owner's response.
    expect((await answer('cam@acme.test')).body.sla.respondedAt).toBeNull();
    const answered = await answer('ben@acme.test');
    expect(answered.body.id).toBe(reply.body.id);
    expect(answered.body.sla).toEqual({
      dueAt: '2026-11-23T10:00:00.000Z',
      status: 'met',
      respondedAt: '2026-11-23T09:20:00.000Z',
      remainingBusinessMinutes: 0,
    });
  });

  it('a reply on a thread whose owner went on leave goes to their backup, never to the absent owner', async () => {
    const team = await createTestTeam(handle);
    const first = await team.ingest({ messageId: '<leave-1@x.example>', from: { email: 'jo@gmail.com' }, sequence: 'founders-q3' });
    await team.as('ben@acme.test').post(`/v1/threads/${first.body.id}/release`, { reason: 'swap' });
    await team.as('ava@acme.test').post(`/v1/threads/${first.body.id}/claim`);
    const policy = basePolicy();
    policy.members = policy.members.map((m) => (m.email === 'ava@acme.test' ? { ...m, active: false } : m));
    expect((await team.as('admin@acme.test').put('/v1/policy', policy)).status).toBe(200);
    team.clock.advance(60);
    const reply = await team.ingest({ inReplyTo: '<leave-1@x.example>', from: { email: 'jo@gmail.com' }, category: 'interested' });
    expect(reply.body.owner.email).toBe('ben@acme.test');
    expect(reply.body.explanation).toContain('Ava is on leave, so their backup Ben takes it');
  });

  it('uses Gmail and Outlook ids only as hints, for the same prospect', async () => {
    const team = await createTestTeam(handle);
    const first = await team.ingest({ from: { email: 'jo@gmail.com' }, gmailThreadId: 'g-1', conversationId: 'c-1', sequence: 'founders-q3' });
    const sameProspect = await team.ingest({ from: { email: 'jo@gmail.com' }, gmailThreadId: 'g-1' });
    const otherProspect = await team.ingest({ from: { email: 'kim@gmail.com' }, gmailThreadId: 'g-1' });
    expect(sameProspect.body.id).toBe(first.body.id);
    expect(otherProspect.body.id).not.toBe(first.body.id);
    const byConversation = await team.as('ben@acme.test').get('/v1/threads/lookup?conversationId=c-1');
    expect(byConversation.body.id).toBe(first.body.id);
  });

  it('rejects invalid input with 400 naming each field, and writes nothing', async () => {
    const team = await createTestTeam(handle);
    const response = await team.as('ava@acme.test').post('/v1/messages', {
      messageId: 'not a message id',
      direction: 'sideways',
      from: { email: 'nope' },
      receivedAt: 'yesterday',
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_input');
    const paths = response.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['messageId', 'direction', 'from.email', 'receivedAt']));
    expect(await count('messages', team.orgId)).toBe(0);
    expect(await count('threads', team.orgId)).toBe(0);
  });

  it('answers malformed JSON and a wrong content type with a 4xx that says what to send', async () => {
    const team = await createTestTeam(handle);
    const badJson = await team.app.request('/v1/messages', {
      method: 'POST',
      headers: { 'x-dev-user': 'ava@acme.test', 'x-dev-org': team.slug, 'content-type': 'application/json' },
      body: '{"messageId": ',
    });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as Json).error.message).toMatch(/not valid JSON/);
    const wrongType = await team.app.request('/v1/messages', {
      method: 'POST',
      headers: { 'x-dev-user': 'ava@acme.test', 'x-dev-org': team.slug, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(wrongType.status).toBe(415);
    expect(((await wrongType.json()) as Json).error.message).toMatch(/application\/json/);
  });

  it('a bounce placed by a `none` rule waits with no owner, and is not in the triage queue', async () => {
    const team = await createTestTeam(handle);
    const response = await team.ingest({ from: { email: 'mailer-daemon@mx.example.com' }, category: 'bounce' });
    expect(response.body.state).toBe('waiting');
    expect(response.body.owner).toBeNull();
    const queue = await team.as('maya@acme.test').get('/v1/queue');
    expect(queue.body.triage.map((t: { id: string }) => t.id)).not.toContain(response.body.id);
  });

  it('a reply no rule can place waits in the triage queue, claimable', async () => {
    const team = await createTestTeam(handle);
    const response = await team.ingest({ from: { email: 'riley@unknownco.example' }, category: 'question' });
    expect(response.body.state).toBe('unassigned');
    expect(response.body.owner).toBeNull();
    expect(response.body.allowedActions).toContain('claim');
    const queue = await team.as('ava@acme.test').get('/v1/queue');
    expect(queue.body.triage.map((t: { id: string }) => t.id)).toContain(response.body.id);
  });
});
