import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { type Json, createTestTeam } from '../../../../test/support/test-team.ts';

describe.each(testDatabases)('the queue on $name', (database) => {
  const handle = useDatabase(database);

  it('sorts the triage queue by priority, then due time, then the oldest reply', async () => {
    const team = await createTestTeam({ db: handle.db, rlsRole: null });
    const question = await team.ingest({ from: { email: 'q@a.example' }, category: 'question' });
    team.clock.advance(1);
    const other = await team.ingest({ from: { email: 'o@b.example' }, category: 'other' });
    const interested = await team.ingest({ from: { email: 'i@c.example' }, category: 'interested', receivedAt: '2026-11-23T09:05:00Z' });
    const earlierInterested = await team.ingest({ from: { email: 'e@d.example' }, category: 'interested', receivedAt: '2026-11-23T08:30:00Z' });
    const queue = await team.as('maya@acme.test').get('/v1/queue');
    expect(queue.body.triage.map((t: { id: string }) => t.id)).toEqual([earlierInterested.body.id, interested.body.id, question.body.id, other.body.id]);
    expect(queue.body.triage[0]).toMatchObject({ category: 'interested', priority: 6, dueAt: '2026-11-23T09:30:00.000Z' });
  });

  it('a rep sees their own open threads, a manager sees everyone’s', async () => {
    const team = await createTestTeam({ db: handle.db, rlsRole: null });
    const a = await team.ingest({ from: { email: 'a@a.example' } });
    const b = await team.ingest({ from: { email: 'b@b.example' } });
    await team.as('ava@acme.test').post(`/v1/threads/${a.body.id}/claim`);
    await team.as('ben@acme.test').post(`/v1/threads/${b.body.id}/claim`);
    const ava = await team.as('ava@acme.test').get('/v1/queue');
    expect(ava.body.open.map((t: { owner: string }) => t.owner)).toEqual(['ava@acme.test']);
    const maya = await team.as('maya@acme.test').get('/v1/queue');
    expect(maya.body.open.map((t: { owner: string }) => t.owner).sort()).toEqual(['ava@acme.test', 'ben@acme.test']);
  });
});

describe('health and the API reference', () => {
  it('serves /healthz, the OpenAPI document with every contract path, and the reference page with local assets', async () => {
    const handle = await testDatabases[0]!.open();
    try {
      const team = await createTestTeam({ db: handle.db, rlsRole: null });
      expect((await team.app.request('/healthz')).status).toBe(200);
      const doc = (await (await team.app.request('/v1/openapi.json')).json()) as Json;
      const paths = Object.keys(doc.paths);
      for (const path of [
        '/v1/messages',
        '/v1/threads/lookup',
        '/v1/threads/{id}',
        '/v1/threads/{id}/claim',
        '/v1/threads/{id}/release',
        '/v1/threads/{id}/handoff',
        '/v1/threads/{id}/needs-help',
        '/v1/threads/{id}/tags',
        '/v1/threads/{id}/follow-up',
        '/v1/threads/{id}/resolve',
        '/v1/threads/{id}/reassign',
        '/v1/queue',
        '/v1/policy',
        '/v1/policy/simulate',
        '/v1/accounts',
        '/v1/leads',
      ]) {
        expect(paths).toContain(path);
      }
      expect(doc.paths['/v1/messages'].post.requestBody.content['application/json'].schema.properties.messageId).toBeDefined();
      const page = await (await team.app.request('/v1/reference')).text();
      expect(page).toContain('/v1/reference/swagger-ui-bundle.js');
      expect(page).not.toMatch(/https?:\/\/(?!127|localhost)/);
      const bundle = await team.app.request('/v1/reference/swagger-ui-bundle.js');
      expect(bundle.status).toBe(200);
      expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
      const unknown = await team.app.request('/v2/nothing');
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as Json).error.code).toBe('not_found');
    } finally {
      await handle.close();
    }
  });
});
