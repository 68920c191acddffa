// The ledger: every ownership event of a thread, appended in the same
// transaction as the thread's new state. Never updated (a trigger enforces it).
import { and, asc, desc, eq, lt } from 'drizzle-orm';
import type { LedgerEventDraft } from '../domain/ownership/state-machine.ts';
import type { Scope } from './scope.ts';
import { threadEvents } from './schema.ts';

export type LedgerEvent = typeof threadEvents.$inferSelect;

export async function appendEvent(scope: Scope, threadId: string, event: LedgerEventDraft, at: Date): Promise<void> {
  await scope.db.insert(threadEvents).values({ ...event, orgId: scope.orgId, threadId, at });
}

/** The newest events first. */
export async function recentEvents(scope: Scope, threadId: string, limit: number): Promise<LedgerEvent[]> {
  return scope.db
    .select()
    .from(threadEvents)
    .where(and(eq(threadEvents.orgId, scope.orgId), eq(threadEvents.threadId, threadId)))
    .orderBy(desc(threadEvents.seq))
    .limit(limit);
}

/** The whole ledger of a thread, oldest first. */
export async function allEvents(scope: Scope, threadId: string): Promise<LedgerEvent[]> {
  return scope.db
    .select()
    .from(threadEvents)
    .where(and(eq(threadEvents.orgId, scope.orgId), eq(threadEvents.threadId, threadId)))
    .orderBy(asc(threadEvents.seq));
}

/** Who owned the thread just before `at` (null when nobody, or before its first event). */
export async function ownerBefore(scope: Scope, threadId: string, at: Date): Promise<string | null> {
  const [row] = await scope.db
    .select({ toOwner: threadEvents.toOwner })
    .from(threadEvents)
    .where(and(eq(threadEvents.orgId, scope.orgId), eq(threadEvents.threadId, threadId), lt(threadEvents.at, at)))
    .orderBy(desc(threadEvents.seq))
    .limit(1);
  return row?.toOwner ?? null;
}
