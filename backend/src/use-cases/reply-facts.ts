// What the router needs to know about one reply: loaded from the store in as
// few round trips as possible, then assembled by a pure function.
import type { IngestMessage } from '#shared/api';
import type { Category } from '#shared/categories';
import { matchAccount, type Account } from '../domain/accounts/account-matching.ts';
import { companyNameKey } from '../domain/accounts/company-name.ts';
import { companyDomainOf } from '../domain/accounts/email-domain.ts';
import type { ReplyFacts } from '../domain/routing/facts.ts';
import { findAccountCandidates, findLead, type LeadRecord } from '../store/crm.ts';
import type { Scope } from '../store/scope.ts';

export interface ThreadContext {
  owner: string | null;
  sequence: string | null;
}

export interface CrmFacts {
  lead: LeadRecord | null;
  accounts: Account[];
}

const keyOf = (company: string | null | undefined) => (company ? companyNameKey(company) || null : null);

/**
 * The prospect's lead record and candidate accounts. The sender's domain and
 * the sending tool's hints are looked up together with the lead; the lead's
 * own CRM id or company only cost a second query when they add something.
 */
export async function loadCrmFacts(scope: Scope, message: IngestMessage): Promise<CrmFacts> {
  const email = message.from.email;
  const domain = companyDomainOf(email);
  const hinted = { crmId: message.lead.crmAccountId ?? null, domain, nameKey: keyOf(message.lead.company) };
  const [lead, accounts] = await Promise.all([findLead(scope, email), findAccountCandidates(scope, hinted)]);
  const more = { crmId: lead?.crmAccountId ?? null, domain: null, nameKey: keyOf(lead?.company) };
  if (more.crmId === hinted.crmId) more.crmId = null;
  if (more.nameKey === hinted.nameKey) more.nameKey = null;
  if (!more.crmId && !more.nameKey) return { lead, accounts };
  const extra = await findAccountCandidates(scope, more);
  const known = new Set(accounts.map((a) => a.id));
  return { lead, accounts: [...accounts, ...extra.filter((a) => !known.has(a.id))] };
}

/**
 * The prospect is the sender of an inbound reply. A shared alias the reply
 * arrived at (`sales@`) is only the mailbox: routing never keys on it. Pure.
 */
export function buildReplyFacts(message: IngestMessage, category: Category, thread: ThreadContext | null, crm: CrmFacts): ReplyFacts {
  const { lead } = crm;
  const prospectEmail = message.from.email;
  const crmAccountId = lead?.crmAccountId ?? message.lead.crmAccountId ?? null;
  const company = lead?.company ?? message.lead.company ?? null;
  const account = matchAccount({ email: prospectEmail, company, crmAccountId }, { accounts: crm.accounts });
  return {
    category,
    text: `${message.subject}\n${message.text}`,
    prospectEmail,
    source: pick(message.source, lead?.source),
    language: pick(lead?.language, message.lead.language),
    region: pick(lead?.region, message.lead.region, account?.account.region),
    country: pick(lead?.country, message.lead.country, account?.account.country),
    segment: pick(lead?.segment, message.lead.segment, account?.account.segment),
    mailbox: message.mailbox ?? null,
    sequence: pick(message.sequence, thread?.sequence),
    threadOwner: thread?.owner ?? null,
    account,
    lead: lead ? { email: lead.email, owner: lead.owner } : null,
  };
}

function pick(...values: Array<string | null | undefined>): string | null {
  for (const value of values) if (typeof value === 'string' && value !== '') return value;
  return null;
}
