// The outbox: events for the sending tool, stored with their cause and
// delivered later, so that a restart or a failing receiver loses none.
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Scope } from './scope.ts';
import { outbox } from './schema.ts';

export type OutboxRow = typeof outbox.$inferSelect;

export async function enqueueEvent(scope: Scope, id: string, kind: string, payload: Record<string, unknown>, at: Date): Promise<void> {
  await scope.db.insert(outbox).values({ id, orgId: scope.orgId, kind, payload, createdAt: at, nextAttemptAt: at });
}

/** Due events, locked for this transaction; events another worker holds are skipped, not waited for. */
export async function claimDueEvents(scope: Scope, now: Date, limit: number): Promise<OutboxRow[]> {
  return scope.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.orgId, scope.orgId), isNull(outbox.deliveredAt), lte(outbox.nextAttemptAt, now)))
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

export async function markFailed(scope: Scope, id: string, error: string, retryAt: Date): Promise<void> {
  await scope.db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error.slice(0, 500), nextAttemptAt: retryAt })
    .where(and(eq(outbox.orgId, scope.orgId), eq(outbox.id, id)));
}

export async function listOutbox(scope: Scope): Promise<OutboxRow[]> {
  return scope.db.select().from(outbox).where(eq(outbox.orgId, scope.orgId)).orderBy(asc(outbox.createdAt));
}
