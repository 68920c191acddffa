// Invariant 7: invalid input gets a 4xx that says what to fix, never a 5xx,
// and never leaves a partial write. Random bodies against every write endpoint.
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../support/databases.ts';
import { createTestTeam, type TestTeam } from '../support/test-team.ts';

const validMessage = {
  messageId: '<fuzz@prospects.example>',
  direction: 'inbound',
  from: { email: 'chris@northwind.com', name: 'Chris' },
  receivedAt: '2026-11-23T09:12:00Z',
  subject: 'Re: hi',
  text: 'hello',
};

/** A valid message with one field replaced by something random. */
const mutatedMessage = fc
  .record({ field: fc.constantFrom(...Object.keys(validMessage), 'references', 'lead', 'headers', 'category', 'to', 'mailbox'), value: fc.anything() })
  .map(({ field, value }) => ({ ...validMessage, messageId: `<fuzz-${Math.random()}@x.example>`, [field]: value }));

const anyBody = fc.oneof(fc.anything(), fc.json(), mutatedMessage);

describe.each(testDatabases)('bad input on $name', (database) => {
  const handle = useDatabase(database);

  const rowCounts = async (team: TestTeam) => {
    const result = await handle.db.execute(
      sql`select (select count(*) from messages where org_id = ${team.orgId})::int as m,
                 (select count(*) from thread_events where org_id = ${team.orgId})::int as e,
                 (select count(*) from policy_versions where org_id = ${team.orgId})::int as p,
                 (select count(*) from accounts where org_id = ${team.orgId})::int as a`,
    );
    return (Array.isArray(result) ? result[0] : (result as { rows: unknown[] }).rows[0]) as Record<string, number>;
  };

  it('random bodies on every write endpoint get a 2xx or a 4xx with a message, never a 5xx', async () => {
    const team = await createTestTeam(handle);
    const thread = (await team.ingest({ from: { email: 'p@unknown.example' } })).body;
    const paths = [
      '/v1/messages',
      `/v1/threads/${thread.id}/claim`,
      `/v1/threads/${thread.id}/release`,
      `/v1/threads/${thread.id}/handoff`,
      `/v1/threads/${thread.id}/needs-help`,
      `/v1/threads/${thread.id}/tags`,
      `/v1/threads/${thread.id}/follow-up`,
      `/v1/threads/${thread.id}/resolve`,
      `/v1/threads/${thread.id}/reassign`,
      '/v1/policy/simulate',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), anyBody, fc.constantFrom('maya@acme.test', 'ava@acme.test'), async (path, body, who) => {
        const response = await team.as(who).post(path, body === undefined ? null : body);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(response.body.error.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 300 },
    );
  });

  it('an invalid policy or CRM import leaves no trace', async () => {
    const team = await createTestTeam(handle);
    const before = await rowCounts(team);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.record({ members: fc.anything(), rules: fc.anything() })), async (body) => {
        const policy = await team.as('admin@acme.test').put('/v1/policy', body ?? null);
        expect(policy.status).toBe(400);
        const accounts = await team.as('maya@acme.test').put('/v1/accounts', [{ name: 'Ok Inc', domains: ['ok.example'] }, body ?? null]);
        expect(accounts.status).toBe(400);
      }),
      { numRuns: 150 },
    );
    expect(await rowCounts(team)).toEqual(before);
  });

  it('random bytes as CSV or YAML are answered with a 4xx', async () => {
    const team = await createTestTeam(handle);
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), fc.constantFrom('text/csv', 'application/yaml'), async (text, type) => {
        const path = type === 'text/csv' ? '/v1/leads' : '/v1/policy';
        const response = await team.as('maya@acme.test').put(path, text, type);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });
});

const TABLES = [
  'orgs',
  'policy_versions',
  'accounts',
  'leads',
  'threads',
  'messages',
  'thread_events',
  'pool_cursors',
  'api_keys',
  'webhook_deliveries',
  'member_identities',
];

