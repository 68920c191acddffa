// Small factories for routing tests: a compiled policy, facts and state.
import { PolicyDocument, type PolicyInput } from '#shared/policy';
import type { Account, AccountMatch } from '../accounts/account-matching.ts';
import { availabilityFromPolicy } from '../availability/availability.ts';
import { compilePolicy, type CompiledPolicy } from './compiled-policy.ts';
import type { ReplyFacts, RoutingState } from './facts.ts';

export function compiled(input: PolicyInput, version = 1): CompiledPolicy {
  return compilePolicy(PolicyDocument.parse(input), version);
}

export function facts(overrides: Partial<ReplyFacts> = {}): ReplyFacts {
  return {
    category: 'interested',
    text: 'Sounds good, tell me more.',
    prospectEmail: 'chris@northwind.com',
    source: null,
    language: null,
    region: null,
    country: null,
    segment: null,
    mailbox: null,
    sequence: null,
    threadOwner: null,
    account: null,
    lead: null,
    ...overrides,
  };
}

export function account(overrides: Partial<Account> = {}): Account {
  return {
    id: 'acc-1',
    name: 'Northwind',
    nameKey: 'northwind',
    domains: ['northwind.com'],
    crmId: 'ACC-1',
    parentCrmId: null,
    owner: null,
    segment: null,
    region: null,
    country: null,
    vip: false,
    ...overrides,
  };
}

export function domainMatch(acc: Account): AccountMatch {
  return { account: acc, matchedBy: { kind: 'domain', domain: acc.domains[0] ?? 'northwind.com' }, owner: acc.owner, ownerFrom: null };
}

export function state(policy: CompiledPolicy, overrides: Partial<RoutingState> = {}): RoutingState {
  return { availability: availabilityFromPolicy(policy.policy), openThreads: new Map(), cursors: new Map(), ...overrides };
}
