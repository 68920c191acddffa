import { describe, expect, it } from 'vitest';
import type { PolicyInput } from '#shared/policy';
import { route } from './router.ts';
import { account, compiled, domainMatch, facts, state } from './test-factories.ts';

const team = (): PolicyInput => ({
  members: [
    { email: 'maya@acme.test', name: 'Maya', role: 'manager' },
    { email: 'ava@acme.test', name: 'Ava', backup: 'ben@acme.test' },
    { email: 'ben@acme.test', name: 'Ben' },
    { email: 'cam@acme.test', name: 'Cam' },
  ],
  pools: { west: { members: ['ava@acme.test', 'ben@acme.test'] }, francophones: { members: ['cam@acme.test'] } },
  sequences: { 'founders-q3': { owner: 'ben@acme.test', backup: 'ava@acme.test' } },
  sources: { webinar: ['Webinar', 'webinar-2026-10'], apollo: ['Apollo', 'apollo.io'] },
  rules: [
    { name: 'Keep the thread with its owner', when: { thread: 'owned' }, to: 'thread_owner' },
    { name: 'Opt-outs to compliance', when: { category: ['unsubscribe', 'complaint'] }, to: { member: 'maya@acme.test' } },
    { name: 'Bounces need no owner', when: { category: ['bounce'] }, to: 'none' },
    { name: 'Account owner first', when: { account: 'owned' }, to: 'account_owner' },
    { name: 'Lead owner next', when: { lead: 'owned' }, to: 'lead_owner' },
    { name: 'Security questions', when: { keywords: ['SOC 2', 'security review'] }, to: { pool: 'west' } },
    { name: 'Webinar follow-up', when: { source: ['webinar'] }, to: { member: 'cam@acme.test' } },
    { name: 'French replies', when: { language: ['fr'] }, to: { pool: 'francophones' } },
    { name: 'Sequence owner', when: { sequence: 'owned' }, to: 'sequence_owner' },
    { name: 'West territory', when: { region: ['US-West'] }, to: { pool: 'west' } },
  ],
  fallback: { member: 'maya@acme.test' },
});

const ownerOf = (decision: ReturnType<typeof route>) => (decision.placement.kind === 'member' ? decision.placement.email : decision.placement.kind);

describe('routing scenarios from the team', () => {
  it('an account owner beats the territory rule for a traveller whose signature says another region', () => {
    const policy = compiled(team());
    const decision = route(policy, facts({ region: 'US-West', account: domainMatch(account({ owner: 'ava@acme.test', region: 'US-East' })) }), state(policy));
    expect(ownerOf(decision)).toBe('ava@acme.test');
    expect(decision.rule?.name).toBe('Account owner first');
    expect(decision.explanation).toBe(
      "Ava owns it: northwind.com matches the account Northwind, owned by Ava (rule 'Account owner first'); 'West territory' was not reached.",
    );
  });

  it('a webinar lead goes to the webinar rep although the territory says otherwise', () => {
    const policy = compiled(team());
    const decision = route(policy, facts({ source: 'webinar-2026-10', region: 'US-West' }), state(policy));
    expect(ownerOf(decision)).toBe('cam@acme.test');
    expect(decision.explanation).toContain("the source is webinar (rule 'Webinar follow-up')");
    expect(decision.explanation).toContain("'West territory' was not reached");
  });

  it('a reply on an owned thread stays with its owner', () => {
    const policy = compiled(team());
    const decision = route(
      policy,
      facts({ threadOwner: 'cam@acme.test', region: 'US-West', account: domainMatch(account({ owner: 'ava@acme.test' })) }),
      state(policy),
    );
    expect(ownerOf(decision)).toBe('cam@acme.test');
    expect(decision.rule?.name).toBe('Keep the thread with its owner');
  });

  it('an unknown company with no region goes to the fallback', () => {
    const policy = compiled(team());
    const decision = route(policy, facts({ prospectEmail: 'riley@unknownco.example' }), state(policy));
    expect(ownerOf(decision)).toBe('maya@acme.test');
    expect(decision.via).toBe('fallback');
    expect(decision.explanation).toBe('Maya owns it: no rule placed it, so it goes to the fallback.');
  });

  it('a reply arriving via sales@ routes on the sequence owner', () => {
    const policy = compiled(team());
    const decision = route(policy, facts({ prospectEmail: 'jordan@gmail.com', mailbox: 'sales@acme.test', sequence: 'founders-q3' }), state(policy));
    expect(ownerOf(decision)).toBe('ben@acme.test');
    expect(decision.explanation).toContain('the sequence founders-q3 belongs to Ben');
  });

  it('a thread whose owner is on leave goes to the backup, never to the absent owner', () => {
    const input = team();
    input.members[1] = { ...input.members[1]!, active: false };
    const policy = compiled(input);
    const decision = route(policy, facts({ threadOwner: 'ava@acme.test' }), state(policy));
    expect(ownerOf(decision)).toBe('ben@acme.test');
    expect(decision.explanation).toContain('Ava is on leave, so their backup Ben takes it');
  });
});

