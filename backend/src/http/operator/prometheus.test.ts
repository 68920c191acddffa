import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { createTestTeam } from '../../../../test/support/test-team.ts';
import { DEMO_SECRETS_KEY, secretBox } from '../../crypto/secret-box.ts';
import { createApp } from '../app.ts';
import { devAuthenticator } from '../auth/dev-authenticator.ts';

describe.each(testDatabases)('the operator’s /metrics on $name', (database) => {
  const handle = useDatabase(database);

  it('exposes request counts and latency, the queue depth and the outbox backlog in the Prometheus format', async () => {
    const team = await createTestTeam(handle);
    await team.ingest({ from: { email: 'q@unknown.example' }, category: 'question' });
    await team.as('maya@acme.test').get('/v1/queue');
    const text = await (await team.app.request('/metrics')).text();
    expect(text).toMatch(/^# TYPE rr_http_requests_total counter$/m);
    expect(text).toMatch(/^rr_http_requests_total\{method="GET",status="2xx"\} \d+$/m);
    expect(text).toMatch(/^rr_http_request_duration_seconds_bucket\{le="0.05",method="POST"\} \d+$/m);
    const queue = Number(/^rr_queue_depth (\d+)$/m.exec(text)?.[1]);
    expect(queue).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^rr_outbox_backlog \d+$/m);
  });

  it('asks for the operator token when one is set', async () => {
    const team = await createTestTeam(handle);
    const app = createApp({
      ...team.deps,
      authenticator: devAuthenticator(team.deps, team.slug),
      secrets: secretBox(DEMO_SECRETS_KEY),
      operatorToken: 't'.repeat(40),
    });
    expect((await app.request('/metrics')).status).toBe(401);
    expect((await app.request('/metrics', { headers: { authorization: `Bearer ${'t'.repeat(40)}` } })).status).toBe(200);
  });
});
