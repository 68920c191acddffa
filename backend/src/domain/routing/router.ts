// The router: first matching rule wins, then the fallback, then the triage
// queue. Pure: takes the compiled policy, the reply's facts and the routing
// state, returns a decision with its explanation and the cursor to persist.
import type { Target } from '#shared/policy';
import type { CompiledPolicy, CompiledRule } from './compiled-policy.ts';
import { evaluateConditions, prepareFacts, type PreparedFacts } from './conditions.ts';
import type { ReplyFacts, RoutingState } from './facts.ts';
import type { AccountMatch } from '../accounts/account-matching.ts';

export type Placement = { kind: 'member'; email: string } | { kind: 'none' } | { kind: 'triage' };

export interface TraceStep {
  rule: string;
  index: number;
  outcome: 'matched' | 'condition_false' | 'target_unavailable' | 'not_reached';
  /** In words: why the condition failed, why the target could not be had, or why it won. */
  reason: string;
}

export interface RoutingDecision {
  placement: Placement;
  /** `rule`: a rule placed it; `fallback`: the policy's fallback; `queue`: nothing could, so the triage queue; `category`: the reply's category decided without routing (an absence, a bounce). */
  via: 'rule' | 'fallback' | 'queue' | 'category';
  rule: { index: number; name: string } | null;
  policyVersion: number;
  /** One sentence anyone can read. */
  explanation: string;
  /** Every rule, in order, with what happened to it. */
  trace: TraceStep[];
  /** The pool cursor to store when a pool picked the member. */
  cursor: { pool: string; member: string } | null;
  /** The unavailable member a backup stands in for, when one does. */
  standInFor?: string;
}

type Resolution =
  | {
      ok: true;
      email: string;
      /** the unavailable member replaced by a backup */ replaced: { email: string; why: string } | null;
      pool: { name: string; strategy: string } | null;
    }
  | { ok: false; why: string };

interface TargetFacts {
  /** Why this target names this member, for the explanation ("northwind.com matches the account Northwind, owned by Maya"). */
  because: string;
  resolution: Resolution;
}

/**
 * Routes one reply. Never throws on well-formed inputs and always ends in a
 * member, `none` or the triage queue; deterministic for the same inputs.
 */
export function route(compiled: CompiledPolicy, facts: ReplyFacts, state: RoutingState): RoutingDecision {
  // Written without closures: this is the hot path of ingestion and of the simulator.
  const prepared = prepareFacts(compiled, facts);
  const trace: TraceStep[] = [];

  for (const compiledRule of compiled.rules) {
    const { rule, index } = compiledRule;
    const condition = evaluateConditions(compiledRule, prepared);
    if (!condition.holds) {
      trace.push({ rule: rule.name, index, outcome: 'condition_false', reason: condition.failed });
      continue;
    }
    const target = resolveTarget(rule.to, compiled, prepared, state);
    if (target.kind === 'unavailable') {
      trace.push({ rule: rule.name, index, outcome: 'target_unavailable', reason: target.why });
      continue;
    }
    const becauseConditions = condition.because.length > 0 ? condition.because.join(' and ') : 'it applies to every reply';
    trace.push({ rule: rule.name, index, outcome: 'matched', reason: target.kind === 'member' ? target.because || becauseConditions : becauseConditions });
    for (let later = index + 1; later < compiled.rules.length; later++) {
      const laterRule = compiled.rules[later]!;
      if (evaluateConditions(laterRule, prepared).holds) {
        trace.push({ rule: laterRule.rule.name, index: later, outcome: 'not_reached', reason: 'an earlier rule matched' });
      }
    }
    const ruleRef = { index, name: rule.name };
    if (target.kind === 'none') {
      return decision(compiled, trace, { kind: 'none' }, 'rule', ruleRef, `No owner needed: ${becauseConditions} (rule '${rule.name}')`, null);
    }
    if (target.kind === 'triage') {
      return decision(compiled, trace, { kind: 'triage' }, 'rule', ruleRef, `In the triage queue: ${becauseConditions} (rule '${rule.name}')`, null);
    }
    return memberDecision(compiled, trace, target.resolution, 'rule', ruleRef, `${target.because || becauseConditions} (rule '${rule.name}')`);
  }

  const fallback = compiled.policy.fallback;
  if (fallback !== 'triage') {
    const target = resolveTarget(fallback, compiled, prepared, state);
    if (target.kind === 'member') {
      return memberDecision(compiled, trace, target.resolution, 'fallback', null, 'no rule placed it, so it goes to the fallback');
    }
    if (target.kind === 'unavailable') {
      return decision(
        compiled,
        trace,
        { kind: 'triage' },
        'queue',
        null,
        `In the triage queue: no rule placed it and the fallback is unavailable (${target.why})`,
        null,
      );
    }
  }
  return decision(compiled, trace, { kind: 'triage' }, 'queue', null, 'In the triage queue: no rule placed it', null);
}

