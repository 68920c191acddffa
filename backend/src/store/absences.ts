// Absences: who is away, from when, until when.
import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Scope } from './scope.ts';
import { absences } from './schema.ts';

export type AbsenceRow = typeof absences.$inferSelect;

export async function insertAbsence(scope: Scope, absence: Omit<typeof absences.$inferInsert, 'orgId'>): Promise<AbsenceRow> {
  const [row] = await scope.db
    .insert(absences)
    .values({ ...absence, orgId: scope.orgId })
    .returning();
  return row!;
}

/** Absences not cancelled that have not ended by `now`, optionally of one member. */
export async function listAbsences(scope: Scope, now: Date, member?: string): Promise<AbsenceRow[]> {
  return scope.db
    .select()
    .from(absences)
    .where(
      and(
        eq(absences.orgId, scope.orgId),
        isNull(absences.cancelledAt),
        or(isNull(absences.endsAt), gt(absences.endsAt, now)),
        member ? eq(absences.member, member) : undefined,
      ),
    )
    .orderBy(asc(absences.startsAt));
}

/** Members away at `now`. */
export async function currentAbsences(scope: Scope, now: Date): Promise<AbsenceRow[]> {
  return (await listAbsences(scope, now)).filter((a) => a.startsAt <= now);
}

export async function getAbsence(scope: Scope, id: string): Promise<AbsenceRow | null> {
  const [row] = await scope.db
    .select()
    .from(absences)
    .where(and(eq(absences.orgId, scope.orgId), eq(absences.id, id)));
  return row ?? null;
}

export async function endAbsence(scope: Scope, id: string, patch: { cancelledAt?: Date; endsAt?: Date }): Promise<void> {
  await scope.db
    .update(absences)
    .set(patch)
    .where(and(eq(absences.orgId, scope.orgId), eq(absences.id, id)));
}
