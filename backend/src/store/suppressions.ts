// The suppression list: addresses the team must not write to again.
import { and, asc, eq } from 'drizzle-orm';
import type { Scope } from './scope.ts';
import { suppressions } from './schema.ts';

export type SuppressionRow = typeof suppressions.$inferSelect;

/** Adds the address unless it is there already (the first reason stays). */
export async function suppress(scope: Scope, email: string, reason: string, threadId: string | null, at: Date): Promise<boolean> {
  const rows = await scope.db
    .insert(suppressions)
    .values({ orgId: scope.orgId, email, reason, threadId, createdAt: at })
    .onConflictDoNothing()
    .returning({ email: suppressions.email });
  return rows.length > 0;
}

export async function isSuppressed(scope: Scope, email: string): Promise<boolean> {
  const [row] = await scope.db
    .select({ email: suppressions.email })
    .from(suppressions)
    .where(and(eq(suppressions.orgId, scope.orgId), eq(suppressions.email, email)));
  return row !== undefined;
}

export async function listSuppressions(scope: Scope): Promise<SuppressionRow[]> {
  return scope.db.select().from(suppressions).where(eq(suppressions.orgId, scope.orgId)).orderBy(asc(suppressions.createdAt), asc(suppressions.email));
}
