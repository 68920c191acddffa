// CRM data: accounts and leads, upserted in bulk and looked up for routing.
import { and, arrayContains, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Account } from '../domain/accounts/account-matching.ts';
import type { Scope } from './scope.ts';
import { accounts, leads } from './schema.ts';

export interface AccountRecord extends Omit<Account, 'id'> {
  openOpportunity: boolean;
}

export interface LeadRecord {
  email: string;
  name: string | null;
  company: string | null;
  crmAccountId: string | null;
  owner: string | null;
  source: string | null;
  region: string | null;
  country: string | null;
  segment: string | null;
  language: string | null;
}

export const accountUpsertKey = (record: Pick<AccountRecord, 'crmId' | 'nameKey'>) => (record.crmId ? `crm:${record.crmId}` : `name:${record.nameKey}`);

const excluded = (column: string) => sql.raw(`excluded.${column}`);

/** Inserts or updates accounts by CRM id (else normalised name). Returns how many were new. */
export async function upsertAccounts(scope: Scope, records: AccountRecord[], newId: () => string, at: Date): Promise<{ inserted: number; updated: number }> {
  let inserted = 0;
  for (let i = 0; i < records.length; i += 500) {
    const rows = records.slice(i, i + 500).map((r) => ({ id: newId(), orgId: scope.orgId, upsertKey: accountUpsertKey(r), ...r, updatedAt: at }));
    const result = await scope.db
      .insert(accounts)
      .values(rows)
      .onConflictDoUpdate({
        target: [accounts.orgId, accounts.upsertKey],
        set: {
          name: excluded('name'),
          nameKey: excluded('name_key'),
          domains: excluded('domains'),
          crmId: excluded('crm_id'),
          parentCrmId: excluded('parent_crm_id'),
          owner: excluded('owner'),
          segment: excluded('segment'),
          region: excluded('region'),
          country: excluded('country'),
          vip: excluded('vip'),
          openOpportunity: excluded('open_opportunity'),
          updatedAt: excluded('updated_at'),
        },
      })
      // xmax = 0 only on a freshly inserted row version.
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    inserted += result.filter((r) => r.inserted).length;
  }
  return { inserted, updated: records.length - inserted };
}

export async function upsertLeads(scope: Scope, records: LeadRecord[], at: Date): Promise<{ inserted: number; updated: number }> {
  let inserted = 0;
  for (let i = 0; i < records.length; i += 500) {
    const rows = records.slice(i, i + 500).map((r) => ({ orgId: scope.orgId, ...r, updatedAt: at }));
    const result = await scope.db
      .insert(leads)
      .values(rows)
      .onConflictDoUpdate({
        target: [leads.orgId, leads.email],
        set: {
          name: excluded('name'),
          company: excluded('company'),
          crmAccountId: excluded('crm_account_id'),
          owner: excluded('owner'),
          source: excluded('source'),
          region: excluded('region'),
          country: excluded('country'),
          segment: excluded('segment'),
          language: excluded('language'),
          updatedAt: excluded('updated_at'),
        },
      })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    inserted += result.filter((r) => r.inserted).length;
  }
  return { inserted, updated: records.length - inserted };
}

export async function findLead(scope: Scope, email: string): Promise<LeadRecord | null> {
  const [row] = await scope.db
    .select({
      email: leads.email,
      name: leads.name,
      company: leads.company,
      crmAccountId: leads.crmAccountId,
      owner: leads.owner,
      source: leads.source,
      region: leads.region,
      country: leads.country,
      segment: leads.segment,
      language: leads.language,
    })
    .from(leads)
    .where(and(eq(leads.orgId, scope.orgId), eq(leads.email, email)));
  return row ?? null;
}

const accountColumns = {
  id: accounts.id,
  name: accounts.name,
  nameKey: accounts.nameKey,
  domains: accounts.domains,
  crmId: accounts.crmId,
  parentCrmId: accounts.parentCrmId,
  owner: accounts.owner,
  segment: accounts.segment,
  region: accounts.region,
  country: accounts.country,
  vip: accounts.vip,
};

/** Accounts that could match a prospect, plus their parents up to five levels. */
export async function findAccountCandidates(scope: Scope, keys: { crmId: string | null; domain: string | null; nameKey: string | null }): Promise<Account[]> {
  const conditions: SQL[] = [];
  if (keys.crmId) conditions.push(eq(accounts.crmId, keys.crmId));
  if (keys.domain) conditions.push(arrayContains(accounts.domains, [keys.domain]));
  if (keys.nameKey) conditions.push(eq(accounts.nameKey, keys.nameKey));
  if (conditions.length === 0) return [];
  const found = await scope.db
    .select(accountColumns)
    .from(accounts)
    .where(and(eq(accounts.orgId, scope.orgId), or(...conditions)));
  const byId = new Map(found.map((a) => [a.id, a]));
  let wanted = parentIds(found, byId);
  for (let depth = 0; depth < 5 && wanted.length > 0; depth++) {
    const parents = await scope.db
      .select(accountColumns)
      .from(accounts)
      .where(and(eq(accounts.orgId, scope.orgId), inArray(accounts.crmId, wanted)));
    for (const p of parents) byId.set(p.id, p);
    wanted = parentIds(parents, byId);
  }
  return [...byId.values()];
}

function parentIds(list: Account[], known: Map<string, Account>): string[] {
  const knownCrm = new Set([...known.values()].map((a) => a.crmId));
  return [...new Set(list.map((a) => a.parentCrmId).filter((id): id is string => id !== null && !knownCrm.has(id)))];
}

export async function getAccount(scope: Scope, id: string): Promise<{ name: string; owner: string | null } | null> {
  const [row] = await scope.db
    .select({ name: accounts.name, owner: accounts.owner })
    .from(accounts)
    .where(and(eq(accounts.orgId, scope.orgId), eq(accounts.id, id)));
  return row ?? null;
}