describe.each(testDatabases)('every route under random input on $name', (database) => {
  const handle = useDatabase(database);

  /** A digest of every row of every table: equal before and after means nothing was written. */
  async function digest(): Promise<string> {
    const parts: string[] = [];
    for (const table of TABLES) {
      const result = await handle.db.execute(sql`select coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as d from ${sql.identifier(table)} t`);
      parts.push((Array.isArray(result) ? result[0] : (result as { rows: Array<{ d: string }> }).rows[0])!.d as string);
    }
    return parts.join(':');
  }

  const routes: Array<{ method: string; path: (thread: string, key: string) => string }> = [
    { method: 'POST', path: () => '/v1/messages' },
    { method: 'GET', path: () => '/v1/threads/lookup' },
    { method: 'GET', path: (t) => `/v1/threads/${t}` },
    ...['claim', 'release', 'handoff', 'needs-help', 'tags', 'follow-up', 'resolve', 'reassign'].map((action) => ({
      method: 'POST',
      path: (t: string) => `/v1/threads/${t}/${action}`,
    })),
    { method: 'GET', path: () => '/v1/queue' },
    { method: 'GET', path: () => '/v1/policy' },
    { method: 'PUT', path: () => '/v1/policy' },
    { method: 'POST', path: () => '/v1/policy/simulate' },
    { method: 'PUT', path: () => '/v1/accounts' },
    { method: 'PUT', path: () => '/v1/leads' },
    { method: 'GET', path: () => '/v1/api-keys' },
    { method: 'POST', path: () => '/v1/api-keys' },
    { method: 'DELETE', path: (_t, k) => `/v1/api-keys/${k}` },
    { method: 'POST', path: (_t, k) => `/v1/api-keys/${k}/rotate` },
    { method: 'GET', path: () => '/v1/org' },
    { method: 'PUT', path: () => '/v1/org' },
    { method: 'DELETE', path: (t) => `/v1/prospects/${t}` },
    { method: 'POST', path: () => '/v1/webhooks/messages' },
    { method: 'POST', path: () => '/v1/classify' },
    { method: 'POST', path: (t) => `/v1/threads/${t}/category` },
    { method: 'GET', path: () => '/v1/tasks' },
    { method: 'GET', path: () => '/v1/suppressions' },
    { method: 'POST', path: (t) => `/v1/members/${t}/absences` },
    { method: 'GET', path: () => '/v1/absences' },
    { method: 'DELETE', path: (t) => `/v1/absences/${t}` },
    { method: 'POST', path: () => '/v1/me/away' },
    { method: 'POST', path: () => '/v1/me/back' },
    { method: 'GET', path: () => '/v1/metrics' },
    { method: 'GET', path: () => '/v1/audit/weekly' },
    { method: 'POST', path: () => '/v1/policy/holidays' },
  ];

  it('never answers a 5xx, and a rejected request writes nothing', async () => {
    const team = await createTestTeam(handle);
    const thread = (await team.ingest({ from: { email: 'p@unknown.example' } })).body.id as string;
    const key = (await team.as('admin@acme.test').post('/v1/api-keys', { name: 'fuzz' })).body.id as string;
    const idish = fc.oneof(fc.constant(thread), fc.constant(key), fc.uuid(), fc.string({ maxLength: 40 }).map(encodeURIComponent));
    const query = fc.option(fc.dictionary(fc.constantFrom('messageId', 'gmailThreadId', 'conversationId', 'x'), fc.string({ maxLength: 30 })), {
      nil: undefined,
    });
    const headers = fc.record(
      {
        'content-type': fc.constantFrom(
          'application/json',
          'application/yaml',
          'text/csv',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
        ),
        'x-dev-user': fc.constantFrom('admin@acme.test', 'maya@acme.test', 'ava@acme.test', 'eve@evil.example', ''),
        'if-match': fc.string({ maxLength: 10 }),
        authorization: fc.constantFrom('Bearer rrk_x', 'Bearer a.b.c', 'Basic Zm9v'),
        'x-reply-routing-timestamp': fc.string({ maxLength: 12 }),
      },
      { requiredKeys: ['content-type', 'x-dev-user'] },
    );
    const body = fc.oneof(
      fc.json(),
      fc.string({ maxLength: 200 }),
      mutatedMessage.map((m) => JSON.stringify(m)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), idish, idish, query, headers, body, async (route, t, k, q, h, b) => {
        const before = await digest();
        const search = q ? `?${new URLSearchParams(q).toString()}` : '';
        const response = await team.app.request(`${route.path(t, k)}${search}`, {
          method: route.method,
          headers: { ...h, 'x-dev-org': team.slug },
          body: route.method === 'GET' ? undefined : b,
        });
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          const text = await response.text();
          expect(JSON.parse(text).error.message.length).toBeGreaterThan(5);
          expect(await digest()).toBe(before);
        }
      }),
      { numRuns: 250 },
    );
  });
});
