// Who signed in as whom: the stable provider key of each person, bound to a member address.
import { and, eq } from 'drizzle-orm';
import type { Database } from './database.ts';
import { memberIdentities } from './schema.ts';

export type IdentityProvider = 'microsoft' | 'google';

export interface MemberIdentity {
  orgId: string;
  provider: IdentityProvider;
  subject: string;
  email: string;
}

const columns = { orgId: memberIdentities.orgId, provider: memberIdentities.provider, subject: memberIdentities.subject, email: memberIdentities.email };

export async function findIdentity(db: Database, provider: IdentityProvider, subject: string): Promise<MemberIdentity | null> {
  const [row] = await db
    .select(columns)
    .from(memberIdentities)
    .where(and(eq(memberIdentities.provider, provider), eq(memberIdentities.subject, subject)));
  return row ? { ...row, provider: row.provider as IdentityProvider } : null;
}

export async function findIdentityByEmail(db: Database, orgId: string, provider: IdentityProvider, email: string): Promise<MemberIdentity | null> {
  const [row] = await db
    .select(columns)
    .from(memberIdentities)
    .where(and(eq(memberIdentities.orgId, orgId), eq(memberIdentities.provider, provider), eq(memberIdentities.email, email)));
  return row ? { ...row, provider: row.provider as IdentityProvider } : null;
}

/** Records a first sign-in; false when another writer bound this subject or address first. */
export async function recordIdentity(db: Database, identity: MemberIdentity, at: Date): Promise<boolean> {
  const rows = await db
    .insert(memberIdentities)
    .values({ ...identity, firstSeenAt: at, lastSeenAt: at })
    .onConflictDoNothing()
    .returning({ subject: memberIdentities.subject });
  return rows.length > 0;
}
