// Evaluates the `when` of one rule against the facts of a reply. Pure.
import { sourceKey } from '#shared/policy';
import { canonicalSource, comparableText, type CompiledPolicy, type CompiledRule } from './compiled-policy.ts';
import type { ReplyFacts } from './facts.ts';

export type ConditionResult =
  | { holds: true; /** why it holds, for the explanation: "the reply mentions 'SOC 2'" */ because: string[] }
  | { holds: false; /** the first condition that failed, in words */ failed: string };

/** The facts prepared once per reply for all rules. */
export interface PreparedFacts {
  facts: ReplyFacts;
  comparableText: string;
  /** Compared form of the canonical source. */
  sourceKey: string | null;
  canonicalSource: string | null;
  /** The owner the policy's `sequences` names for the reply's sequence. */
  sequenceOwner: string | null;
}

export function prepareFacts(compiled: CompiledPolicy, facts: ReplyFacts): PreparedFacts {
  const canonical = facts.source ? canonicalSource(compiled.sourceAliases, facts.source) : null;
  return {
    facts,
    comparableText: comparableText(facts.text),
    canonicalSource: canonical,
    sourceKey: canonical ? sourceKey(canonical) : null,
    sequenceOwner: facts.sequence ? (compiled.policy.sequences[facts.sequence]?.owner ?? null) : null,
  };
}

const lower = (v: string | null) => (v === null ? null : v.trim().toLowerCase());

function inList(value: string | null, list: readonly string[]): boolean {
  const v = lower(value);
  if (v === null) return false;
  for (const item of list) if (item.trim().toLowerCase() === v) return true;
  return false;
}

// Module-level helpers, not closures: this runs for every rule of every reply.

function ownedCondition(because: string[], label: string, condition: 'owned' | 'unowned' | undefined, owner: string | null, present: boolean): string | null {
  if (condition === undefined) return null;
  if (condition === 'owned' && owner === null) return present ? `the ${label} has no owner` : `there is no ${label} on record`;
  if (condition === 'unowned' && owner !== null) return `the ${label} is owned by ${owner}`;
  because.push(condition === 'owned' ? `the ${label} is owned` : `the ${label} has no owner`);
  return null;
}

function listCondition(because: string[], label: string, list: readonly string[] | undefined, value: string | null): string | null {
  if (!list) return null;
  if (!inList(value, list)) return value === null ? `the ${label} is unknown` : `the ${label} is ${value}`;
  because.push(`the ${label} is ${value}`);
  return null;
}

export function evaluateConditions(rule: CompiledRule, prepared: PreparedFacts): ConditionResult {
  const { when } = rule.rule;
  const { facts } = prepared;
  const because: string[] = [];
  const failure =
    ownedCondition(because, 'thread', when.thread, facts.threadOwner, facts.threadOwner !== null) ??
    ownedCondition(because, 'account', when.account, facts.account?.owner ?? null, facts.account !== null) ??
    ownedCondition(because, 'lead', when.lead, facts.lead?.owner ?? null, facts.lead !== null) ??
    ownedCondition(because, 'sequence', when.sequence, prepared.sequenceOwner, facts.sequence !== null);
  if (failure) return { holds: false, failed: failure };

  if (when.category) {
    if (!when.category.includes(facts.category)) return { holds: false, failed: `the category is ${facts.category}` };
    because.push(`the category is ${facts.category}`);
  }
  if (rule.keywords) {
    let hit = -1;
    for (let k = 0; k < rule.keywords.length && hit < 0; k++) if (prepared.comparableText.includes(rule.keywords[k]!)) hit = k;
    if (hit < 0) return { holds: false, failed: 'the reply mentions none of its keywords' };
    because.push(`the reply mentions '${when.keywords![hit]}'`);
  }
  if (rule.sources) {
    if (prepared.sourceKey === null || !rule.sources.has(prepared.sourceKey)) {
      return { holds: false, failed: prepared.canonicalSource ? `the source is ${prepared.canonicalSource}` : 'the source is unknown' };
    }
    because.push(`the source is ${prepared.canonicalSource}`);
  }
  const listFailure =
    listCondition(because, 'language', when.language, facts.language) ??
    listCondition(because, 'region', when.region, facts.region) ??
    listCondition(because, 'country', when.country, facts.country) ??
    listCondition(because, 'segment', when.segment, facts.segment) ??
    listCondition(because, 'mailbox', when.mailbox, facts.mailbox);
  if (listFailure) return { holds: false, failed: listFailure };

  if (when.escalation) {
    if (!facts.escalation || !when.escalation.includes(facts.escalation)) return { holds: false, failed: 'the reply raises no escalation' };
    because.push(`the reply raises a ${facts.escalation} escalation`);
  }
  if (when.intent) {
    if (facts.intent !== when.intent) return { holds: false, failed: 'the intent is not high' };
    because.push('the intent is high');
  }
  if (when.vip !== undefined) {
    const vip = facts.account?.account.vip ?? false;
    if (vip !== when.vip) return { holds: false, failed: vip ? 'the account is a VIP' : 'the account is not a VIP' };
    because.push(vip ? 'the account is a VIP' : 'the account is not a VIP');
  }
  return { holds: true, because };
}
