import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PolicyDocument, parseDaySpec, parseDurationMinutes, parseTimeRanges, parseWeeklyHours, sourceKey, type PolicyInput } from '#shared/policy';

/** The example of DESIGN.md, with Ben and Cam added to `members` since the example's pools and backups name them. */
const designExample = (): PolicyInput => ({
  timezone: 'Europe/Paris',
  members: [
    { email: 'maya@acme.test', name: 'Maya', role: 'manager' },
    {
      email: 'ava@acme.test',
      name: 'Ava',
      role: 'rep',
      timezone: 'America/New_York',
      hours: { 'mon-fri': '09:00-17:30' },
      languages: ['en'],
      skills: ['security'],
      backup: 'ben@acme.test',
      capacity: 25,
    },
    { email: 'ben@acme.test', name: 'Ben' },
    { email: 'cam@acme.test', name: 'Cam', languages: ['fr'] },
  ],
  pools: {
    west: { members: ['ava@acme.test', 'ben@acme.test'], strategy: 'round_robin' },
    francophones: { members: ['cam@acme.test'], strategy: 'round_robin' },
  },
  sequences: { 'founders-q3': { owner: 'ben@acme.test', backup: 'ava@acme.test' } },
  sources: { apollo: ['Apollo', 'apollo.io', 'APOLLO export'], webinar: ['Webinar', 'webinar-2026-10'] },
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
  sla: {
    interested: '60m',
    question: '2h',
    referral: '2h',
    objection: '4h',
    not_now: 'end_of_day',
    unsubscribe: '0m',
    complaint: '0m',
  },
  absence: { unresponsive_after: '60m' },
  categories: {
    interested: { task: 'today' },
    out_of_office: { follow_up: 'return_date', pause_sequence: true },
    bounce: { suppress: 'invalid', stop_sequence: true },
    unsubscribe: { suppress: 'opt_out', stop_sequence: true },
  },
});

/** A small valid team to break one field at a time. */
const smallTeam = (): PolicyInput => ({
  members: [
    { email: 'maya@acme.test', name: 'Maya', role: 'manager' },
    { email: 'ava@acme.test', name: 'Ava' },
    { email: 'ben@acme.test', name: 'Ben' },
  ],
});

interface Issue {
  path: string;
  message: string;
}

