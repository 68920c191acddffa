// The routing policy document: its schema, its cross-reference checks and the
// parsers of its small languages (durations, working hours). Pure; shared by
// the backend (which enforces it) and the console (which edits it).
import { z } from 'zod';
import { Category } from './api.ts';
import { CATEGORIES } from './categories.ts';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Minutes since midnight, [start, end). */
export interface TimeRange {
  start: number;
  end: number;
}
/** Working ranges per weekday, index 0 = Sunday (as Date#getDay). */
export type WeeklyHours = TimeRange[][];

const durationPattern = /^(?:(\d+)h)?(?:(\d+)m)?$/;

/** `60m`, `2h`, `1h30m` to minutes; `null` when malformed. */
export function parseDurationMinutes(text: string): number | null {
  const match = durationPattern.exec(text.trim());
  if (!match || (match[1] === undefined && match[2] === undefined)) return null;
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

function parseClock(text: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
  return hours * 60 + minutes;
}

/** `mon-fri`, `sat`, `mon,wed,fri`, `fri-mon` (wraps) to weekday indexes; `null` when malformed. */
export function parseDaySpec(spec: string): number[] | null {
  const days = new Set<number>();
  for (const part of spec.split(',').map((p) => p.trim().toLowerCase())) {
    const [from, to, extra] = part.split('-');
    if (extra !== undefined || from === undefined) return null;
    const start = WEEKDAYS.indexOf(from as Weekday);
    const end = to === undefined ? start : WEEKDAYS.indexOf(to as Weekday);
    if (start < 0 || end < 0) return null;
    for (let d = start; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === end) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

/** `"08:30-12:00,13:30-18:00"` to ranges; `null` when malformed or overlapping. */
export function parseTimeRanges(text: string): TimeRange[] | null {
  const ranges: TimeRange[] = [];
  for (const part of text.split(',')) {
    const [from, to, extra] = part.split('-');
    if (from === undefined || to === undefined || extra !== undefined) return null;
    const start = parseClock(from);
    const end = parseClock(to);
    if (start === null || end === null || start >= end) return null;
    ranges.push({ start, end });
  }
  ranges.sort((a, b) => a.start - b.start);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i]!.start < ranges[i - 1]!.end) return null;
  }
  return ranges;
}