describe('rule semantics', () => {
  it('a rule whose target cannot be had passes to the next rule, and the explanation says why', () => {
    const input = team();
    input.members[2] = { ...input.members[2]!, active: false }; // Ben away, no backup
    const policy = compiled(input);
    const decision = route(policy, facts({ account: domainMatch(account({ owner: 'ben@acme.test' })), region: 'US-West' }), state(policy));
    expect(decision.rule?.name).toBe('West territory');
    expect(ownerOf(decision)).toBe('ava@acme.test');
    expect(decision.explanation).toContain("'Account owner first' was passed over (Ben is on leave and has no available backup)");
    expect(decision.trace.find((s) => s.rule === 'Account owner first')?.outcome).toBe('target_unavailable');
  });

  it('keywords match whole words, whatever the case and accents', () => {
    const policy = compiled(team());
    expect(route(policy, facts({ text: 'We need your soc-2 report' }), state(policy)).rule?.name).toBe('Security questions');
    expect(route(policy, facts({ text: 'Notre SÉCURITY REVIEW' }), state(policy)).rule?.name).toBe('Security questions');
    expect(route(policy, facts({ text: 'The SOC 23 committee' }), state(policy)).rule?.name).not.toBe('Security questions');
  });

  it('a source spelled any way its aliases allow is the canonical source', () => {
    const policy = compiled(team());
    expect(route(policy, facts({ source: 'WEBINAR 2026-10' }), state(policy)).rule?.name).toBe('Webinar follow-up');
    expect(route(policy, facts({ source: 'Apollo.io' }), state(policy)).rule?.name).not.toBe('Webinar follow-up');
  });

  it('a `none` target needs no owner and a `triage` target goes to the queue', () => {
    const policy = compiled({ ...team(), rules: [...team().rules!, { name: 'Catch-all to triage', to: 'triage' }] });
    expect(route(policy, facts({ category: 'bounce' }), state(policy)).placement).toEqual({ kind: 'none' });
    const queued = route(policy, facts({}), state(policy));
    expect(queued.placement).toEqual({ kind: 'triage' });
    expect(queued.explanation).toContain("rule 'Catch-all to triage'");
  });

  it('with no fallback and no rule, the reply goes to the triage queue, never nowhere', () => {
    const policy = compiled({ ...team(), fallback: 'triage' });
    const decision = route(policy, facts({}), state(policy));
    expect(decision.placement).toEqual({ kind: 'triage' });
    expect(decision.via).toBe('queue');
  });

  it('an unavailable fallback sends the reply to the triage queue', () => {
    const input = team();
    input.members[0] = { ...input.members[0]!, active: false };
    const policy = compiled(input);
    const decision = route(policy, facts({}), state(policy));
    expect(decision.placement).toEqual({ kind: 'triage' });
    expect(decision.explanation).toContain('the fallback is unavailable');
  });

  it('a subsidiary without an owner is explained through its parent', () => {
    const policy = compiled(team());
    const parent = account({ id: 'p', name: 'Northwind', owner: 'ava@acme.test' });
    const child = account({ id: 'c', name: 'Northwind Europe', domains: ['northwind.eu'], parentCrmId: 'ACC-1', crmId: 'ACC-2' });
    const decision = route(
      policy,
      facts({ account: { account: child, matchedBy: { kind: 'domain', domain: 'northwind.eu' }, owner: 'ava@acme.test', ownerFrom: parent } }),
      state(policy),
    );
    expect(decision.explanation).toContain('northwind.eu matches the account Northwind Europe, a subsidiary of Northwind, owned by Ava');
  });

  it('the sequence backup takes over before the owner’s own backup', () => {
    const input = team();
    input.members[2] = { ...input.members[2]!, active: false, backup: 'cam@acme.test' };
    const policy = compiled(input);
    expect(ownerOf(route(policy, facts({ sequence: 'founders-q3' }), state(policy)))).toBe('ava@acme.test');
  });

  it('records the policy version that decided', () => {
    const policy = compiled(team(), 7);
    expect(route(policy, facts({}), state(policy)).policyVersion).toBe(7);
  });
});