/** The issues a user sees: where (dotted path) and what to fix. Empty when the document is valid. */
function issuesOf(document: unknown): Issue[] {
  const result = PolicyDocument.safeParse(document);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

const issueAt = (path: string, ...messageParts: string[]) => ({
  path,
  message: expect.stringMatching(new RegExp(messageParts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*'))),
});

describe('a valid policy', () => {
  it('the example policy of the design parses, with defaults filled in', () => {
    const result = PolicyDocument.safeParse(designExample());

    expect(result.success).toBe(true);
    const policy = result.data!;
    expect(policy.members.map((m) => m.email)).toEqual(['maya@acme.test', 'ava@acme.test', 'ben@acme.test', 'cam@acme.test']);
    expect(policy.members[2]?.role).toBe('rep');
    expect(policy.members[2]?.active).toBe(true);
    expect(policy.rules.map((r) => r.name)[0]).toBe('Keep the thread with its owner');
    expect(policy.rules).toHaveLength(10);
    expect(policy.sla.interested).toBe('60m');
  });

  it('a team with only members is a valid policy whose fallback is the triage queue', () => {
    const result = PolicyDocument.safeParse(smallTeam());

    expect(result.success).toBe(true);
    expect(result.data?.fallback).toBe('triage');
    expect(result.data?.timezone).toBe('UTC');
  });

  it('member addresses are compared without regard to case, so a rule may spell one in capitals', () => {
    const document = { ...smallTeam(), rules: [{ name: 'To Ava', to: { member: 'Ava@ACME.test' } }] };

    expect(issuesOf(document)).toEqual([]);
  });

  it('a backup chain without a loop is accepted', () => {
    const document: PolicyInput = {
      members: [
        { email: 'ava@acme.test', name: 'Ava', backup: 'ben@acme.test' },
        { email: 'ben@acme.test', name: 'Ben', backup: 'cam@acme.test' },
        { email: 'cam@acme.test', name: 'Cam' },
      ],
    };

    expect(issuesOf(document)).toEqual([]);
  });
});

describe('references to people who are not on the team', () => {
  it('a rule that routes to someone not in members is rejected at the rule target', () => {
    const document = { ...smallTeam(), rules: [{ name: 'To Zed', to: { member: 'zed@acme.test' } }] };

    expect(issuesOf(document)).toEqual([issueAt('rules.0.to.member', 'zed@acme.test', 'not in members')]);
  });

  it('a pool member who is not in members is rejected at that pool entry', () => {
    const document = { ...smallTeam(), pools: { west: { members: ['ava@acme.test', 'zed@acme.test'] } } };

    expect(issuesOf(document)).toEqual([issueAt('pools.west.members.1', 'zed@acme.test', 'not in members')]);
  });

  it('a sequence owner or backup who is not in members is rejected at that field', () => {
    const document = { ...smallTeam(), sequences: { 'founders-q3': { owner: 'zed@acme.test', backup: 'yan@acme.test' } } };

    expect(issuesOf(document)).toEqual([
      issueAt('sequences.founders-q3.owner', 'zed@acme.test', 'not in members'),
      issueAt('sequences.founders-q3.backup', 'yan@acme.test', 'not in members'),
    ]);
  });

  it('a backup who is not in members is rejected at that member', () => {
    const document: PolicyInput = {
      members: [
        { email: 'maya@acme.test', name: 'Maya' },
        { email: 'ava@acme.test', name: 'Ava', backup: 'zed@acme.test' },
      ],
    };

    expect(issuesOf(document)).toEqual([issueAt('members.1.backup', 'zed@acme.test', 'not in members')]);
  });

  it('a fallback member who is not in members is rejected at the fallback', () => {
    const document = { ...smallTeam(), fallback: { member: 'zed@acme.test' } };

    expect(issuesOf(document)).toEqual([issueAt('fallback.member', 'zed@acme.test', 'not in members')]);
  });
});

describe('members', () => {
  it('the same address listed twice, in any case, is rejected at the second listing', () => {
    const document: PolicyInput = {
      members: [
        { email: 'ava@acme.test', name: 'Ava' },
        { email: 'ben@acme.test', name: 'Ben' },
        { email: 'AVA@Acme.Test', name: 'Ava again' },
      ],
    };

    expect(issuesOf(document)).toEqual([issueAt('members.2.email', 'ava@acme.test', 'listed twice', 'members.0')]);
  });

  it('a backup loop is rejected on every member of the loop, showing the loop', () => {
    const document: PolicyInput = {
      members: [
        { email: 'ava@acme.test', name: 'Ava', backup: 'ben@acme.test' },
        { email: 'ben@acme.test', name: 'Ben', backup: 'ava@acme.test' },
      ],
    };

    expect(issuesOf(document)).toEqual([
      issueAt('members.0.backup', 'backup loop: ava@acme.test -> ben@acme.test -> ava@acme.test'),
      issueAt('members.1.backup', 'backup loop: ben@acme.test -> ava@acme.test -> ben@acme.test'),
    ]);
  });

  it('a member who is their own backup is rejected', () => {
    const document: PolicyInput = {
      members: [
        { email: 'ava@acme.test', name: 'Ava', backup: 'ava@acme.test' },
        { email: 'ben@acme.test', name: 'Ben' },
      ],
    };

    expect(issuesOf(document)).toEqual([issueAt('members.0.backup', 'ava@acme.test', 'cannot be their own backup')]);
  });

  it('a member time zone that does not exist is rejected with an example of a real one', () => {
    const document: PolicyInput = { members: [{ email: 'ava@acme.test', name: 'Ava', timezone: 'America/Nowhere' }] };

    expect(issuesOf(document)).toEqual([issueAt('members.0.timezone', 'IANA time zone', 'Europe/Paris')]);
  });
});

describe('working hours', () => {
  const withHours = (hours: Record<string, string>): PolicyInput => ({
    members: [
      { email: 'maya@acme.test', name: 'Maya' },
      { email: 'ava@acme.test', name: 'Ava', hours },
    ],
  });

  it.each([
    ['hours without minutes', '9-17'],
    ['a range that ends before it starts', '17:00-09:00'],
    ['overlapping ranges', '08:30-12:00,11:30-18:00'],
    ['a time past midnight', '09:00-24:30'],
  ])('%s (%s) are rejected at that day range, quoting the bad text', (_label, text) => {
    expect(issuesOf(withHours({ 'mon-fri': text }))).toEqual([issueAt('members.1.hours.mon-fri', `'${text}'`, '09:00-17:30')]);
  });

  it('a day range spelled in full words (monday-friday) is rejected with the expected form', () => {
    expect(issuesOf(withHours({ 'monday-friday': '09:00-17:30' }))).toEqual([
      issueAt('members.1.hours.monday-friday', "'monday-friday' is not a day range", 'mon-fri'),
    ]);
  });

  it('two entries that give the same day overlapping hours are rejected, naming the day', () => {
    expect(issuesOf(withHours({ 'mon-fri': '09:00-12:00', mon: '11:00-13:00' }))).toEqual([issueAt('members.1.hours', 'mon overlap')]);
    expect(issuesOf(withHours({ 'mon-fri': '09:00-12:00', mon: '13:00-17:00' }))).toEqual([]);
  });

  it('split days, single days and a weekend that wraps are accepted', () => {
    expect(issuesOf(withHours({ 'mon-thu': '08:30-12:00,13:30-18:00', fri: '09:00-12:00', 'sat-sun': '10:00-12:00' }))).toEqual([]);
  });
});

describe('rules', () => {
  it('a typo in a condition name is rejected at the rule, naming the unknown key', () => {
    const document = { ...smallTeam(), rules: [{ name: 'Bounces', when: { categroy: ['bounce'] }, to: 'none' }] };

    expect(issuesOf(document)).toEqual([issueAt('rules.0.when', 'categroy')]);
  });

  it('a rule that routes to a pool that is not defined is rejected at its target', () => {
    const document = { ...smallTeam(), pools: { west: { members: ['ava@acme.test'] } }, rules: [{ name: 'East', to: { pool: 'east' } }] };

    expect(issuesOf(document)).toEqual([issueAt('rules.0.to.pool', "pool 'east' is not defined in pools")]);
  });

  it('a fallback pool that is not defined is rejected at the fallback', () => {
    const document = { ...smallTeam(), fallback: { pool: 'east' } };

    expect(issuesOf(document)).toEqual([issueAt('fallback.pool', "pool 'east' is not defined in pools")]);
  });

  it('two rules with the same name, in any case, are rejected at the second one', () => {
    const document = {
      ...smallTeam(),
      rules: [
        { name: 'West territory', when: { region: ['US-West'] }, to: { member: 'ava@acme.test' } },
        { name: 'west Territory', when: { region: ['US-West'] }, to: { member: 'ben@acme.test' } },
      ],
    };

    expect(issuesOf(document)).toEqual([issueAt('rules.1.name', 'rules.0', "already named 'west Territory'")]);
  });
});

describe('clocks and time zones', () => {
  it.each(['60 minutes', '1d', '1.5h', ''])('an SLA target of %j is rejected with examples of durations', (text) => {
    const document = { ...smallTeam(), sla: { interested: text } };

    expect(issuesOf(document)).toEqual([issueAt('sla.interested', 'duration', '45m', '1h30m')]);
  });

  it('SLA targets in minutes, hours, both, or end of day are accepted', () => {
    const document = { ...smallTeam(), sla: { interested: '45m', question: '2h', objection: '1h30m', not_now: 'end_of_day', complaint: '0m' } };

    expect(issuesOf(document)).toEqual([]);
  });

  it('a malformed absence delay is rejected at absence.unresponsive_after', () => {
    const document = { ...smallTeam(), absence: { unresponsive_after: 'an hour' } };

    expect(issuesOf(document)).toEqual([issueAt('absence.unresponsive_after', 'duration')]);
  });

  it('an org time zone that does not exist is rejected at timezone', () => {
    const document = { ...smallTeam(), timezone: 'Europe/Pariss' };

    expect(issuesOf(document)).toEqual([issueAt('timezone', 'IANA time zone', 'Europe/Paris')]);
  });
});

describe('sources', () => {
  it('a spelling claimed by two canonical sources is rejected at the second claim, naming the first source', () => {
    const document = {
      ...smallTeam(),
      sources: { webinar: ['Webinar', 'webinar-2026-10'], apollo: ['Apollo', 'Webinar 2026/10'] },
    };

    expect(issuesOf(document)).toEqual([issueAt('sources.apollo.1', "'Webinar 2026/10'", "source 'webinar'")]);
  });

  it('an alias that spells another canonical source name is rejected', () => {
    // Routing treats each canonical name as a spelling of itself, so this alias
    // would silently turn the source 'webinar' into 'apollo'.
    const document = { ...smallTeam(), sources: { webinar: ['webinar-2026-10'], apollo: ['Apollo', 'Webinar'] } };

    expect(issuesOf(document)).toEqual([issueAt('sources.apollo.1', "'Webinar'", "source 'webinar'")]);
  });

  it('the same spelling listed twice under one source is not a conflict', () => {
    const document = { ...smallTeam(), sources: { apollo: ['Apollo', 'APOLLO', 'apollo.io'] } };

    expect(issuesOf(document)).toEqual([]);
  });
});

describe('parseDurationMinutes', () => {
  it.each([
    ['60m', 60],
    ['2h', 120],
    ['1h30m', 90],
    ['0m', 0],
    [' 4h ', 240],
  ])('reads %j as %i minutes', (text, minutes) => {
    expect(parseDurationMinutes(text)).toBe(minutes);
  });

  it.each(['', '60 minutes', '1d', '90', '1.5h', '-1h', '30m1h', '2H', 'h'])('refuses %j', (text) => {
    expect(parseDurationMinutes(text)).toBeNull();
  });

  it('reads any hours-and-minutes duration as its total in minutes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        expect(parseDurationMinutes(`${h}h${m}m`)).toBe(h * 60 + m);
      }),
    );
  });
});

