// Orgs: the tenants. Not org-scoped themselves.
import { eq } from 'drizzle-orm';
import type { Database } from './database.ts';
import { orgs } from './schema.ts';

export interface Org {
  id: string;
  slug: string;
  name: string;
  msTenantId?: string | null;
  googleDomain?: string | null;
}

const columns = { id: orgs.id, slug: orgs.slug, name: orgs.name, msTenantId: orgs.msTenantId, googleDomain: orgs.googleDomain };

export async function createOrg(db: Database, org: Org): Promise<Org> {
  await db.insert(orgs).values(org);
  return org;
}

/** The org whose Microsoft Entra tenant this is. */
export async function findOrgByTenant(db: Database, tenantId: string): Promise<Org | null> {
  const [row] = await db.select(columns).from(orgs).where(eq(orgs.msTenantId, tenantId));
  return row ?? null;
}

/** The org whose Google Workspace primary domain this is. */
export async function findOrgByGoogleDomain(db: Database, domain: string): Promise<Org | null> {
  const [row] = await db.select(columns).from(orgs).where(eq(orgs.googleDomain, domain.toLowerCase()));
  return row ?? null;
}

export async function findOrgBySlug(db: Database, slug: string): Promise<Org | null> {
  const [row] = await db.select(columns).from(orgs).where(eq(orgs.slug, slug));
  return row ?? null;
}

export async function findOrgById(db: Database, id: string): Promise<Org | null> {
  const [row] = await db.select(columns).from(orgs).where(eq(orgs.id, id));
  return row ?? null;
}

export interface OrgSettings {
  name: string;
  retentionDays: number;
  webhookUrl: string | null;
}

export async function orgSettings(db: Database, id: string): Promise<OrgSettings | null> {
  const [row] = await db.select({ name: orgs.name, retentionDays: orgs.retentionDays, webhookUrl: orgs.webhookUrl }).from(orgs).where(eq(orgs.id, id));
  return row ?? null;
}

export async function updateOrgSettings(db: Database, id: string, patch: Partial<OrgSettings> & { webhookSecretSealed?: string }): Promise<OrgSettings | null> {
  const [row] = await db
    .update(orgs)
    .set(patch)
    .where(eq(orgs.id, id))
    .returning({ name: orgs.name, retentionDays: orgs.retentionDays, webhookUrl: orgs.webhookUrl });
  return row ?? null;
}

/** Every org with its retention, for the retention job. */
export async function allOrgRetentions(db: Database): Promise<Array<{ id: string; retentionDays: number }>> {
  return db.select({ id: orgs.id, retentionDays: orgs.retentionDays }).from(orgs);
}
