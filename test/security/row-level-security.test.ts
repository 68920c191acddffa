// Defence in depth: even a query that forgot its org filter sees only the org
// set for its transaction, and every tenant table is bound by it.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../backend/src/store/database.ts';
import { testDatabases, useDatabase } from '../support/databases.ts';
import { createTestTeam } from '../support/test-team.ts';
import { resultRows as rows } from '../../backend/src/store/database.ts';

/** Runs `work` as the application role with `orgId` set (or none), then rolls back. */
async function asApplication<T>(db: Database, orgId: string | null, work: (tx: Database) => Promise<T>): Promise<T> {
  let out: T | undefined;
  await db
    .transaction(async (tx) => {
      await tx.execute(sql.raw('SET LOCAL ROLE reply_routing_app'));
      if (orgId) await tx.execute(sql`select set_config('app.org_id', ${orgId}, true)`);
      out = await work(tx as unknown as Database);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return out as T;
}
class Rollback extends Error {}

describe.each(testDatabases)('row-level security on $name', (database) => {
  const handle = useDatabase(database);

  it('every table with an org_id column has row-level security enabled and forced', async () => {
    const tables = rows<{ table: string; enabled: boolean; forced: boolean }>(
      await handle.db.execute(sql`
        select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'
          and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)
        order by c.relname`),
    );
    expect(tables.length).toBeGreaterThanOrEqual(10);
    expect(tables.filter((t) => !t.enabled || !t.forced).map((t) => t.table)).toEqual([]);
  });

  it('the application role has no way around it', async () => {
    const [role] = rows<{ super: boolean; bypass: boolean }>(
      await handle.db.execute(sql`select rolsuper as super, rolbypassrls as bypass from pg_roles where rolname = 'reply_routing_app'`),
    );
    expect(role).toEqual({ super: false, bypass: false });
  });

  it('a query with the wrong org set, or none, sees nothing of another org and cannot write into it', async () => {
    const ours = await createTestTeam(handle);
    const theirs = await createTestTeam(handle);
    const thread = (await ours.ingest({ from: { email: 'p@unknown.example' } })).body;
    const count = (tx: Database) => tx.execute(sql`select count(*)::int as n from threads where id = ${thread.id}`).then((r) => rows<{ n: number }>(r)[0]!.n);
    expect(await asApplication(handle.db, ours.orgId, count)).toBe(1);
    expect(await asApplication(handle.db, theirs.orgId, count)).toBe(0);
    expect(await asApplication(handle.db, null, count)).toBe(0);
    const events = await asApplication(handle.db, theirs.orgId, (tx) =>
      tx.execute(sql`select count(*)::int as n from thread_events where thread_id = ${thread.id}`).then((r) => rows<{ n: number }>(r)[0]!.n),
    );
    expect(events).toBe(0);
    const refused = await asApplication(handle.db, theirs.orgId, (tx) =>
      tx.execute(sql`insert into pool_cursors (org_id, pool, last_member, updated_at) values (${ours.orgId}, 'west', 'x', now())`),
    ).catch((error: Error & { cause?: Error }) => error.cause?.message ?? error.message);
    expect(refused).toMatch(/row-level security/);
  });
});
