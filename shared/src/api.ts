// The v1 HTTP contract: request bodies, the thread view and the error shape.
// The backend validates with these, the add-ins parse responses with them and
// the OpenAPI document is generated from them.
import { z } from 'zod';
import { CATEGORIES } from './categories.ts';
import { OUTCOMES } from './outcomes.ts';

export { OUTCOMES };
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address like chris@northwind.com' }));
const Instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant such as 2026-11-23T09:12:00Z' });
const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(max, { message: `must be at most ${max} characters` });

export const Address = z.strictObject({ email: Email, name: z.string().trim().max(200).optional() });
export type Address = z.infer<typeof Address>;

const MessageIdText = z
  .string()
  .trim()
  .min(3, { message: 'must be a Message-ID such as <CAF1x@mail.example.com>' })
  .max(998, { message: 'must be at most 998 characters (RFC 5322 line limit)' })
  .refine((id) => id.includes('@') && !/\s/.test(id), { message: 'must be a Message-ID such as <CAF1x@mail.example.com>' });

/** What a sending tool, a connector or a sidebar tells the backend about one message. */
export const IngestMessage = z.strictObject({
  messageId: MessageIdText,
  inReplyTo: MessageIdText.optional(),
  references: z.array(MessageIdText).max(100, { message: 'must list at most 100 Message-IDs' }).default([]),
  gmailThreadId: Text(200).optional(),
  conversationId: Text(500).optional(),
  direction: z.enum(['inbound', 'outbound']),
  from: Address,
  to: z.array(Address).max(100).default([]),
  mailbox: Email.optional(),
  subject: z.string().max(2000, { message: 'must be at most 2000 characters' }).default(''),
  text: z.string().max(200_000, { message: 'must be at most 200,000 characters' }).default(''),
  headers: z.record(z.string(), z.string().max(10_000)).default({}),
  receivedAt: Instant,
  sequence: Text(200).optional(),
  source: Text(200).optional(),
  category: Category.optional(),
  lead: z
    .strictObject({
      name: Text(200).optional(),
      company: Text(300).optional(),
      crmAccountId: Text(200).optional(),
      region: Text(100).optional(),
      country: Text(100).optional(),
      segment: Text(100).optional(),
      language: z.string().trim().toLowerCase().min(2).max(8).optional(),
    })
    .default({}),
});
export type IngestMessage = z.infer<typeof IngestMessage>;
export type IngestMessageInput = z.input<typeof IngestMessage>;

export const KeyFacts = z
  .strictObject({
    persona: Text(500).optional(),
    pain: Text(1000).optional(),
    tools: Text(500).optional(),
    timing: Text(500).optional(),
  })
  .refine((facts) => Object.values(facts).some((v) => v !== undefined), {
    message: 'must give at least one of persona, pain, tools, timing',
  });

export const HandoffNote = z.strictObject({
  context: Text(2000),
  whatHappened: Text(500),
  tags: z.array(Text(40)).min(1, { message: 'must give 1 or 2 tags' }).max(2, { message: 'must give 1 or 2 tags' }),
  keyFacts: KeyFacts,
  nextStep: Text(500),
  promisedAt: Instant.optional(),
});
export type HandoffNote = z.infer<typeof HandoffNote>;

const Reason = Text(500);

export const ClaimBody = z.strictObject({ reason: Reason.optional() }).default({});
export const ReleaseBody = z.strictObject({ reason: Reason });
export const HandoffBody = z.strictObject({ to: Email, reason: Reason, note: HandoffNote });
export const NeedsHelpBody = z.strictObject({ reason: Reason });
export const ReassignBody = z.strictObject({ to: Email, reason: Reason });
export const TagsBody = z
  .strictObject({ add: z.array(Text(40)).max(20).default([]), remove: z.array(Text(40)).max(20).default([]) })
  .refine((body) => body.add.length + body.remove.length > 0, { message: 'must add or remove at least one tag' });
export const FollowUpBody = z.strictObject({ at: Instant.nullable() });
export const CategoryBody = z.strictObject({ category: Category, reason: Reason.optional() });
export const ResolveBody = z.strictObject({ outcome: z.enum(OUTCOMES), reason: Reason.optional() });

export const THREAD_STATES = ['unassigned', 'assigned', 'needs_help', 'waiting', 'closed'] as const;
export const ThreadState = z.enum(THREAD_STATES);
export type ThreadState = z.infer<typeof ThreadState>;

export const THREAD_ACTIONS = ['claim', 'release', 'handoff', 'needs-help', 'tags', 'follow-up', 'resolve', 'reassign', 'category'] as const;
export const ThreadAction = z.enum(THREAD_ACTIONS);
export type ThreadAction = z.infer<typeof ThreadAction>;

export const HistoryItem = z.object({
  at: z.string(),
  kind: z.string(),
  by: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  reason: z.string().nullable(),
  rule: z.string().nullable(),
  policyVersion: z.number().nullable(),
  explanation: z.string().nullable(),
});
export type HistoryItem = z.infer<typeof HistoryItem>;

