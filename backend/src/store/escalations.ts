// The clocks the escalation worker drives: threads whose next step is due.
import { and, asc, eq, isNotNull, lte } from 'drizzle-orm';
import type { Scope } from './scope.ts';
import { threads } from './schema.ts';
import type { ThreadRow } from './threads.ts';

/** Threads held by a stand-in who has not answered yet, locked for this transaction (others' locks are skipped). */
export async function claimStandIns(scope: Scope, limit: number): Promise<ThreadRow[]> {
  return scope.db
    .select()
    .from(threads)
    .where(and(eq(threads.orgId, scope.orgId), isNotNull(threads.standInFor)))
    .orderBy(asc(threads.updatedAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Threads whose owner took no action in time, locked for this transaction (others' locks are skipped). */
export async function claimUnresponsive(scope: Scope, now: Date, limit: number): Promise<ThreadRow[]> {
  return scope.db
    .select()
    .from(threads)
    .where(and(eq(threads.orgId, scope.orgId), isNotNull(threads.unresponsiveAt), lte(threads.unresponsiveAt, now)))
    .orderBy(asc(threads.unresponsiveAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Due threads, locked for this transaction; those another worker holds are skipped, not waited for. */
export async function claimDueClocks(scope: Scope, now: Date, limit: number): Promise<ThreadRow[]> {
  return scope.db
    .select()
    .from(threads)
    .where(and(eq(threads.orgId, scope.orgId), isNotNull(threads.nextEscalationAt), lte(threads.nextEscalationAt, now)))
    .orderBy(asc(threads.nextEscalationAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}
