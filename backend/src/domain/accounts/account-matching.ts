// Which CRM account a prospect belongs to, and who owns it. Pure.
import { companyDomainOf } from './email-domain.ts';
import { companyNameKey } from './company-name.ts';

export interface Account {
  id: string;
  name: string;
  nameKey: string;
  domains: string[];
  crmId: string | null;
  parentCrmId: string | null;
  owner: string | null;
  segment: string | null;
  region: string | null;
  country: string | null;
  vip: boolean;
}

export interface ProspectIdentity {
  email: string;
  company: string | null;
  crmAccountId: string | null;
}

export type MatchedBy = { kind: 'crm_id'; crmId: string } | { kind: 'domain'; domain: string } | { kind: 'company_name'; company: string };

export interface AccountMatch {
  account: Account;
  matchedBy: MatchedBy;
  /** The effective owner: the account's, else the nearest parent's. */
  owner: string | null;
  /** The parent account whose owner was inherited, when it was. */
  ownerFrom: Account | null;
}

/** What the store found for a prospect; the matcher decides among them. */
export interface AccountCandidates {
  /** Every account that could match, plus the parents of those (by crmId). */
  accounts: Account[];
}

/**
 * A CRM id the lead carries wins (an explicit link the team maintains), then
 * the registrable domain of the address (never a free-mail one), then the
 * normalised company name. A subsidiary without an owner resolves to its
 * nearest parent's owner.
 */
export function matchAccount(prospect: ProspectIdentity, candidates: AccountCandidates): AccountMatch | null {
  const byCrmId = new Map<string, Account>();
  for (const account of candidates.accounts) if (account.crmId) byCrmId.set(account.crmId, account);

  let found: { account: Account; matchedBy: MatchedBy } | null = null;
  if (prospect.crmAccountId) {
    const account = byCrmId.get(prospect.crmAccountId);
    if (account) found = { account, matchedBy: { kind: 'crm_id', crmId: prospect.crmAccountId } };
  }
  const domain = companyDomainOf(prospect.email);
  if (!found && domain) {
    const account = pickStable(candidates.accounts.filter((a) => a.domains.includes(domain)));
    if (account) found = { account, matchedBy: { kind: 'domain', domain } };
  }
  if (!found && prospect.company) {
    const key = companyNameKey(prospect.company);
    const account = key === '' ? undefined : pickStable(candidates.accounts.filter((a) => a.nameKey === key));
    if (account) found = { account, matchedBy: { kind: 'company_name', company: prospect.company } };
  }
  if (!found) return null;

  let ownerFrom: Account | null = null;
  let owner = found.account.owner;
  const seen = new Set([found.account.id]);
  for (let parent = parentOf(found.account); owner === null && parent && !seen.has(parent.id); parent = parentOf(parent)) {
    seen.add(parent.id);
    if (parent.owner) {
      owner = parent.owner;
      ownerFrom = parent;
    }
  }
  return { ...found, owner, ownerFrom };

  function parentOf(account: Account): Account | undefined {
    return account.parentCrmId ? byCrmId.get(account.parentCrmId) : undefined;
  }
}

/** Several accounts sharing a domain: prefer one with an owner, then the parent-most, then by name, so the answer never depends on row order. */
function pickStable(accounts: Account[]): Account | undefined {
  if (accounts.length <= 1) return accounts[0];
  return [...accounts].sort(
    (a, b) =>
      Number(b.owner !== null) - Number(a.owner !== null) ||
      Number(a.parentCrmId !== null) - Number(b.parentCrmId !== null) ||
      a.nameKey.localeCompare(b.nameKey) ||
      a.id.localeCompare(b.id),
  )[0];
}