/**
 * A placement the reply's category decides without the rules: an absence stays
 * with the thread's (or sequence's) owner and spends no round-robin turn; a
 * bounce needs no owner. Pure.
 */
export function categoryPlacement(compiled: CompiledPolicy, kind: 'keep_owner' | 'none', owner: string | null, why: string): RoutingDecision {
  const placement: Placement = kind === 'keep_owner' && owner !== null ? { kind: 'member', email: owner } : { kind: 'none' };
  const explanation =
    placement.kind === 'member' ? `${nameOf(compiled, placement.email)} keeps it: ${why}; no routing rule was needed.` : `No owner needed: ${why}.`;
  return { placement, via: 'category', rule: null, policyVersion: compiled.version, explanation, trace: [], cursor: null };
}

/** The same decision, given to the on-call member instead: the owner cannot answer before the target runs out. Pure. */
export function onCallDecision(compiled: CompiledPolicy, decision: RoutingDecision, onCall: string, owner: string, ownerBackAt: Date): RoutingDecision {
  const back = ownerBackAt.toISOString().slice(0, 16).replace('T', ' ');
  return {
    ...decision,
    placement: { kind: 'member', email: onCall },
    explanation: `${nameOf(compiled, onCall)} owns it as the on-call cover: ${nameOf(compiled, owner)} is out of hours until ${back} UTC and the response target would run out before; ${decision.explanation.replace(/\.$/, '')}.`,
    cursor: decision.cursor,
  };
}

function nameOf(compiled: CompiledPolicy, email: string): string {
  return compiled.members.get(email)?.name ?? email;
}

function memberDecision(
  compiled: CompiledPolicy,
  trace: TraceStep[],
  resolution: Resolution & { ok: true },
  via: 'rule' | 'fallback',
  ruleRef: RoutingDecision['rule'],
  why: string,
): RoutingDecision {
  const name = nameOf(compiled, resolution.email);
  let sentence = `${name} owns it: ${why}`;
  if (resolution.replaced) sentence += `; ${nameOf(compiled, resolution.replaced.email)} ${resolution.replaced.why}, so their backup ${name} takes it`;
  if (resolution.pool) sentence += `; picked from the pool ${resolution.pool.name} (${resolution.pool.strategy.replace('_', ' ')})`;
  const cursor = resolution.pool ? { pool: resolution.pool.name, member: resolution.email } : null;
  const made = decision(compiled, trace, { kind: 'member', email: resolution.email }, via, ruleRef, sentence, cursor);
  return resolution.replaced ? { ...made, standInFor: resolution.replaced.email } : made;
}

function decision(
  compiled: CompiledPolicy,
  trace: TraceStep[],
  placement: Placement,
  via: RoutingDecision['via'],
  ruleRef: RoutingDecision['rule'],
  sentence: string,
  cursor: RoutingDecision['cursor'],
): RoutingDecision {
  const clauses = [sentence];
  const notReached: string[] = [];
  for (const step of trace) {
    if (step.outcome === 'target_unavailable') clauses.push(`'${step.rule}' was passed over (${step.reason})`);
    else if (step.outcome === 'not_reached') notReached.push(`'${step.rule}'`);
  }
  if (notReached.length > 0) clauses.push(`${joinWords(notReached)} ${notReached.length === 1 ? 'was' : 'were'} not reached`);
  return { placement, via, rule: ruleRef, policyVersion: compiled.version, explanation: `${clauses.join('; ')}.`, trace, cursor };
}

type ResolvedTarget =
  { kind: 'member'; because: string; resolution: Resolution & { ok: true } } | { kind: 'none' } | { kind: 'triage' } | { kind: 'unavailable'; why: string };

function resolveTarget(target: Target, compiled: CompiledPolicy, prepared: PreparedFacts, state: RoutingState): ResolvedTarget {
  const described = describeTarget(target, compiled, prepared, state);
  if (described === 'none' || described === 'triage') return { kind: described };
  if (!described.resolution.ok) return { kind: 'unavailable', why: described.resolution.why };
  return { kind: 'member', because: described.because, resolution: described.resolution };
}

function memberTarget(compiled: CompiledPolicy, state: RoutingState, email: string | null, label: string, because: string, extraBackup?: string): TargetFacts {
  if (email === null) return { because: '', resolution: { ok: false, why: `no ${label} on record` } };
  return { because, resolution: resolveMember(email, compiled, state, label, extraBackup) };
}