describe('pools', () => {
  it('round robin takes turns from the stored cursor and skips absent members', () => {
    const input = team();
    input.members.push({ email: 'dee@acme.test', name: 'Dee' });
    input.pools!.west = { members: ['ava@acme.test', 'ben@acme.test', 'dee@acme.test'] };
    const policy = compiled(input);
    const west = facts({ region: 'US-West' });
    const picks: string[] = [];
    let cursors = new Map<string, string>();
    for (let i = 0; i < 6; i++) {
      const decision = route(policy, west, state(policy, { cursors }));
      picks.push(ownerOf(decision));
      cursors = new Map([[decision.cursor!.pool, decision.cursor!.member]]);
    }
    expect(picks).toEqual(['ava@acme.test', 'ben@acme.test', 'dee@acme.test', 'ava@acme.test', 'ben@acme.test', 'dee@acme.test']);

    input.members[2] = { ...input.members[2]!, active: false };
    const withoutBen = compiled(input);
    const after = route(withoutBen, west, state(withoutBen, { cursors: new Map([['west', 'ava@acme.test']]) }));
    expect(ownerOf(after)).toBe('dee@acme.test');
  });

  it('skips members at capacity, and passes on when the whole pool is full', () => {
    const input = team();
    input.members[1] = { ...input.members[1]!, capacity: 2 };
    input.members[2] = { ...input.members[2]!, capacity: 1 };
    const policy = compiled(input);
    const west = facts({ region: 'US-West' });
    const oneFull = route(policy, west, state(policy, { openThreads: new Map([['ava@acme.test', 2]]) }));
    expect(ownerOf(oneFull)).toBe('ben@acme.test');
    const allFull = route(
      policy,
      west,
      state(policy, {
        openThreads: new Map([
          ['ava@acme.test', 2],
          ['ben@acme.test', 1],
        ]),
      }),
    );
    expect(allFull.via).toBe('fallback');
    expect(allFull.explanation).toContain("'West territory' was passed over (nobody in the pool west is available or under capacity)");
  });

  it('least loaded picks the member with the fewest open threads', () => {
    const input = team();
    input.pools!.west = { members: ['ava@acme.test', 'ben@acme.test'], strategy: 'least_loaded' };
    const policy = compiled(input);
    const decision = route(
      policy,
      facts({ region: 'US-West' }),
      state(policy, {
        openThreads: new Map([
          ['ava@acme.test', 5],
          ['ben@acme.test', 1],
        ]),
      }),
    );
    expect(ownerOf(decision)).toBe('ben@acme.test');
    expect(decision.explanation).toContain('least loaded');
  });
});
