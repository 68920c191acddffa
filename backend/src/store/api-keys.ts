// API keys: stored as a hash (for bearer use) and sealed (for webhook signatures).
import { and, eq, lt } from 'drizzle-orm';
import type { Database } from './database.ts';
import type { Scope } from './scope.ts';
import { apiKeys, webhookDeliveries } from './schema.ts';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export async function insertApiKey(scope: Scope, key: Omit<typeof apiKeys.$inferInsert, 'orgId'>): Promise<void> {
  await scope.db.insert(apiKeys).values({ ...key, orgId: scope.orgId });
}

export async function listApiKeys(scope: Scope): Promise<ApiKeyRow[]> {
  return scope.db.select().from(apiKeys).where(eq(apiKeys.orgId, scope.orgId)).orderBy(apiKeys.createdAt);
}

export async function getApiKey(scope: Scope, id: string): Promise<ApiKeyRow | null> {
  const [row] = await scope.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.orgId, scope.orgId), eq(apiKeys.id, id)));
  return row ?? null;
}

/** Any org's key by id: how a caller presenting a key is found. */
export async function findApiKeyById(db: Database, id: string): Promise<ApiKeyRow | null> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  return row ?? null;
}

export async function updateApiKey(scope: Scope, id: string, patch: Partial<Pick<ApiKeyRow, 'expiresAt' | 'revokedAt' | 'lastUsedAt'>>): Promise<void> {
  await scope.db
    .update(apiKeys)
    .set(patch)
    .where(and(eq(apiKeys.orgId, scope.orgId), eq(apiKeys.id, id)));
}

/** Records a webhook signature; false when it was seen before (a replay). Forgets signatures older than `forgetBefore`. */
export async function recordDelivery(scope: Scope, signature: string, at: Date, forgetBefore: Date): Promise<boolean> {
  await scope.db.delete(webhookDeliveries).where(and(eq(webhookDeliveries.orgId, scope.orgId), lt(webhookDeliveries.receivedAt, forgetBefore)));
  const rows = await scope.db
    .insert(webhookDeliveries)
    .values({ orgId: scope.orgId, signature, receivedAt: at })
    .onConflictDoNothing()
    .returning({ signature: webhookDeliveries.signature });
  return rows.length > 0;
}
