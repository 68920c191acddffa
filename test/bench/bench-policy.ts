// A policy of the size the benchmark asks for: 50 reps, 30 rules, 5,000 accounts.
import type { AccountRow } from '#shared/api';
import type { PolicyInput } from '#shared/policy';

export const BENCH_REPS = Array.from({ length: 50 }, (_, i) => `rep${i}@acme.test`);
const REGIONS = ['US-West', 'US-East', 'EMEA', 'APAC', 'LATAM'];

export function benchPolicy(): PolicyInput {
  const rules: NonNullable<PolicyInput['rules']> = [
    { name: 'Keep the thread with its owner', when: { thread: 'owned' }, to: 'thread_owner' },
    { name: 'Opt-outs to compliance', when: { category: ['unsubscribe', 'complaint'] }, to: { member: 'maya@acme.test' } },
    { name: 'Bounces need no owner', when: { category: ['bounce'] }, to: 'none' },
  ];
  // Filler rules that rarely match, so each decision walks most of the list as a real policy would.
  for (let i = 0; i < 22; i++) {
    rules.push({ name: `Keyword rule ${i}`, when: { keywords: [`product-${i}`, `feature ${i}`] }, to: { pool: `pool${i % 5}` } });
  }
  rules.push(
    { name: 'Account owner first', when: { account: 'owned' }, to: 'account_owner' },
    { name: 'Lead owner next', when: { lead: 'owned' }, to: 'lead_owner' },
    { name: 'Webinar follow-up', when: { source: ['webinar'] }, to: { member: 'rep7@acme.test' } },
    { name: 'Sequence owner', when: { sequence: 'owned' }, to: 'sequence_owner' },
    { name: 'Territories', when: { region: REGIONS }, to: { pool: 'pool0' } },
  );
  return {
    timezone: 'Europe/Paris',
    members: [
      { email: 'maya@acme.test', name: 'Maya', role: 'manager' },
      { email: 'admin@acme.test', name: 'Alex', role: 'admin' },
      ...BENCH_REPS.map((email, i) => ({ email, name: `Rep ${i}`, backup: i + 1 < BENCH_REPS.length ? BENCH_REPS[i + 1] : undefined })),
    ],
    pools: Object.fromEntries(
      Array.from({ length: 5 }, (_, p) => [`pool${p}`, { members: BENCH_REPS.slice(p * 10, p * 10 + 10), strategy: p % 2 ? 'least_loaded' : 'round_robin' }]),
    ),
    sequences: { 'founders-q3': { owner: 'rep1@acme.test', backup: 'rep2@acme.test' } },
    sources: { webinar: ['Webinar', 'webinar-2026-10'], apollo: ['Apollo', 'apollo.io'] },
    rules,
    fallback: { member: 'maya@acme.test' },
    sla: { interested: '60m', question: '2h' },
  };
}

export function benchAccounts(count = 5000): AccountRow[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `Company ${i} Inc`,
    domains: [`company${i}.example`],
    crmId: `ACC-${i}`,
    parent: i % 10 === 9 ? `ACC-${i - 9}` : undefined,
    // One in ten has no owner: its reply goes on to the later rules.
    owner: i % 10 === 9 ? undefined : BENCH_REPS[i % BENCH_REPS.length],
    region: REGIONS[i % REGIONS.length],
    segment: undefined,
    country: undefined,
    vip: false,
    openOpportunity: false,
  }));
}
