// The product as a user starts it: the real server process (what `npm start`
// runs), over real HTTP on loopback, with its embedded database on disk.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeIdentityProvider } from '../support/identity-provider.ts';
import type { Json } from '../support/test-team.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface Running {
  process: ChildProcess;
  base: string;
  output: () => string;
}

async function startServer(dataDir: string, port: number, databaseUrl = '', extraEnv: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'backend/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, AUTH_MODE: 'dev', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: databaseUrl, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { process: child, base, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become healthy: ${output}`);
}

const as = (email: string) => ({ 'x-dev-user': email, 'content-type': 'application/json' });

describe('the backend as `npm start` runs it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rr-e2e-'));
  const running: ChildProcess[] = [];
  afterAll(() => {
    for (const child of running) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on the demo team, routes a reply, resolves a claim race from two sessions, and keeps acknowledged writes across a kill -9', async () => {
    const port = await freePort();
    const first = await startServer(dataDir, port);
    running.push(first.process);
    expect(first.output()).toContain('X-Dev-User');
    expect(first.output()).toContain('maya@acme.test (manager)');

    // The demo replies were routed on first start.
    const queue = (await (await fetch(`${first.base}/v1/queue`, { headers: as('maya@acme.test') })).json()) as Json;
    expect(queue.open.length).toBeGreaterThanOrEqual(5);
    expect(queue.open.some((t: { explanation: string }) => t.explanation.includes("rule 'Account owner first'"))).toBe(true);

    // A new reply nobody's rules place goes to Maya (the fallback); Maya releases it to the queue.
    const reply = await fetch(`${first.base}/v1/messages`, {
      method: 'POST',
      headers: as('admin@acme.test'),
      body: JSON.stringify({
        messageId: '<e2e-1@prospects.example>',
        direction: 'inbound',
        from: { email: 'kai@newco.example' },
        receivedAt: new Date().toISOString(),
        category: 'question',
      }),
    });
    expect(reply.status).toBe(201);
    const thread = (await reply.json()) as Json;
    expect(thread.owner.email).toBe('maya@acme.test');
    await fetch(`${first.base}/v1/threads/${thread.id}/release`, {
      method: 'POST',
      headers: as('maya@acme.test'),
      body: JSON.stringify({ reason: 'For the reps' }),
    });

    // Two reps click "claim" at once.
    const [ava, ben] = await Promise.all(
      ['ava@acme.test', 'ben@acme.test'].map((email) =>
        fetch(`${first.base}/v1/threads/${thread.id}/claim`, { method: 'POST', headers: as(email), body: '{}' }),
      ),
    );
    const statuses = [ava!.status, ben!.status].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = ava!.status === 200 ? 'ava@acme.test' : 'ben@acme.test';

    // Killed without warning, then started again on the same folder.
    first.process.kill('SIGKILL');
    await new Promise((r) => first.process.once('exit', r));
    const second = await startServer(dataDir, port);
    running.push(second.process);
    expect(second.output()).toContain('already there');
    const after = (await (await fetch(`${second.base}/v1/threads/${thread.id}`, { headers: as('cam@acme.test') })).json()) as Json;
    expect(after.owner.email).toBe(winner);
    expect(after.lockedForMe).toBe(true);
    expect(after.history.map((h: { kind: string }) => h.kind)).toEqual(['claimed', 'released', 'routed']);
    second.process.kill('SIGTERM');
  });

  it('refuses to start in demo mode on a non-loopback address', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'backend/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, AUTH_MODE: 'dev', HOST: '0.0.0.0', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr!.on('data', (chunk) => (output += chunk));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).not.toBe(0);
    expect(output).toContain('HOST: demo mode (AUTH_MODE=dev) trusts the X-Dev-User header, so it binds only to loopback');
  });

  const serverUrl = process.env.TEST_DATABASE_URL;
  it.skipIf(!serverUrl)('runs the same on a real PostgreSQL server (DATABASE_URL), and `npm run db:migrate` finds nothing left to do', async () => {
    const name = `rr_e2e_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    try {
      const server = await startServer(dataDir, await freePort(), url.toString());
      running.push(server.process);
      expect(server.output()).toContain('PostgreSQL');
      const queue = (await (await fetch(`${server.base}/v1/queue`, { headers: as('maya@acme.test') })).json()) as Json;
      expect(queue.open.length).toBeGreaterThanOrEqual(5);
      server.process.kill('SIGTERM');
      await new Promise((r) => server.process.once('exit', r));
      const migrated = execFileSync(process.execPath, ['--import', 'tsx', 'backend/src/store/migrate-cli.ts'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: url.toString() },
        encoding: 'utf8',
      });
      expect(migrated).toContain('migrated PostgreSQL');
    } finally {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('`npm run serve` mode: no demo, real sign-in only (fake identity provider), orgs created by the operator', async () => {
    const provider = await startFakeIdentityProvider();
    const tokensDir = mkdtempSync(join(tmpdir(), 'rr-serve-'));
    try {
      const operatorToken = 'o'.repeat(40);
      const server = await startServer(tokensDir, await freePort(), '', {
        AUTH_MODE: 'tokens',
        SEED_DEMO: 'false',
        OPERATOR_TOKEN: operatorToken,
        SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
        AUTH_MICROSOFT_AUDIENCE: 'api://rr-e2e',
        AUTH_MICROSOFT_JWKS_URL: provider.jwksUrl,
      });
      running.push(server.process);
      expect(server.output()).toContain('Microsoft and Google sign-in');
      expect(server.output()).toContain('warning: DATABASE_URL is not set');
      const tid = randomUUID();
      const created = await fetch(`${server.base}/v1/operator/orgs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Initech Sales', admin: { email: 'bill@initech.example', name: 'Bill' }, msTenantId: tid }),
      });
      expect(created.status).toBe(201);
      const wrongOperator = await fetch(`${server.base}/v1/operator/orgs`, { method: 'POST', headers: { authorization: 'Bearer nope' }, body: '{}' });
      expect(wrongOperator.status).toBe(401);

      const token = await provider.sign({
        iss: `https://login.microsoftonline.com/${tid}/v2.0`,
        aud: 'api://rr-e2e',
        ver: '2.0',
        tid,
        oid: randomUUID(),
        scp: 'access_as_user',
        preferred_username: 'bill@initech.example',
      });
      const queue = await fetch(`${server.base}/v1/queue`, { headers: { authorization: `Bearer ${token}` } });
      expect(queue.status).toBe(200);
      const demo = await fetch(`${server.base}/v1/queue`, { headers: { 'x-dev-user': 'maya@acme.test' } });
      expect(demo.status).toBe(401);
      server.process.kill('SIGTERM');
    } finally {
      await provider.close();
      rmSync(tokensDir, { recursive: true, force: true });
    }
  });

  it('refuses demo mode when NODE_ENV=production, and real mode without its keys', async () => {
    const run = (env: Record<string, string>) =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'backend/src/main.ts'], {
          cwd: ROOT,
          env: { ...process.env, DATA_DIR: dataDir, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stderr!.on('data', (chunk) => (output += chunk));
        child.once('exit', (code) => resolve({ code, output }));
      });
    const production = await run({ AUTH_MODE: 'dev', NODE_ENV: 'production' });
    expect(production.code).not.toBe(0);
    expect(production.output).toContain('demo mode is refused when NODE_ENV=production');
    const noKeys = await run({ AUTH_MODE: 'tokens' });
    expect(noKeys.code).not.toBe(0);
    expect(noKeys.output).toContain('SECRETS_KEY');
    expect(noKeys.output).toContain('AUTH_MICROSOFT_AUDIENCE');
  });
});
