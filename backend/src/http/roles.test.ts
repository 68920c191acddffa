// Every route × role × own or other org: the status each caller gets.
import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../test/support/databases.ts';
import { basePolicy, createTestTeam, uniqueMessageId, type TestTeam } from '../../../test/support/test-team.ts';

type Who = 'owner' | 'rep' | 'manager' | 'admin';
const EMAIL: Record<Who, string> = { owner: 'ava@acme.test', rep: 'ben@acme.test', manager: 'maya@acme.test', admin: 'admin@acme.test' };

const note = { context: 'c', whatHappened: 'w', tags: ['t'], keyFacts: { persona: 'p' }, nextStep: 'n' };

interface RouteCase {
  route: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path for a thread Ava owns. */
  path: (threadId: string) => string;
  body?: unknown;
  expected: Record<Who, number>;
  /** Whether the route names a thread (another org's caller gets 404). */
  thread: boolean;
}

const ALL_OK = { owner: 200, rep: 200, manager: 200, admin: 200 };
const OWNER_OR_MANAGER = { owner: 200, rep: 403, manager: 200, admin: 200 };
const OWNER_ONLY = { owner: 200, rep: 403, manager: 403, admin: 403 };
const MANAGER = { owner: 403, rep: 403, manager: 200, admin: 200 };
const ADMIN = { owner: 403, rep: 403, manager: 403, admin: 200 };

const cases: RouteCase[] = [
  { route: 'GET /v1/threads/:id', method: 'GET', path: (id) => `/v1/threads/${id}`, expected: ALL_OK, thread: true },
  {
    route: 'POST /v1/threads/:id/release',
    method: 'POST',
    path: (id) => `/v1/threads/${id}/release`,
    body: { reason: 'r' },
    expected: OWNER_ONLY,
    thread: true,
  },
  {
    route: 'POST /v1/threads/:id/handoff',
    method: 'POST',
    path: (id) => `/v1/threads/${id}/handoff`,
    body: { to: 'cam@acme.test', reason: 'r', note },
    expected: OWNER_OR_MANAGER,
    thread: true,
  },
  {
    route: 'POST /v1/threads/:id/needs-help',
    method: 'POST',
    path: (id) => `/v1/threads/${id}/needs-help`,
    body: { reason: 'r' },
    expected: OWNER_ONLY,
    thread: true,
  },
  {
    route: 'POST /v1/threads/:id/tags',
    method: 'POST',
    path: (id) => `/v1/threads/${id}/tags`,
    body: { add: ['x'] },
    expected: OWNER_OR_MANAGER,
    thread: true,
  },
  {
    route: 'POST /v1/threads/:id/follow-up',
    method: 'POST',
    path: (id) => `/v1/threads/${id}/follow-up`,
    body: { at: '2026-12-01T09:00:00Z' },
    expected: OWNER_OR_MANAGER,
    thread: true,
  },
  {
    route: 'POST /v1/threads/:id/resolve',
    method: 'POST',
    path: (id) => `/v1/threads/${id}/resolve`,
    body: { outcome: 'meeting_booked' },
    expected: OWNER_OR_MANAGER,
    thread: true,
  },
  {
    route: 'POST /v1/threads/:id/reassign',
    method: 'POST',
    path: (id) => `/v1/threads/${id}/reassign`,
    body: { to: 'cam@acme.test', reason: 'r' },
    expected: MANAGER,
    thread: true,
  },
  // Claiming a thread someone else holds is a 409 for everyone else; the owner's own claim too.
  {
    route: 'POST /v1/threads/:id/claim',
    method: 'POST',
    path: (id) => `/v1/threads/${id}/claim`,
    body: {},
    expected: { owner: 409, rep: 409, manager: 409, admin: 409 },
    thread: true,
  },
  { route: 'GET /v1/queue', method: 'GET', path: () => '/v1/queue', expected: ALL_OK, thread: false },
  { route: 'GET /v1/policy', method: 'GET', path: () => '/v1/policy', expected: ALL_OK, thread: false },
  { route: 'PUT /v1/policy', method: 'PUT', path: () => '/v1/policy', body: basePolicy(), expected: ADMIN, thread: false },
  {
    route: 'POST /v1/policy/simulate',
    method: 'POST',
    path: () => '/v1/policy/simulate',
    body: { policy: basePolicy(), last: 3 },
    expected: MANAGER,
    thread: false,
  },
  {
    route: 'PUT /v1/accounts',
    method: 'PUT',
    path: () => '/v1/accounts',
    body: [{ name: 'Globex', domains: ['globex.com'] }],
    expected: MANAGER,
    thread: false,
  },
  { route: 'PUT /v1/leads', method: 'PUT', path: () => '/v1/leads', body: [{ email: 'l@globex.com' }], expected: MANAGER, thread: false },
  { route: 'GET /v1/api-keys', method: 'GET', path: () => '/v1/api-keys', expected: ADMIN, thread: false },
  { route: 'POST /v1/api-keys', method: 'POST', path: () => '/v1/api-keys', body: { name: 'sync' }, expected: { ...ADMIN, admin: 201 }, thread: false },
  { route: 'GET /v1/org', method: 'GET', path: () => '/v1/org', expected: ALL_OK, thread: false },
  { route: 'PUT /v1/org', method: 'PUT', path: () => '/v1/org', body: { retentionDays: 30 }, expected: ADMIN, thread: false },
  { route: 'DELETE /v1/prospects/:email', method: 'DELETE', path: () => '/v1/prospects/someone%40prospect.example', expected: ADMIN, thread: false },
];

describe.each(testDatabases)('roles on every route on $name', (database) => {
  const handle = useDatabase(database);

  /** A fresh thread of `team` that Ava owns. */
  async function avasThread(team: TestTeam): Promise<string> {
    const messageId = uniqueMessageId();
    const thread = (await team.ingest({ messageId, from: { email: `p${Math.random()}@unknown.example` } })).body;
    expect((await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/claim`)).status).toBe(200);
    return thread.id;
  }

  const request = (team: TestTeam, who: string, c: RouteCase, id: string) => {
    const client = team.as(who);
    if (c.method === 'GET') return client.get(c.path(id));
    if (c.method === 'DELETE') return client.delete(c.path(id));
    return c.method === 'POST' ? client.post(c.path(id), c.body) : client.put(c.path(id), c.body);
  };

  it.each(cases)('$route', async (c) => {
    const team = await createTestTeam(handle);
    const other = await createTestTeam(handle);
    for (const who of Object.keys(EMAIL) as Who[]) {
      const id = await avasThread(team);
      const response = await request(team, EMAIL[who], c, id);
      expect({ who, status: response.status }).toEqual({ who, status: c.expected[who] });
      if (c.thread) {
        // The same member of another org: the thread does not exist for them.
        const outsider = await request(other, EMAIL[who], c, await avasThread(team));
        expect({ who, outsider: outsider.status }).toEqual({ who, outsider: 404 });
      }
    }
  });

  it('ingestion and lookups are open to every member of the org', async () => {
    const team = await createTestTeam(handle);
    for (const who of Object.values(EMAIL)) {
      const messageId = uniqueMessageId();
      const created = await team
        .as(who)
        .post('/v1/messages', { messageId, direction: 'inbound', from: { email: 'x@y.example' }, receivedAt: '2026-11-23T09:00:00Z' });
      expect(created.status).toBe(201);
      expect((await team.as(who).get(`/v1/threads/lookup?messageId=${encodeURIComponent(messageId)}`)).status).toBe(200);
    }
  });
});