describe('parseDaySpec', () => {
  it.each([
    ['mon-fri', [1, 2, 3, 4, 5]],
    ['sat', [6]],
    ['sun', [0]],
    ['mon-sun', [0, 1, 2, 3, 4, 5, 6]],
    ['fri-mon', [0, 1, 5, 6]],
    ['mon,wed', [1, 3]],
    ['mon, wed-thu, sat', [1, 3, 4, 6]],
    ['MON-Fri', [1, 2, 3, 4, 5]],
  ])('reads %j as weekdays %j (0 is Sunday)', (spec, days) => {
    expect(parseDaySpec(spec)).toEqual(days);
  });

  it.each(['monday-friday', '', 'mon-', 'mon-wed-fri', 'mon,,fri', 'weekdays'])('refuses %j', (spec) => {
    expect(parseDaySpec(spec)).toBeNull();
  });
});

describe('parseTimeRanges', () => {
  it('reads one range as minutes since midnight', () => {
    expect(parseTimeRanges('09:00-17:30')).toEqual([{ start: 540, end: 1050 }]);
  });

  it('reads a split day in start order, whatever order it was written in', () => {
    expect(parseTimeRanges('13:30-18:00, 08:30-12:00')).toEqual([
      { start: 510, end: 720 },
      { start: 810, end: 1080 },
    ]);
  });

  it('accepts ranges that touch and a whole day up to 24:00', () => {
    expect(parseTimeRanges('09:00-12:00,12:00-13:00')).toEqual([
      { start: 540, end: 720 },
      { start: 720, end: 780 },
    ]);
    expect(parseTimeRanges('00:00-24:00')).toEqual([{ start: 0, end: 1440 }]);
  });

  it.each(['9-17', '17:00-09:00', '09:00-09:00', '08:30-12:00,11:30-18:00', '09:60-10:00', '24:30-25:00', '09:00', '09:00-12:00-13:00', ''])(
    'refuses %j',
    (text) => {
      expect(parseTimeRanges(text)).toBeNull();
    },
  );
});

