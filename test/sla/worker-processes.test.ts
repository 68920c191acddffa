// Real PostgreSQL, real processes: two workers over 1,000 due clocks fire each
// escalation once; a worker killed mid-sweep loses none and repeats none.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../backend/src/store/database.ts';
import { createEscalationOrg, insertOpenThreads } from '../support/escalation-org.ts';

const run = promisify(execFile);
const serverUrl = process.env.TEST_DATABASE_URL;
const ROOT = new URL('../../', import.meta.url).pathname;
const NOW = '2026-11-23T12:00:00.000Z';

async function withDueClocks(count: number, work: (url: string, orgId: string) => Promise<void>) {
  const name = `rr_workers_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 4 });
  try {
    await handle.migrate();
    const orgId = await createEscalationOrg(handle.db, new Date(NOW));
    await insertOpenThreads(handle.db, orgId, count, new Date('2026-11-23T11:00:00Z'));
    await work(url.toString(), orgId);
    const [counts] = (await handle.db.execute(
      sql`select (select count(*)::int from thread_events where kind = 'escalated') as events,
                 (select count(distinct thread_id)::int from thread_events where kind = 'escalated') as threads,
                 (select count(*)::int from outbox where kind = 'notify.owner') as notices,
                 (select count(*)::int from threads where next_escalation_at is not null) as pending`,
    )) as unknown as Array<{ events: number; threads: number; notices: number; pending: number }>;
    expect(counts).toEqual({ events: count, threads: count, notices: count, pending: 0 });
  } finally {
    await handle.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const worker = (url: string, env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', 'test/sla/sweep-worker.ts'], {
    cwd: ROOT,
    env: { ...process.env, WORKER_DATABASE_URL: url, WORKER_NOW: NOW, ...env },
  });

describe.skipIf(!serverUrl)('escalation worker processes on PostgreSQL', () => {
  it('two worker processes over 1,000 due clocks fire each escalation exactly once', async () => {
    await withDueClocks(1000, async (url) => {
      const [a, b] = await Promise.all([worker(url), worker(url)]);
      const fired = JSON.parse(a.stdout).fired + JSON.parse(b.stdout).fired;
      expect(fired).toBe(1000);
    });
  });

  it('a worker killed in the middle of a sweep loses none and repeats none after a restart', async () => {
    await withDueClocks(500, async (url) => {
      // The first worker dies inside its second batch (after 250 new ids), mid-transaction.
      await expect(worker(url, { CRASH_AFTER: '250' })).rejects.toMatchObject({ signal: 'SIGKILL' });
      await worker(url);
    });
  });
});
