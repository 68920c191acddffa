import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { createTestTeam, uniqueMessageId, type Json, type TestTeam } from '../../../../test/support/test-team.ts';

const message = () => ({ messageId: uniqueMessageId(), direction: 'inbound', from: { email: 'chris@northwind.com' }, receivedAt: '2026-11-23T09:00:00Z' });

async function withKey(team: TestTeam, key: string, path: string, body: unknown, method = 'POST') {
  const response = await team.app.request(path, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

function signed(team: TestTeam, keyId: string, secret: string, body: string, timestamp: number, signature?: string) {
  const sig = signature ?? `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  return team.app.request('/v1/webhooks/messages', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-reply-routing-key': keyId,
      'x-reply-routing-timestamp': String(timestamp),
      'x-reply-routing-signature': sig,
    },
    body,
  });
}

const secretOf = (key: string) => key.split('_').slice(2).join('_');
const nowSeconds = (team: TestTeam) => Math.floor(team.clock.now().getTime() / 1000);

describe.each(testDatabases)('API keys and signed webhooks on $name', (database) => {
  const handle = useDatabase(database);

  it('an admin creates a key, shown once; it ingests messages and nothing else', async () => {
    const team = await createTestTeam(handle);
    const created = await team.as('admin@acme.test').post('/v1/api-keys', { name: 'Outreach sync' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^rrk_[0-9a-f-]{36}_[A-Za-z0-9_-]{43}$/);
    expect(created.body.scopes).toEqual(['ingest']);
    const listed = await team.as('admin@acme.test').get('/v1/api-keys');
    expect(listed.body).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(secretOf(created.body.key));

    const ingested = await withKey(team, created.body.key, '/v1/messages', message());
    expect(ingested.status).toBe(201);
    const elsewhere = await withKey(team, created.body.key, '/v1/queue', undefined, 'GET');
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.message).toContain('may only ingest');
  });

  it('only an admin manages keys', async () => {
    const team = await createTestTeam(handle);
    expect((await team.as('maya@acme.test').post('/v1/api-keys', { name: 'x' })).status).toBe(403);
    expect((await team.as('ava@acme.test').get('/v1/api-keys')).status).toBe(403);
  });

  it('a revoked key stops at once; a rotated key keeps working until its overlap ends', async () => {
    const team = await createTestTeam(handle);
    const first = (await team.as('admin@acme.test').post('/v1/api-keys', { name: 'Apollo' })).body;
    const rotated = await team.as('admin@acme.test').post(`/v1/api-keys/${first.id}/rotate`, { overlapMinutes: 60 });
    expect(rotated.body.previous.expiresAt).toBe('2026-11-23T10:00:00.000Z');
    expect((await withKey(team, first.key, '/v1/messages', message())).status).toBe(201);
    expect((await withKey(team, rotated.body.next.key, '/v1/messages', message())).status).toBe(201);
    team.clock.advance(61);
    expect((await withKey(team, first.key, '/v1/messages', message())).status).toBe(401);
    expect((await withKey(team, rotated.body.next.key, '/v1/messages', message())).status).toBe(201);
    const revoke = await team.app.request(`/v1/api-keys/${rotated.body.next.id}`, {
      method: 'DELETE',
      headers: { 'x-dev-user': 'admin@acme.test', 'x-dev-org': team.slug },
    });
    expect(revoke.status).toBe(200);
    const refused = await withKey(team, rotated.body.next.key, '/v1/messages', message());
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toContain('not valid');
  });

  it('a mistyped key, or one with a right id and a wrong secret, is a 401', async () => {
    const team = await createTestTeam(handle);
    const key = (await team.as('admin@acme.test').post('/v1/api-keys', { name: 'x' })).body.key as string;
    expect((await withKey(team, key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'), '/v1/messages', message())).status).toBe(401);
    expect((await withKey(team, 'rrk_nonsense', '/v1/messages', message())).status).toBe(401);
  });

  it('a signed webhook is ingested once; a replay, a stale timestamp, a wrong signature or a tampered body are refused', async () => {
    const team = await createTestTeam(handle);
    const key = (await team.as('admin@acme.test').post('/v1/api-keys', { name: 'Sequencer' })).body;
    const body = JSON.stringify(message());
    const ts = nowSeconds(team);
    const accepted = await signed(team, key.id, secretOf(key.key), body, ts);
    expect(accepted.status).toBe(201);
    const threadId = ((await accepted.json()) as Json).threadId;
    expect((await team.as('maya@acme.test').get(`/v1/threads/${threadId}`)).status).toBe(200);

    const replay = await signed(team, key.id, secretOf(key.key), body, ts);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as Json).error.message).toContain('replayed');

    const stale = await signed(team, key.id, secretOf(key.key), JSON.stringify(message()), ts - 301);
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as Json).error.message).toContain('five minutes');

    const wrongSecret = await signed(team, key.id, 'not-the-secret', JSON.stringify(message()), ts);
    expect(wrongSecret.status).toBe(401);

    const original = JSON.stringify(message());
    const signature = `sha256=${createHmac('sha256', secretOf(key.key)).update(`${ts}.${original}`).digest('hex')}`;
    const tampered = await signed(team, key.id, secretOf(key.key), original.replace('chris@', 'eve@'), ts, signature);
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as Json).error.message).toContain('does not match');

    const unsigned = await team.app.request('/v1/webhooks/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: original });
    expect(unsigned.status).toBe(401);
  });

  it('a signed webhook with an invalid message is a 400 naming the field', async () => {
    const team = await createTestTeam(handle);
    const key = (await team.as('admin@acme.test').post('/v1/api-keys', { name: 'Sequencer' })).body;
    const response = await signed(team, key.id, secretOf(key.key), JSON.stringify({ ...message(), from: { email: 'nope' } }), nowSeconds(team));
    expect(response.status).toBe(400);
    expect(((await response.json()) as Json).error.details.issues[0].path).toBe('from.email');
  });
});