function accountReason(compiled: CompiledPolicy, match: AccountMatch, owner: string): string {
  const how =
    match.matchedBy.kind === 'domain'
      ? `${match.matchedBy.domain} matches the account ${match.account.name}`
      : match.matchedBy.kind === 'crm_id'
        ? `the lead's CRM id ${match.matchedBy.crmId} links to the account ${match.account.name}`
        : `the company name '${match.matchedBy.company}' matches the account ${match.account.name}`;
  return match.ownerFrom
    ? `${how}, a subsidiary of ${match.ownerFrom.name}, owned by ${nameOf(compiled, owner)}`
    : `${how}, owned by ${nameOf(compiled, owner)}`;
}

function describeTarget(target: Target, compiled: CompiledPolicy, prepared: PreparedFacts, state: RoutingState): TargetFacts | 'none' | 'triage' {
  const { facts } = prepared;
  if (target === 'none' || target === 'triage') return target;
  switch (target) {
    case 'thread_owner':
      return memberTarget(compiled, state, facts.threadOwner, 'thread owner', 'the thread is already theirs');
    case 'account_owner': {
      const owner = facts.account?.owner ?? null;
      return memberTarget(compiled, state, owner, 'account owner', owner && facts.account ? accountReason(compiled, facts.account, owner) : '');
    }
    case 'lead_owner': {
      const owner = facts.lead?.owner ?? null;
      return memberTarget(
        compiled,
        state,
        owner,
        'lead owner',
        owner ? `the lead ${facts.prospectEmail} is owned by ${nameOf(compiled, owner)} in the CRM` : '',
      );
    }
    case 'sequence_owner': {
      const sequence = facts.sequence ? compiled.policy.sequences[facts.sequence] : undefined;
      const owner = sequence?.owner ?? null;
      return memberTarget(
        compiled,
        state,
        owner,
        'sequence owner',
        owner ? `the sequence ${facts.sequence} belongs to ${nameOf(compiled, owner)}` : '',
        sequence?.backup,
      );
    }
  }
  if ('member' in target) return memberTarget(compiled, state, target.member, 'member', '');
  return { because: '', resolution: pickFromPool(target.pool, compiled, state) };
}

/** A member, or their backup (the sequence's first when given, then along their backup chain) when they cannot take it. */
function resolveMember(email: string, compiled: CompiledPolicy, state: RoutingState, label: string, extraBackup?: string): Resolution {
  const person = compiled.members.get(email);
  if (!person) return { ok: false, why: `the ${label} ${email} is not a member of the team` };
  const availability = state.availability.get(email) ?? { available: false, reason: 'has no availability on record' };
  if (availability.available) return { ok: true, email, replaced: null, pool: null };
  const why = availability.reason ?? 'is unavailable';

  const seen = new Set([email]);
  const chain: string[] = [];
  if (extraBackup) chain.push(extraBackup);
  for (let next = person.backup; next && !seen.has(next); next = compiled.members.get(next)?.backup) {
    seen.add(next);
    chain.push(next);
  }
  for (const backup of chain) {
    if (compiled.members.has(backup) && state.availability.get(backup)?.available) {
      return { ok: true, email: backup, replaced: { email, why }, pool: null };
    }
  }
  return { ok: false, why: `${person.name} ${why} and has no available backup` };
}

function eligibleForPool(compiled: CompiledPolicy, state: RoutingState, email: string): boolean {
  const person = compiled.members.get(email);
  if (!person || !state.availability.get(email)?.available) return false;
  return person.capacity === undefined || (state.openThreads.get(email) ?? 0) < person.capacity;
}

function pickFromPool(poolName: string, compiled: CompiledPolicy, state: RoutingState): Resolution {
  const pool = compiled.policy.pools[poolName];
  if (!pool) return { ok: false, why: `the pool ${poolName} does not exist` };
  // Rotation order starts just after the member the pool picked last.
  const members = pool.members;
  const last = state.cursors.get(poolName);
  const start = last === undefined ? 0 : members.indexOf(last) + 1;
  let chosen: string | null = null;
  let chosenLoad = Infinity;
  for (let i = 0; i < members.length; i++) {
    const email = members[(start + i) % members.length]!;
    if (!eligibleForPool(compiled, state, email)) continue;
    if (pool.strategy === 'round_robin') {
      chosen = email;
      break;
    }
    const load = state.openThreads.get(email) ?? 0;
    if (load < chosenLoad) {
      chosen = email;
      chosenLoad = load;
    }
  }
  if (chosen === null) return { ok: false, why: `nobody in the pool ${poolName} is available or under capacity` };
  return { ok: true, email: chosen, replaced: null, pool: { name: poolName, strategy: pool.strategy } };
}

function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export type { CompiledRule };
