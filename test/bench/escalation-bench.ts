// The escalation worker's cost per sweep as the open-thread count grows, with
// 1,000 clocks due each time: it must stay flat (an index over due times, not
// a scan of open threads).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { sweepEscalations } from '../../backend/src/jobs/escalation-worker.ts';
import { openDatabase, type DatabaseLocation } from '../../backend/src/store/database.ts';
import { silentLogger } from '../../backend/src/use-cases/deps.ts';
import { createEscalationOrg, insertOpenThreads } from '../support/escalation-org.ts';

export async function benchEscalations(location: DatabaseLocation, sizes: number[], print: (name: string, value: number, unit: string) => void): Promise<void> {
  const handle = await openDatabase(location);
  await handle.migrate();
  try {
    const now = new Date('2026-11-23T12:00:00Z');
    const deps = { db: handle.db, rlsRole: null, clock: { now: () => now }, newId: randomUUID, log: silentLogger };
    const orgId = await createEscalationOrg(handle.db, now);
    const org = { id: orgId };
    let total = 0;
    for (const size of sizes) {
      // Open threads whose clocks are far in the future, in bulk.
      await insertOpenThreads(handle.db, org.id, size - total, new Date(now.getTime() + 30 * 86_400_000));
      total = size;
      await handle.db.execute(sql`analyze threads`);
      // 1,000 of them due now.
      await handle.db.execute(sql`
        update threads set sla_due_at = ${new Date(now.getTime() - 60_000).toISOString()}::timestamptz,
                           next_escalation_at = ${new Date(now.getTime() - 60_000).toISOString()}::timestamptz, escalation_level = 0
        where id in (select id from threads where org_id = ${org.id} and next_escalation_at > ${now.toISOString()}::timestamptz limit 1000)`);
      const started = performance.now();
      let fired = 0;
      let sweeps = 0;
      for (let n = -1; n !== 0; sweeps++) {
        n = await sweepEscalations(deps);
        fired += n;
      }
      const ms = performance.now() - started;
      print(`escalation.open_${size}.fired`, fired, 'escalations');
      print(`escalation.open_${size}.ms_per_1000_due`, Math.round(ms), 'ms');
      print(`escalation.open_${size}.sweeps`, sweeps, 'sweeps');
    }
  } finally {
    await handle.close();
  }
}
