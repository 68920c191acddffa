// Threads: the current state of each conversation (the ledger holds how it got there).
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Scope } from './scope.ts';
import { threads } from './schema.ts';

export type ThreadRow = typeof threads.$inferSelect;
export type NewThread = Omit<typeof threads.$inferInsert, 'orgId'>;
export type ThreadPatch = Partial<Omit<ThreadRow, 'id' | 'orgId' | 'version' | 'createdAt'>>;

export async function getThread(scope: Scope, id: string): Promise<ThreadRow | null> {
  const [row] = await scope.db
    .select()
    .from(threads)
    .where(and(eq(threads.orgId, scope.orgId), eq(threads.id, id)));
  return row ?? null;
}

/** Reads the thread and holds its row lock until the transaction ends. */
export async function lockThread(scope: Scope, id: string): Promise<ThreadRow | null> {
  const [row] = await scope.db
    .select()
    .from(threads)
    .where(and(eq(threads.orgId, scope.orgId), eq(threads.id, id)))
    .for('update');
  return row ?? null;
}

export async function insertThread(scope: Scope, thread: NewThread): Promise<ThreadRow> {
  const [row] = await scope.db
    .insert(threads)
    .values({ ...thread, orgId: scope.orgId })
    .returning();
  return row!;
}

/**
 * Applies `patch` only if the thread is still at `version`, in one statement:
 * of concurrent writers that read the same version, exactly one succeeds.
 * Returns the new row, or null when someone else changed it first.
 */
export async function updateThreadIfVersion(scope: Scope, id: string, version: number, patch: ThreadPatch): Promise<ThreadRow | null> {
  const [row] = await scope.db
    .update(threads)
    .set({ ...patch, version: sql`${threads.version} + 1` })
    .where(and(eq(threads.orgId, scope.orgId), eq(threads.id, id), eq(threads.version, version)))
    .returning();
  return row ?? null;
}

/** A thread whose Gmail or Outlook id matches, with the same prospect: those ids are hints, never proof. */
export async function findThreadByHint(
  scope: Scope,
  hint: { gmailThreadId?: string | undefined; conversationId?: string | undefined; prospectEmail: string },
): Promise<string | null> {
  for (const [column, value] of [
    [threads.gmailThreadId, hint.gmailThreadId],
    [threads.conversationId, hint.conversationId],
  ] as const) {
    if (!value) continue;
    const [row] = await scope.db
      .select({ id: threads.id })
      .from(threads)
      .where(and(eq(threads.orgId, scope.orgId), eq(column, value), eq(threads.prospectEmail, hint.prospectEmail)))
      .orderBy(desc(threads.updatedAt))
      .limit(1);
    if (row) return row.id;
  }
  return null;
}

export async function findThreadIdBy(scope: Scope, by: { gmailThreadId: string } | { conversationId: string }): Promise<string | null> {
  const condition = 'gmailThreadId' in by ? eq(threads.gmailThreadId, by.gmailThreadId) : eq(threads.conversationId, by.conversationId);
  const [row] = await scope.db
    .select({ id: threads.id })
    .from(threads)
    .where(and(eq(threads.orgId, scope.orgId), condition))
    .orderBy(desc(threads.updatedAt))
    .limit(1);
  return row?.id ?? null;
}

/** Open (assigned or needs-help) threads per owner. */
export async function openThreadCounts(scope: Scope): Promise<Map<string, number>> {
  const rows = await scope.db
    .select({ owner: threads.owner, count: sql<number>`count(*)::int` })
    .from(threads)
    .where(and(eq(threads.orgId, scope.orgId), inArray(threads.state, ['assigned', 'needs_help'])))
    .groupBy(threads.owner);
  return new Map(rows.filter((r) => r.owner !== null).map((r) => [r.owner!, r.count]));
}

/** Threads in the given states, most urgent first: priority, then due time, then oldest reply. */
export async function threadsInStates(scope: Scope, states: string[], limit: number): Promise<ThreadRow[]> {
  return scope.db
    .select()
    .from(threads)
    .where(and(eq(threads.orgId, scope.orgId), inArray(threads.state, states)))
    .orderBy(desc(threads.priority), sql`${threads.slaDueAt} asc nulls last`, asc(threads.lastReplyAt), asc(threads.id))
    .limit(limit);
}
