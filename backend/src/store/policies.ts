// Policy versions: every change is a new row; the highest version is current.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Scope } from './scope.ts';
import { policyVersions } from './schema.ts';

export interface StoredPolicy {
  version: number;
  document: unknown;
  createdBy: string;
  createdAt: Date;
}

export async function currentPolicy(scope: Scope): Promise<StoredPolicy | null> {
  const [row] = await scope.db
    .select({ version: policyVersions.version, document: policyVersions.document, createdBy: policyVersions.createdBy, createdAt: policyVersions.createdAt })
    .from(policyVersions)
    .where(eq(policyVersions.orgId, scope.orgId))
    .orderBy(desc(policyVersions.version))
    .limit(1);
  return row ?? null;
}

export async function policyVersion(scope: Scope, version: number): Promise<StoredPolicy | null> {
  const [row] = await scope.db
    .select({ version: policyVersions.version, document: policyVersions.document, createdBy: policyVersions.createdBy, createdAt: policyVersions.createdAt })
    .from(policyVersions)
    .where(and(eq(policyVersions.orgId, scope.orgId), eq(policyVersions.version, version)));
  return row ?? null;
}

/**
 * Stores `document` as the version after `basedOn` (0 for the first). Returns
 * null when another writer stored that version first: the caller's view is stale.
 */
export async function insertPolicyVersion(scope: Scope, basedOn: number, document: unknown, createdBy: string, at: Date): Promise<number | null> {
  const rows = await scope.db
    .insert(policyVersions)
    .values({ orgId: scope.orgId, version: basedOn + 1, document, createdBy, createdAt: at })
    .onConflictDoNothing()
    .returning({ version: policyVersions.version });
  return rows[0]?.version ?? null;
}

/** The latest version number, 0 when there is none. */
export async function latestPolicyVersion(scope: Scope): Promise<number> {
  const [row] = await scope.db
    .select({ version: sql<number>`coalesce(max(${policyVersions.version}), 0)::int` })
    .from(policyVersions)
    .where(eq(policyVersions.orgId, scope.orgId));
  return row?.version ?? 0;
}

/** Every version's number, author and time, newest first (without the documents). */
export async function policyVersionList(scope: Scope, limit: number): Promise<Array<Omit<StoredPolicy, 'document'>>> {
  return scope.db
    .select({ version: policyVersions.version, createdBy: policyVersions.createdBy, createdAt: policyVersions.createdAt })
    .from(policyVersions)
    .where(eq(policyVersions.orgId, scope.orgId))
    .orderBy(desc(policyVersions.version))
    .limit(limit);
}
