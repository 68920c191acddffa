// Loads what the router needs to know about one reply from the store.
import type { IngestMessage } from '#shared/api';
import type { Category } from '#shared/categories';
import { matchAccount } from '../domain/accounts/account-matching.ts';
import { companyNameKey } from '../domain/accounts/company-name.ts';
import { companyDomainOf } from '../domain/accounts/email-domain.ts';
import type { ReplyFacts } from '../domain/routing/facts.ts';
import { findAccountCandidates, findLead } from '../store/crm.ts';
import type { Scope } from '../store/scope.ts';

export interface ThreadContext {
  owner: string | null;
  sequence: string | null;
}

/**
 * The prospect is the sender of an inbound reply. A shared alias the reply
 * arrived at (`sales@`) is only the mailbox: routing never keys on it.
 */
export async function loadReplyFacts(scope: Scope, message: IngestMessage, category: Category, thread: ThreadContext | null): Promise<ReplyFacts> {
  const prospectEmail = message.from.email;
  const lead = await findLead(scope, prospectEmail);
  const crmAccountId = lead?.crmAccountId ?? message.lead.crmAccountId ?? null;
  const company = lead?.company ?? message.lead.company ?? null;
  const nameKey = company ? companyNameKey(company) : null;
  const candidates = await findAccountCandidates(scope, { crmId: crmAccountId, domain: companyDomainOf(prospectEmail), nameKey: nameKey || null });
  const account = matchAccount({ email: prospectEmail, company, crmAccountId }, { accounts: candidates });
  const pick = (...values: Array<string | null | undefined>) => values.find((v): v is string => typeof v === 'string' && v !== '') ?? null;
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