describe('parseWeeklyHours', () => {
  it('gives each weekday its ranges and leaves the other days empty', () => {
    const week = parseWeeklyHours({ 'mon-fri': '09:00-17:30', sat: '10:00-12:00' });

    expect(week).toEqual([
      [],
      [{ start: 540, end: 1050 }],
      [{ start: 540, end: 1050 }],
      [{ start: 540, end: 1050 }],
      [{ start: 540, end: 1050 }],
      [{ start: 540, end: 1050 }],
      [{ start: 600, end: 720 }],
    ]);
  });

  it('merges two entries that cover the same day, in start order', () => {
    const week = parseWeeklyHours({ 'mon-fri': '13:00-17:00', mon: '08:00-12:00' });

    expect(week[1]).toEqual([
      { start: 480, end: 720 },
      { start: 780, end: 1020 },
    ]);
    expect(week[2]).toEqual([{ start: 780, end: 1020 }]);
  });

  it('an empty hours map means no working time on any day', () => {
    expect(parseWeeklyHours({})).toEqual([[], [], [], [], [], [], []]);
  });
});

describe('sourceKey', () => {
  it('case, punctuation and spaces do not count', () => {
    expect(sourceKey('APOLLO export')).toBe(sourceKey('apollo-export'));
    expect(sourceKey('Apollo.io')).toBe('apolloio');
  });

  it('accents do not count', () => {
    expect(sourceKey('Séminaire Été')).toBe(sourceKey('seminaire ete'));
  });

  it('different names stay different', () => {
    expect(sourceKey('webinar-2026-10')).not.toBe(sourceKey('webinar-2026-11'));
  });
});
