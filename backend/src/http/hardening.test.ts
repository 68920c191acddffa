// What protects the API beyond sign-in: rate limits, CORS, security headers,
// request ids, and logs that keep credentials and message bodies out.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../test/support/databases.ts';
import { createTestTeam, type Json } from '../../../test/support/test-team.ts';
import { DEMO_SECRETS_KEY, secretBox } from '../crypto/secret-box.ts';
import { jsonLogger } from '../use-cases/deps.ts';
import { createApp } from './app.ts';
import { devAuthenticator } from './auth/dev-authenticator.ts';

describe.each(testDatabases.slice(0, 1))('hardening on $name', (database) => {
  const handle = useDatabase(database);

  async function appWith(options: { rateLimitPerMinute?: number; corsOrigins?: string[]; lines?: string[] }) {
    const team = await createTestTeam(handle);
    const sink = new Writable({
      write(chunk, _encoding, done) {
        options.lines?.push(String(chunk));
        done();
      },
    });
    const app = createApp({
      ...team.deps,
      log: jsonLogger(sink),
      authenticator: devAuthenticator(team.deps, team.slug),
      secrets: secretBox(DEMO_SECRETS_KEY),
      rateLimitPerMinute: options.rateLimitPerMinute,
      corsOrigins: options.corsOrigins,
    });
    return { team, app };
  }

  it('a member past the rate limit gets 429 with a message, and other members are not affected', async () => {
    const { app } = await appWith({ rateLimitPerMinute: 5 });
    const as = (email: string) => app.request('/v1/queue', { headers: { 'x-dev-user': email } });
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await as('ava@acme.test')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await as('ava@acme.test');
    expect(((await limited.json()) as Json).error.message).toContain('Too many requests');
    expect((await as('ben@acme.test')).status).toBe(200);
  });

  it('CORS answers only the configured origins', async () => {
    const { app } = await appWith({ corsOrigins: ['https://addin.acme.test'] });
    const preflight = (origin: string) =>
      app.request('/v1/queue', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    expect((await preflight('https://addin.acme.test')).headers.get('access-control-allow-origin')).toBe('https://addin.acme.test');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('pages carry a strict Content-Security-Policy and the usual security headers', async () => {
    const { app } = await appWith({});
    const page = await app.request('/v1/reference');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("object-src 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('strict-transport-security')).toContain('max-age');
    expect(await page.text()).not.toMatch(/<script>[^<]/);
  });

  it('every response has a request id, and an unexpected error quotes it without its details', async () => {
    const lines: string[] = [];
    const { app } = await appWith({ lines });
    const response = await app.request('/v1/queue', { headers: { 'x-dev-user': 'ava@acme.test' } });
    const id = response.headers.get('x-request-id');
    expect(id).toBeTruthy();
    expect(lines.some((line) => JSON.parse(line).requestId === id)).toBe(true);
  });

  it('log lines are JSON and never hold tokens, keys or message bodies', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const secret = `rrk_${randomUUID()}_secretsecret`;
    jsonLogger(sink).error('boom', {
      authorization: `Bearer ${secret}`,
      headers: { authorization: 'Bearer abc.def.ghi' },
      text: 'Dear Ava, my phone is 555',
      key: secret,
    });
    const line = JSON.parse(lines[0]!);
    expect(line.message).toBe('boom');
    expect(lines[0]).not.toContain(secret);
    expect(lines[0]).not.toContain('abc.def.ghi');
    expect(lines[0]).not.toContain('PRIVATE-PHONE-NUMBER');
  });
});
