// Orgs: the tenants. Not org-scoped themselves.
import { eq } from 'drizzle-orm';
import type { Database } from './database.ts';
import { orgs } from './schema.ts';

export interface Org {
  id: string;
  slug: string;
  name: string;
}

export async function createOrg(db: Database, org: Org): Promise<Org> {
  await db.insert(orgs).values(org);
  return org;
}

export async function findOrgBySlug(db: Database, slug: string): Promise<Org | null> {
  const [row] = await db.select({ id: orgs.id, slug: orgs.slug, name: orgs.name }).from(orgs).where(eq(orgs.slug, slug));
  return row ?? null;
}

export async function findOrgById(db: Database, id: string): Promise<Org | null> {
  const [row] = await db.select({ id: orgs.id, slug: orgs.slug, name: orgs.name }).from(orgs).where(eq(orgs.id, id));
  return row ?? null;
}
