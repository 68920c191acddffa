// Properties of the router over random policies, rosters, availabilities and replies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '#shared/categories';
import type { PolicyInput, Target } from '#shared/policy';
import type { AvailabilityMap } from '../availability/availability.ts';
import type { ReplyFacts, RoutingState } from './facts.ts';
import { route } from './router.ts';
import { account, compiled, domainMatch, facts } from './test-factories.ts';

const EMAILS = ['a@t.test', 'b@t.test', 'c@t.test', 'd@t.test', 'e@t.test'];
const REGIONS = ['US-West', 'US-East', 'EMEA'];
const SOURCES = ['webinar', 'apollo', 'referral'];

const email = fc.constantFrom(...EMAILS);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const target: fc.Arbitrary<Target> = fc.oneof(
  fc.constantFrom<Target>('thread_owner', 'account_owner', 'lead_owner', 'sequence_owner', 'none', 'triage'),
  email.map((member) => ({ member })),
  fc.constantFrom('p1', 'p2').map((pool) => ({ pool })),
);

const policyArb: fc.Arbitrary<PolicyInput> = fc
  .record({
    backups: fc.array(maybe(fc.integer({ min: 0, max: EMAILS.length - 1 })), { minLength: EMAILS.length, maxLength: EMAILS.length }),
    capacities: fc.array(maybe(fc.integer({ min: 1, max: 3 })), { minLength: EMAILS.length, maxLength: EMAILS.length }),
    p1: fc.subarray(EMAILS, { minLength: 1 }),
    p2: fc.subarray(EMAILS, { minLength: 1 }),
    strategies: fc.tuple(fc.constantFrom('round_robin' as const, 'least_loaded' as const), fc.constantFrom('round_robin' as const, 'least_loaded' as const)),
    rules: fc.array(
      fc.record({
        when: fc.record(
          {
            thread: fc.constantFrom('owned' as const, 'unowned' as const),
            account: fc.constantFrom('owned' as const, 'unowned' as const),
            category: fc.subarray([...CATEGORIES], { minLength: 1 }),
            keywords: fc.constant<string[]>(['pricing']),
            region: fc.subarray(REGIONS, { minLength: 1 }),
            source: fc.subarray(SOURCES, { minLength: 1 }),
            sequence: fc.constant('owned' as const),
          },
          { requiredKeys: [] },
        ),
        to: target,
      }),
      { maxLength: 12 },
    ),
    fallback: fc.oneof(
      fc.constant<'triage'>('triage'),
      email.map((member) => ({ member })),
      fc.constant({ pool: 'p1' }),
    ),
  })
  .map(({ backups, capacities, p1, p2, strategies, rules, fallback }) => ({
    // Backups only point "forward" so the random policy has no loop (loops are refused by validation).
    members: EMAILS.map((e, i) => {
      const b = backups[i];
      return { email: e, name: e.slice(0, 1).toUpperCase(), backup: b !== undefined && b > i ? EMAILS[b] : undefined, capacity: capacities[i] };
    }),
    pools: { p1: { members: p1, strategy: strategies[0] }, p2: { members: p2, strategy: strategies[1] } },
    sequences: { seq: { owner: 'c@t.test' } },
    rules: rules.map((r, i) => ({ name: `rule ${i}`, ...r })),
    fallback,
  }));

const factsArb: fc.Arbitrary<ReplyFacts> = fc
  .record({
    category: fc.constantFrom(...CATEGORIES),
    text: fc.constantFrom('What is your pricing?', 'Not now', 'Tell me more'),
    source: maybe(fc.constantFrom(...SOURCES)),
    region: maybe(fc.constantFrom(...REGIONS)),
    sequence: maybe(fc.constantFrom('seq', 'other')),
    threadOwner: maybe(fc.constantFrom(...EMAILS, 'gone@t.test')),
    accountOwner: maybe(fc.constantFrom(...EMAILS, 'stranger@t.test')),
    leadOwner: maybe(email),
  })
  .map((r) =>
    facts({
      category: r.category,
      text: r.text,
      source: r.source ?? null,
      region: r.region ?? null,
      sequence: r.sequence ?? null,
      threadOwner: r.threadOwner ?? null,
      account: r.accountOwner === undefined ? null : domainMatch(account({ owner: r.accountOwner })),
      lead: r.leadOwner === undefined ? null : { email: 'x@p.test', owner: r.leadOwner },
    }),
  );

