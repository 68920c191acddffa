// Round-robin cursors, one row per pool, locked while a pick is made.
import { and, eq, sql } from 'drizzle-orm';
import type { Scope } from './scope.ts';
import { poolCursors } from './schema.ts';

export async function loadCursors(scope: Scope): Promise<Map<string, string>> {
  const rows = await scope.db
    .select({ pool: poolCursors.pool, lastMember: poolCursors.lastMember })
    .from(poolCursors)
    .where(eq(poolCursors.orgId, scope.orgId));
  return new Map(rows.map((r) => [r.pool, r.lastMember]));
}

/** Holds the pool's cursor row until the transaction ends and returns its value (undefined when the pool never picked). */
export async function lockCursor(scope: Scope, pool: string, at: Date): Promise<string | undefined> {
  // One statement: creates the row if needed, locks it, and returns the stored value.
  const [row] = await scope.db
    .insert(poolCursors)
    .values({ orgId: scope.orgId, pool, lastMember: '', updatedAt: at })
    .onConflictDoUpdate({ target: [poolCursors.orgId, poolCursors.pool], set: { lastMember: sql`${poolCursors.lastMember}` } })
    .returning({ lastMember: poolCursors.lastMember });
  return row?.lastMember || undefined;
}

export async function saveCursor(scope: Scope, pool: string, member: string, at: Date): Promise<void> {
  await scope.db
    .update(poolCursors)
    .set({ lastMember: member, updatedAt: at })
    .where(and(eq(poolCursors.orgId, scope.orgId), eq(poolCursors.pool, pool)));
}
