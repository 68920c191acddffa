// The contracts of the routes the manager's console reads beside the v1 core:
// the team, a thread's messages and ledger, the policy history and checks, the
// simulation and the metrics over time. The backend validates with these and
// generates OpenAPI from them; the console imports their types only (no zod in
// its bundle).
import { z } from 'zod';

export const TeamMemberView = z.object({
  email: z.string(),
  name: z.string(),
  role: z.enum(['rep', 'manager', 'admin']),
  timezone: z.string(),
  /** The policy's `hours` map (`{ "mon-fri": "09:00-17:30" }`); null: any time. */
  hours: z.record(z.string(), z.string()).nullable(),
  capacity: z.number().nullable(),
  backup: z.string().nullable(),
  /** False while on leave (policy `active: false`). */
  active: z.boolean(),
  /** Routing may give them replies now: active and not away. */
  available: z.boolean(),
  /** Why not, in words ("is away (pto) until …"). */
  unavailableReason: z.string().nullable(),
  /** Inside their working hours now. */
  workingNow: z.boolean(),
  /** Open threads they own (assigned or needs help). */
  openThreads: z.number(),
});
export type TeamMemberView = z.infer<typeof TeamMemberView>;

export const AbsenceView = z.object({
  id: z.string(),
  member: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  reason: z.string(),
  createdBy: z.string(),
});
export type AbsenceView = z.infer<typeof AbsenceView>;

export const TeamView = z.object({
  timezone: z.string(),
  now: z.string(),
  members: z.array(TeamMemberView),
  /** Current and future absences, soonest first. */
  absences: z.array(AbsenceView),
});
export type TeamView = z.infer<typeof TeamView>;

export const ThreadMessageView = z.object({
  id: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  from: z.object({ email: z.string(), name: z.string().nullable() }),
  to: z.array(z.object({ email: z.string(), name: z.string().optional() })),
  subject: z.string(),
  /** Empty once retention or an erasure removed it (`purged`). */
  text: z.string(),
  receivedAt: z.string(),
  category: z.string().nullable(),
  purged: z.boolean(),
});
export type ThreadMessageView = z.infer<typeof ThreadMessageView>;

export const LedgerEventView = z.object({
  seq: z.number(),
  at: z.string(),
  kind: z.string(),
  actor: z.string(),
  fromState: z.string(),
  toState: z.string(),
  fromOwner: z.string().nullable(),
  toOwner: z.string().nullable(),
  reason: z.string().nullable(),
  rule: z.string().nullable(),
  policyVersion: z.number().nullable(),
  explanation: z.string().nullable(),
});
export type LedgerEventView = z.infer<typeof LedgerEventView>;

export const PolicyVersionSummary = z.object({ version: z.number(), createdBy: z.string(), createdAt: z.string() });
export type PolicyVersionSummary = z.infer<typeof PolicyVersionSummary>;
export const PolicyVersionView = PolicyVersionSummary.extend({ policy: z.unknown(), yaml: z.string() });
export type PolicyVersionView = z.infer<typeof PolicyVersionView>;

/** One problem of a policy text: its path in the document and where it is in the text (1-based). */
export const PlacedIssue = z.object({ path: z.string(), message: z.string(), line: z.number(), column: z.number() });
export type PlacedIssue = z.infer<typeof PlacedIssue>;
export const PolicyCheckView = z.object({ valid: z.boolean(), issues: z.array(PlacedIssue) });
export type PolicyCheckView = z.infer<typeof PolicyCheckView>;

const SimulatedRouting = z.object({ owner: z.string().nullable(), placement: z.string(), rule: z.string().nullable(), explanation: z.string() });
export const SimulationView = z.object({
  draftVersion: z.number(),
  currentVersion: z.number(),
  results: z.array(
    z.object({
      messageId: z.string(),
      prospect: z.string(),
      category: z.string(),
      current: SimulatedRouting,
      draft: SimulatedRouting,
      changed: z.boolean(),
    }),
  ),
  summary: z.object({ total: z.number(), changed: z.number(), byOwner: z.record(z.string(), z.object({ current: z.number(), draft: z.number() })) }),
});
export type SimulationView = z.infer<typeof SimulationView>;

export const SERIES = [
  'first-response-by-category',
  'first-response-by-member',
  'sla',
  'reassignments',
  'reassignment-reasons',
  'queue-depth',
  'meetings',
] as const;
export type SeriesName = (typeof SERIES)[number];

const Percentiles = z.object({ medianMinutes: z.number().nullable(), p90Minutes: z.number().nullable(), replies: z.number() });

/** The metrics over time, in weeks starting Monday 00:00 in the org's time zone. */
export const MetricsSeriesView = z.object({
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  /** The start of each week, as an instant. */
  weeks: z.array(z.string()),
  /** Per category (or member), one entry per week. */
  firstResponseByCategory: z.record(z.string(), z.array(Percentiles)),
  firstResponseByMember: z.record(z.string(), z.array(Percentiles)),
  sla: z.array(z.object({ met: z.number(), breached: z.number() })),
  reassignments: z.array(z.object({ count: z.number() })),
  reassignmentReasons: z.array(z.object({ reason: z.string(), count: z.number() })),
  /** Hour of the day 0-23 (org time): the triage queue's mean and largest depth on the hour over the period. */
  queueDepth: z.array(z.object({ hour: z.number(), mean: z.number(), max: z.number() })),
  meetings: z.array(z.object({ replies: z.number(), meetings: z.number(), per100Replies: z.number() })),
});
export type MetricsSeriesView = z.infer<typeof MetricsSeriesView>;
