// The outbox: events for the sending tool, stored with their cause and
// delivered later, so that a restart or a failing receiver loses none.
import { and, asc, eq, isNull, like, lte, notLike, sql } from 'drizzle-orm';
import type { Scope } from './scope.ts';
import { outbox } from './schema.ts';

export type OutboxRow = typeof outbox.$inferSelect;

export async function enqueueEvent(scope: Scope, id: string, kind: string, payload: Record<string, unknown>, at: Date): Promise<void> {
  await scope.db.insert(outbox).values({ id, orgId: scope.orgId, kind, payload, createdAt: at, nextAttemptAt: at });
}

/** Due events, locked for this transaction; events another worker holds are skipped, not waited for. */
export async function claimDueEvents(scope: Scope, now: Date, limit: number, kinds: 'notifications' | 'sending_tool'): Promise<OutboxRow[]> {
  // Notifications (notify.*) go to people; everything else to the team's sending tool.
  const kindFilter = kinds === 'notifications' ? like(outbox.kind, 'notify.%') : notLike(outbox.kind, 'notify.%');
  return scope.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.orgId, scope.orgId), isNull(outbox.deliveredAt), lte(outbox.nextAttemptAt, now), kindFilter))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markDelivered(scope: Scope, id: string, at: Date): Promise<void> {
  await scope.db
    .update(outbox)
    .set({ deliveredAt: at, attempts: sql`${outbox.attempts} + 1`, lastError: null })
    .where(and(eq(outbox.orgId, scope.orgId), eq(outbox.id, id)));
}

/** Puts an event off without counting a failure (a notice that waits for business hours). */
export async function postpone(scope: Scope, id: string, until: Date): Promise<void> {
  await scope.db
    .update(outbox)
    .set({ nextAttemptAt: until })
    .where(and(eq(outbox.orgId, scope.orgId), eq(outbox.id, id)));
}

export async function markFailed(scope: Scope, id: string, error: string, retryAt: Date): Promise<void> {
  await scope.db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error.slice(0, 500), nextAttemptAt: retryAt })
    .where(and(eq(outbox.orgId, scope.orgId), eq(outbox.id, id)));
}

export async function listOutbox(scope: Scope): Promise<OutboxRow[]> {
  return scope.db.select().from(outbox).where(eq(outbox.orgId, scope.orgId)).orderBy(asc(outbox.createdAt));
}