const stateArb: fc.Arbitrary<RoutingState> = fc
  .record({
    away: fc.subarray(EMAILS),
    loads: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: EMAILS.length, maxLength: EMAILS.length }),
    cursor1: maybe(email),
    cursor2: maybe(email),
  })
  .map(({ away, loads, cursor1, cursor2 }) => {
    const availability: AvailabilityMap = new Map(
      EMAILS.map((e) => [e, away.includes(e) ? { available: false, reason: 'is away' } : { available: true, reason: null }]),
    );
    const cursors = new Map<string, string>();
    if (cursor1) cursors.set('p1', cursor1);
    if (cursor2) cursors.set('p2', cursor2);
    return { availability, openThreads: new Map(EMAILS.map((e, i) => [e, loads[i]!])), cursors };
  });

describe('router properties', () => {
  it('never throws and always ends with a member, no owner by a rule, or the triage queue', () => {
    fc.assert(
      fc.property(policyArb, factsArb, stateArb, (input, reply, routingState) => {
        const decision = route(compiled(input), reply, routingState);
        expect(['member', 'none', 'triage']).toContain(decision.placement.kind);
        expect(decision.explanation.length).toBeGreaterThan(10);
        if (decision.placement.kind === 'none') expect(decision.via).toBe('rule');
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic for the same inputs and cursor', () => {
    fc.assert(
      fc.property(policyArb, factsArb, stateArb, (input, reply, routingState) => {
        const policy = compiled(input);
        expect(route(policy, reply, routingState)).toEqual(route(policy, reply, routingState));
      }),
      { numRuns: 300 },
    );
  });

  it('never assigns an absent member', () => {
    fc.assert(
      fc.property(policyArb, factsArb, stateArb, (input, reply, routingState) => {
        const decision = route(compiled(input), reply, routingState);
        if (decision.placement.kind === 'member') {
          expect(routingState.availability.get(decision.placement.email)?.available).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reaches the queue only when no rule and no fallback could place the reply', () => {
    fc.assert(
      fc.property(policyArb, factsArb, stateArb, (input, reply, routingState) => {
        const decision = route(compiled(input), reply, routingState);
        if (decision.via === 'queue') {
          expect(decision.trace.every((step) => step.outcome !== 'matched')).toBe(true);
          // An available fallback member would have been used.
          if (typeof input.fallback === 'object' && 'member' in input.fallback) {
            const fallback = input.fallback.member;
            const backup = input.members.find((m) => m.email === fallback)?.backup;
            expect(routingState.availability.get(fallback)?.available && true).not.toBe(true);
            if (backup) expect(routingState.availability.get(backup)?.available).toBe(false);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the winning rule is the first whose condition holds and whose target can be had', () => {
    fc.assert(
      fc.property(policyArb, factsArb, stateArb, (input, reply, routingState) => {
        const decision = route(compiled(input), reply, routingState);
        const matched = decision.trace.filter((s) => s.outcome === 'matched');
        expect(matched.length).toBeLessThanOrEqual(1);
        if (decision.via === 'rule') {
          expect(matched[0]?.index).toBe(decision.rule?.index);
          const before = decision.trace.filter((s) => s.index < decision.rule!.index);
          expect(before.every((s) => s.outcome === 'condition_false' || s.outcome === 'target_unavailable')).toBe(true);
          expect(before.length).toBe(decision.rule!.index);
        }
      }),
      { numRuns: 500 },
    );
  });
});