/** A policy `hours` map to ranges per weekday. Assumes it passed validation. */
export function parseWeeklyHours(hours: Record<string, string>): WeeklyHours {
  const week: WeeklyHours = [[], [], [], [], [], [], []];
  for (const [spec, text] of Object.entries(hours)) {
    const ranges = parseTimeRanges(text) ?? [];
    for (const day of parseDaySpec(spec) ?? []) week[day]!.push(...ranges);
  }
  for (const day of week) day.sort((a, b) => a.start - b.start);
  return week;
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address like ava@acme.test' }));
const TimeZone = z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Paris' });
const Duration = z.string().refine((text) => parseDurationMinutes(text) !== null, {
  message: 'must be a duration such as 0m, 45m, 2h or 1h30m',
});
const NonEmptyText = z.string().trim().min(1, { message: 'must not be empty' });
const NonEmptyList = <T extends z.ZodType>(item: T) => z.array(item).min(1, { message: 'must list at least one value' });

const Hours = z.record(z.string(), z.string()).superRefine((hours, ctx) => {
  let wellFormed = true;
  for (const [spec, text] of Object.entries(hours)) {
    if (parseDaySpec(spec) === null) {
      ctx.addIssue({ code: 'custom', path: [spec], message: `'${spec}' is not a day range such as mon-fri, sat or mon,wed` });
    }
    if (parseTimeRanges(text) === null) {
      ctx.addIssue({
        code: 'custom',
        path: [spec],
        message: `'${text}' is not a list of time ranges such as "09:00-17:30" or "08:30-12:00,13:30-18:00" (each start before its end, no overlaps)`,
      });
    }
    if (parseDaySpec(spec) === null || parseTimeRanges(text) === null) wellFormed = false;
  }
  if (!wellFormed) return;
  // Two entries may cover the same day ("mon-fri" and "mon"), but not the same minutes.
  const week = parseWeeklyHours(hours);
  week.forEach((ranges, day) => {
    for (let i = 1; i < ranges.length; i++) {
      if (ranges[i]!.start < ranges[i - 1]!.end) {
        ctx.addIssue({ code: 'custom', path: [], message: `the hours given for ${WEEKDAYS[day]} overlap; list each stretch of time once` });
        return;
      }
    }
  });
});

export const Role = z.enum(['rep', 'manager', 'admin']);
export type Role = z.infer<typeof Role>;

export const PolicyMember = z.strictObject({
  email: Email,
  name: NonEmptyText,
  role: Role.default('rep'),
  timezone: TimeZone.optional(),
  hours: Hours.optional(),
  languages: z.array(z.string().trim().toLowerCase()).optional(),
  skills: z.array(NonEmptyText).optional(),
  backup: Email.optional(),
  capacity: z.number().int().positive().optional(),
  /** `false` while the member is on leave: routing then uses their backup. */
  active: z.boolean().default(true),
  /** How the member hears of assignments, handoffs and escalations. */
  notify: z.array(z.enum(['email', 'slack'])).default(['email']),
  /** Their Slack incoming-webhook URL, for `notify: [slack]`. */
  slack_webhook: z.url({ protocol: /^https?$/, message: 'must be a Slack incoming-webhook URL' }).optional(),
});
export type PolicyMember = z.infer<typeof PolicyMember>;

export const Pool = z.strictObject({
  members: NonEmptyList(Email),
  strategy: z.enum(['round_robin', 'least_loaded']).default('round_robin'),
});
export type Pool = z.infer<typeof Pool>;

const Owned = z.enum(['owned', 'unowned']);

export const RuleConditions = z.strictObject({
  thread: Owned.optional(),
  account: Owned.optional(),
  lead: Owned.optional(),
  sequence: Owned.optional(),
  category: NonEmptyList(Category).optional(),
  keywords: NonEmptyList(NonEmptyText).optional(),
  source: NonEmptyList(NonEmptyText).optional(),
  language: NonEmptyList(z.string().trim().toLowerCase()).optional(),
  region: NonEmptyList(NonEmptyText).optional(),
  country: NonEmptyList(NonEmptyText).optional(),
  segment: NonEmptyList(NonEmptyText).optional(),
  mailbox: NonEmptyList(Email).optional(),
  vip: z.boolean().optional(),
  /** The classifier's escalation flag (a legal or regulator threat). */
  escalation: NonEmptyList(z.enum(['legal'])).optional(),
  /** `high`: the reply asks about pricing, a demo, security, an integration or a contract. */
  intent: z.enum(['high']).optional(),
});
export type RuleConditions = z.infer<typeof RuleConditions>;

export const NAMED_TARGETS = ['thread_owner', 'account_owner', 'lead_owner', 'sequence_owner', 'none', 'triage'] as const;
export const Target = z.union([z.enum(NAMED_TARGETS), z.strictObject({ member: Email }), z.strictObject({ pool: NonEmptyText })]);
export type Target = z.infer<typeof Target>;

export const Rule = z.strictObject({
  name: NonEmptyText,
  when: RuleConditions.default({}),
  to: Target,
});
export type Rule = z.infer<typeof Rule>;

export const FallbackTarget = z.union([z.literal('triage'), z.strictObject({ member: Email }), z.strictObject({ pool: NonEmptyText })]);

const SlaTarget = z.union([z.literal('end_of_day'), Duration]);

export const CategoryActions = z.strictObject({
  task: z.enum(['today', 'tomorrow']).optional(),
  follow_up: z.enum(['return_date']).optional(),
  /** Out-of-office without a return date: follow up this many business days later (default 5). */
  follow_up_days: z.number().int().min(1).max(60).optional(),
  pause_sequence: z.boolean().optional(),
  stop_sequence: z.boolean().optional(),
  suppress: z.enum(['invalid', 'opt_out']).optional(),
});

const CategoryKey = z.enum(CATEGORIES);

export const PolicyDocument = z
  .strictObject({
    timezone: TimeZone.default('UTC'),
    /** The org's business hours, for the triage queue's clocks; none means any time. */
    hours: Hours.optional(),
    /** The org's holidays (local dates): no working time for anyone. */
    holidays: z.array(z.iso.date({ message: 'must be a date such as 2026-12-25' })).default([]),
    members: NonEmptyList(PolicyMember),
    pools: z.record(NonEmptyText, Pool).default({}),
    sequences: z.record(NonEmptyText, z.strictObject({ owner: Email, backup: Email.optional() })).default({}),
    sources: z.record(NonEmptyText, z.array(NonEmptyText)).default({}),
    rules: z.array(Rule).default([]),
    fallback: FallbackTarget.default('triage'),
    sla: z.partialRecord(CategoryKey, SlaTarget).default({}),
    absence: z
      .strictObject({
        unresponsive_after: Duration.optional(),
        /** `if_untouched`: a thread moved to a backup because of an absence goes back when the absence ends, unless the stand-in answered. */
        return: z.enum(['if_untouched']).optional(),
      })
      .default({}),
    /** On-call cover outside owners' hours: a reply whose target would run out before its owner is back goes to whoever is on duty. */
    coverage: z
      .array(
        z.strictObject({
          member: Email,
          days: NonEmptyList(z.enum(WEEKDAYS)),
          hours: z.string().refine((text) => parseTimeRanges(text) !== null, { message: 'must be time ranges such as "10:00-12:00"' }),
        }),
      )
      .default([]),
    /** What happens when a clock runs out: steps after the breach, each with its actions. */
    escalation: z
      .array(
        z.strictObject({
          after: z.union([z.literal('breach'), Duration]),
          do: NonEmptyList(z.enum(['notify_owner', 'notify_manager', 'reassign_backup'])),
        }),
      )
      .default([
        { after: 'breach', do: ['notify_owner'] },
        { after: '30m', do: ['reassign_backup', 'notify_manager'] },
      ]),
    categories: z.partialRecord(CategoryKey, CategoryActions).default({}),
  })
  .superRefine(checkReferences);
export type Policy = z.infer<typeof PolicyDocument>;
/** What a client may send: defaults not yet applied. */
export type PolicyInput = z.input<typeof PolicyDocument>;

type RefinementContext = z.core.$RefinementCtx<Policy>;

/** Cross-reference checks that a field-by-field schema cannot make. */
function checkReferences(policy: Policy, ctx: RefinementContext): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const memberIndex = new Map<string, number>();
  policy.members.forEach((member, i) => {
    const first = memberIndex.get(member.email);
    if (first !== undefined) issue(['members', i, 'email'], `${member.email} is listed twice (first at members.${first})`);
    else memberIndex.set(member.email, i);
  });
  const requireMember = (email: string, path: (string | number)[]) => {
    if (!memberIndex.has(email)) issue(path, `${email} is not in members`);
  };

  policy.members.forEach((member, i) => {
    if (member.backup === undefined) return;
    requireMember(member.backup, ['members', i, 'backup']);
    if (member.backup === member.email) issue(['members', i, 'backup'], `${member.email} cannot be their own backup`);
  });
  // A backup chain that comes back to where it started would leave nobody to take over.
  const backupOf = new Map(policy.members.map((m) => [m.email, m.backup]));
  policy.members.forEach((member, i) => {
    const seen = [member.email];
    for (let next = member.backup; next !== undefined && backupOf.has(next); next = backupOf.get(next)) {
      if (seen.includes(next)) {
        if (next === member.email && seen.length > 1) {
          issue(['members', i, 'backup'], `backup loop: ${[...seen, next].join(' -> ')}`);
        }
        break;
      }
      seen.push(next);
    }
  });

  for (const [name, pool] of Object.entries(policy.pools)) {
    pool.members.forEach((email, j) => requireMember(email, ['pools', name, 'members', j]));
  }
  policy.coverage.forEach((cover, i) => requireMember(cover.member, ['coverage', i, 'member']));
  for (const [key, sequence] of Object.entries(policy.sequences)) {
    requireMember(sequence.owner, ['sequences', key, 'owner']);
    if (sequence.backup !== undefined) requireMember(sequence.backup, ['sequences', key, 'backup']);
  }

  // Every canonical name means itself; a spelling may mean only one source.
  const aliasOwner = new Map<string, string>(Object.keys(policy.sources).map((canonical) => [sourceKey(canonical), canonical]));
  for (const [canonical, aliases] of Object.entries(policy.sources)) {
    for (const [j, alias] of aliases.entries()) {
      const key = sourceKey(alias);
      const other = aliasOwner.get(key);
      if (other !== undefined && other !== canonical) {
        issue(['sources', canonical, j], `'${alias}' already means the source '${other}'`);
      }
      aliasOwner.set(key, canonical);
    }
  }

  const ruleNames = new Map<string, number>();
  policy.rules.forEach((rule, i) => {
    const first = ruleNames.get(rule.name.toLowerCase());
    if (first !== undefined) issue(['rules', i, 'name'], `another rule (rules.${first}) is already named '${rule.name}'`);
    else ruleNames.set(rule.name.toLowerCase(), i);
    checkTarget(rule.to, ['rules', i, 'to']);
  });
  checkTarget(policy.fallback, ['fallback']);

  function checkTarget(target: Target, path: (string | number)[]) {
    if (typeof target === 'string') return;
    if ('member' in target) requireMember(target.member, [...path, 'member']);
    else if (!(target.pool in policy.pools)) issue([...path, 'pool'], `pool '${target.pool}' is not defined in pools`);
  }
}

/** How source names and their spellings are compared: case, accents and punctuation do not count. */
export function sourceKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