export const SlaView = z.object({
  dueAt: z.string().nullable(),
  status: z.enum(['running', 'met', 'breached']),
  respondedAt: z.string().nullable(),
  /** Working minutes left in the owner's hours while the clock runs; 0 once met or breached. */
  remainingBusinessMinutes: z.number(),
});

export const ClassificationView = z.object({
  source: z.enum(['upstream', 'classifier', 'corrected']),
  confidence: z.number(),
  cues: z.array(z.string()),
  language: z.string().nullable(),
  tags: z.array(z.string()),
  intent: z.enum(['high']).nullable(),
  escalation: z.enum(['legal']).nullable(),
  returnDate: z.string().nullable(),
  alternateContact: z.string().nullable(),
  referral: z.string().nullable(),
  followUpDate: z.string().nullable(),
  bounce: z
    .object({
      kind: z.enum(['hard', 'soft']),
      recipient: z.string().nullable(),
      status: z.string().nullable(),
      action: z.string().nullable(),
      diagnostic: z.string().nullable(),
    })
    .nullable(),
});
export type ClassificationView = z.infer<typeof ClassificationView>;

export const ThreadView = z.object({
  id: z.string(),
  state: ThreadState,
  version: z.number(),
  owner: z.object({ email: z.string(), name: z.string() }).nullable(),
  lockedForMe: z.boolean(),
  category: Category.nullable(),
  /** Why the latest reply has its category, and the signals beside it. */
  classification: ClassificationView.nullable(),
  /** The prospect opted out, complained or bounced: do not write to them. */
  suppressed: z.boolean(),
  priority: z.number(),
  tags: z.array(z.string()),
  subject: z.string(),
  prospect: z.object({ email: z.string(), name: z.string().nullable() }),
  account: z.object({ name: z.string(), owner: z.string().nullable() }).nullable(),
  sequence: z.string().nullable(),
  mailbox: z.string().nullable(),
  explanation: z.string().nullable(),
  sla: SlaView.nullable(),
  followUpAt: z.string().nullable(),
  handoffNote: HandoffNote.nullable(),
  outcome: z.string().nullable(),
  lastReplyAt: z.string().nullable(),
  history: z.array(HistoryItem),
  allowedActions: z.array(ThreadAction),
});
export type ThreadView = z.infer<typeof ThreadView>;

export const QueueItem = z.object({
  id: z.string(),
  state: ThreadState,
  owner: z.string().nullable(),
  category: Category.nullable(),
  priority: z.number(),
  prospect: z.string(),
  subject: z.string(),
  lastReplyAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  /** The owner's first response to the latest reply, when there was one: the clock has stopped. */
  respondedAt: z.string().nullable(),
  explanation: z.string().nullable(),
  tags: z.array(z.string()),
  sequence: z.string().nullable(),
});
export const QueueView = z.object({
  triage: z.array(QueueItem),
  needsHelp: z.array(QueueItem),
  open: z.array(QueueItem),
});
export type QueueView = z.infer<typeof QueueView>;

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

const CsvBoolean = z.union([
  z.boolean(),
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ['true', 'false', 'yes', 'no', '1', '0', ''].includes(v), { message: 'must be true or false' })
    .transform((v) => ['true', 'yes', '1'].includes(v)),
]);
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .optional()
    .transform((v) => (v === '' ? undefined : v));
const OptionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.email({ message: 'must be a member email address' }).optional());
const DomainList = z
  .union([z.array(z.string()), z.string().transform((v) => v.split(/[;,\s]+/))])
  .transform((list) => list.map((d) => d.trim().toLowerCase()).filter((d) => d !== ''))
  .pipe(z.array(z.string().regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, { message: 'must be a domain such as northwind.com' })));

/** A CRM account row, as JSON or one CSV line (lists separated by `;`). */
export const AccountRow = z.strictObject({
  name: Text(300),
  domains: DomainList.default([]),
  crmId: OptionalText(200),
  parent: OptionalText(200),
  owner: OptionalEmail,
  segment: OptionalText(100),
  region: OptionalText(100),
  country: OptionalText(100),
  vip: CsvBoolean.default(false),
  openOpportunity: CsvBoolean.default(false),
});
export type AccountRow = z.infer<typeof AccountRow>;

export const LeadRow = z.strictObject({
  email: Email,
  name: OptionalText(200),
  company: OptionalText(300),
  crmAccountId: OptionalText(200),
  owner: OptionalEmail,
  source: OptionalText(200),
  region: OptionalText(100),
  country: OptionalText(100),
  segment: OptionalText(100),
  language: OptionalText(8),
});
export type LeadRow = z.infer<typeof LeadRow>;

export const UpsertResult = z.object({ inserted: z.number(), updated: z.number() });

export const MemberSummary = z.object({
  email: z.string(),
  name: z.string(),
  role: z.enum(['rep', 'manager', 'admin']),
});
export type MemberSummary = z.infer<typeof MemberSummary>;

/** Who the caller is, and what a sidebar needs beside a thread: the team to hand off to and the tag set. */
export const MeView = z.object({
  me: MemberSummary,
  org: z.object({ name: z.string() }),
  members: z.array(MemberSummary),
  tags: z.array(z.string()),
});
export type MeView = z.infer<typeof MeView>;
