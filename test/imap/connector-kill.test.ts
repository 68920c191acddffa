// A backend process killed (SIGKILL) mid-batch, and another taking its
// mailbox over: nothing lost, nothing twice. Two real processes over
// PostgreSQL with row-level security, and a real Dovecot.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { and, count, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../backend/src/store/database.ts';
import { threadEvents, threads } from '../../backend/src/store/schema.ts';
import { withOrg } from '../../backend/src/use-cases/deps.ts';
import { basePolicy, createTestTeam } from '../support/test-team.ts';
import { dovecotAvailable, startDovecot, type Dovecot } from './dovecot.ts';
import { deliver, eventually, storedMessageIds, storedMessages } from './mail.ts';

// Tests may read the environment directly: they are not the product.
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl && process.env.CI) throw new Error('The kill test needs TEST_DATABASE_URL in CI');
const available = dovecotAvailable() && serverUrl !== undefined;
const RLS_ROLE = 'reply_routing_app';
const TOTAL = 400;

describe.skipIf(!available)('IMAP connector: a process killed mid-batch', () => {
  let dovecot: Dovecot;
  let database: DatabaseHandle;
  let url: URL;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dovecot = await startDovecot();
    const name = `rr_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString(), poolSize: 4 });
    await database.migrate();
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await database?.close();
    if (url) {
      const cleanup = postgres(serverUrl!, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`DROP DATABASE IF EXISTS ${url.pathname.slice(1)} WITH (FORCE)`);
      await cleanup.end();
    }
    await dovecot?.dispose();
  });

  function backendProcess(holder: string): ChildProcess {
    const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
    const child = spawn(tsx, [fileURLToPath(new URL('./connector-process.ts', import.meta.url)), url.toString(), RLS_ROLE, holder], { stdio: 'ignore' });
    children.push(child);
    return child;
  }

  it('the second process takes the mailbox over and ingests the rest: every reply once, one thread and one routing each', async () => {
    const target = { db: database.db, rlsRole: RLS_ROLE };
    const team = await createTestTeam(target, { ...basePolicy(), fallback: { member: 'ava@acme.test' } }, { now: new Date() });
    const imap = await dovecot.client();
    await imap.mailboxCreate('kill-in');
    await imap.mailboxCreate('kill-sent');
    const ids = await deliver(imap, 'kill-in', TOTAL);
    await imap.logout();
    const created = await team.as('admin@acme.test').post('/v1/mailboxes', {
      address: 'sales@acme.test',
      host: dovecot.host,
      port: dovecot.port,
      tls: false,
      user: dovecot.user,
      password: dovecot.password,
      folders: { inbox: 'kill-in', sent: 'kill-sent' },
    });
    expect(created.status).toBe(201);

    const first = backendProcess('first');
    await eventually('the first process to be mid-batch', async () => (await storedMessages(target, team.orgId)) >= 60, 60_000, 20);
    first.kill('SIGKILL');
    const atKill = await storedMessages(target, team.orgId);
    expect(atKill).toBeLessThan(TOTAL);

    const killedAt = Date.now();
    backendProcess('second');
    await eventually('the rest', async () => (await storedMessages(target, team.orgId)) === TOTAL, 120_000, 200);
    // The lease lapses (3 s here, 45 s by default) before the second process may take over.
    expect(Date.now() - killedAt).toBeLessThan(60_000);

    const stored = await storedMessageIds(database.db, target, team.orgId);
    expect(stored.sort()).toEqual(ids.sort());
    const [threadCount, routedCount] = await withOrg(target, team.orgId, async (scope) => [
      (await scope.db.select({ n: count() }).from(threads).where(eq(threads.orgId, team.orgId)))[0]!.n,
      (
        await scope.db
          .select({ n: count() })
          .from(threadEvents)
          .where(and(eq(threadEvents.orgId, team.orgId), eq(threadEvents.kind, 'routed')))
      )[0]!.n,
    ]);
    expect(threadCount).toBe(TOTAL);
    expect(routedCount).toBe(TOTAL);
    const view = await team.as('admin@acme.test').get(`/v1/mailboxes/${created.body.id}`);
    expect(view.body.checkpoints.find((c: { folder: string }) => c.folder === 'kill-in')).toMatchObject({ lastUid: TOTAL });
  }, 240_000);
});
