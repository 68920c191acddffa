// The tables. Every tenant table carries org_id, and every query filters on it
// (see store/org-store.ts). Migrations are generated from this file by drizzle-kit.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { HandoffNote } from '#shared/api';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const orgs = pgTable('orgs', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** The Microsoft Entra tenant (tid) whose users sign in to this org. */
  msTenantId: text('ms_tenant_id').unique(),
  /** The Google Workspace primary domain (hd) whose users sign in to this org. */
  googleDomain: text('google_domain').unique(),
  /** Days a message's text is kept; the ledger and metrics stay after it goes. */
  retentionDays: integer('retention_days').notNull().default(90),
  /** Where the team's sending tool receives sequence and suppression events. */
  webhookUrl: text('webhook_url'),
  /** The HMAC secret of those events, sealed (see crypto/secret-box.ts). */
  webhookSecretSealed: text('webhook_secret_sealed'),
  createdAt: instant('created_at').notNull().defaultNow(),
});

/**
 * The stable key of each person who signed in (Microsoft tid:oid, Google sub),
 * bound to the member address it was first seen with: an address that later
 * passes to someone else does not bring this identity along.
 */
export const memberIdentities = pgTable(
  'member_identities',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    provider: text('provider').notNull(),
    subject: text('subject').notNull(),
    email: text('email').notNull(),
    firstSeenAt: instant('first_seen_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.subject] }), uniqueIndex('member_identities_org_email_provider').on(t.orgId, t.provider, t.email)],
);

export const policyVersions = pgTable(
  'policy_versions',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    version: integer('version').notNull(),
    document: jsonb('document').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.version] })],
);

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    /** What an upsert matches on: `crm:<crmId>` when the row has one, else `name:<normalised name>`. */
    upsertKey: text('upsert_key').notNull(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    domains: text('domains')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    crmId: text('crm_id'),
    parentCrmId: text('parent_crm_id'),
    owner: text('owner'),
    segment: text('segment'),
    region: text('region'),
    country: text('country'),
    vip: boolean('vip').notNull().default(false),
    openOpportunity: boolean('open_opportunity').notNull().default(false),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('accounts_org_upsert_key').on(t.orgId, t.upsertKey),
    index('accounts_org_crm_id').on(t.orgId, t.crmId),
    index('accounts_org_name_key').on(t.orgId, t.nameKey),
    index('accounts_domains').using('gin', t.domains),
  ],
);

export const leads = pgTable(
  'leads',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    email: text('email').notNull(),
    name: text('name'),
    company: text('company'),
    crmAccountId: text('crm_account_id'),
    owner: text('owner'),
    source: text('source'),
    region: text('region'),
    country: text('country'),
    segment: text('segment'),
    language: text('language'),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.email] })],
);

export const threads = pgTable(
  'threads',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    state: text('state').notNull(),
    owner: text('owner'),
    /** Bumped by every change: writes are conditional on the version they read. */
    version: integer('version').notNull().default(1),
    category: text('category'),
    priority: integer('priority').notNull().default(0),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    subject: text('subject').notNull().default(''),
    prospectEmail: text('prospect_email').notNull(),
    prospectName: text('prospect_name'),
    accountId: uuid('account_id'),
    sequence: text('sequence'),
    mailbox: text('mailbox'),
    gmailThreadId: text('gmail_thread_id'),
    conversationId: text('conversation_id'),
    explanation: text('explanation'),
    followUpAt: instant('follow_up_at'),
    handoffNote: jsonb('handoff_note').$type<HandoffNote>(),
    outcome: text('outcome'),
    /** The latest inbound reply, which the current response clock measures from. */
    lastReplyAt: instant('last_reply_at'),
    /** The latest reply's first-response target; null when it has none. */
    slaDueAt: instant('sla_due_at'),
    /** The owner's first outbound message after the latest reply. */
    firstResponseAt: instant('first_response_at'),
    /** How many escalation steps of the running clock have fired. */
    escalationLevel: integer('escalation_level').notNull().default(0),
    /** When the next escalation step is due; null when no clock runs. The worker's index. */
    nextEscalationAt: instant('next_escalation_at'),
    /** When an owner who took no action since the assignment is replaced (policy `absence.unresponsive_after`). */
    unresponsiveAt: instant('unresponsive_at'),
    /** The absent owner the current owner stands in for (policy `absence.return: if_untouched`). */
    standInFor: text('stand_in_for'),
    /** The latest reply's classification (category cues and signals), shown in the sidebar. */
    classification: jsonb('classification').$type<Record<string, unknown>>(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('threads_org_state').on(t.orgId, t.state),
    index('threads_org_owner').on(t.orgId, t.owner),
    // Open threads per owner (capacity, least-loaded pools) without visiting closed ones.
    index('threads_org_open_owner')
      .on(t.orgId, t.owner)
      .where(sql`state in ('assigned', 'needs_help')`),
    index('threads_org_gmail').on(t.orgId, t.gmailThreadId),
    index('threads_org_conversation').on(t.orgId, t.conversationId),
    // The escalation worker reads only due clocks: an index, not a scan of open threads.
    index('threads_next_escalation')
      .on(t.nextEscalationAt)
      .where(sql`next_escalation_at is not null`),
    index('threads_unresponsive')
      .on(t.unresponsiveAt)
      .where(sql`unresponsive_at is not null`),
    index('threads_stand_in')
      .on(t.orgId, t.standInFor)
      .where(sql`stand_in_for is not null`),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id),
    /** Normalised Message-ID: the idempotency key. */
    messageKey: text('message_key').notNull(),
    messageId: text('message_id').notNull(),
    inReplyTo: text('in_reply_to'),
    references: text('references')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    direction: text('direction').notNull(),
    fromEmail: text('from_email').notNull(),
    fromName: text('from_name'),
    to: jsonb('to').notNull(),
    mailbox: text('mailbox'),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    headers: jsonb('headers').notNull(),
    receivedAt: instant('received_at').notNull(),
    category: text('category'),
    sequence: text('sequence'),
    source: text('source'),
    lead: jsonb('lead').notNull(),
    gmailThreadId: text('gmail_thread_id'),
    conversationId: text('conversation_id'),
    createdAt: instant('created_at').notNull(),
    /** When the text, subject and headers were removed (retention or erasure). */
    bodyPurgedAt: instant('body_purged_at'),
    /** The classifier's full result for an inbound reply: cues, language, signals. */
    classification: jsonb('classification').$type<Record<string, unknown>>(),
  },
  (t) => [uniqueIndex('messages_org_message_key').on(t.orgId, t.messageKey), index('messages_thread').on(t.threadId, t.receivedAt)],
);

/** The ledger: append-only; a trigger in the migrations refuses UPDATE and DELETE. */
export const threadEvents = pgTable(
  'thread_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id),
    at: instant('at').notNull(),
    kind: text('kind').notNull(),
    actor: text('actor').notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    fromOwner: text('from_owner'),
    toOwner: text('to_owner'),
    reason: text('reason'),
    rule: text('rule'),
    policyVersion: integer('policy_version'),
    explanation: text('explanation'),
    note: jsonb('note').$type<HandoffNote>(),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [index('thread_events_thread').on(t.threadId, t.seq)],
);

/** Round-robin cursors: the member each pool picked last, so rotation is fair across restarts and replicas. */
export const poolCursors = pgTable(
  'pool_cursors',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    pool: text('pool').notNull(),
    lastMember: text('last_member').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.pool] })],
);

/** API keys of machine callers (sending tools, connectors): the secret is kept as a hash, and sealed for webhook signatures. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    name: text('name').notNull(),
    secretHash: text('secret_hash').notNull(),
    sealedSecret: text('sealed_secret').notNull(),
    scopes: text('scopes').array().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
    /** Set when a rotation gives the old key a last day of overlap. */
    expiresAt: instant('expires_at'),
    revokedAt: instant('revoked_at'),
    lastUsedAt: instant('last_used_at'),
    /** How this connection's field names map to ours (see use-cases/field-mapping.ts); null: none. */
    fieldMapping: jsonb('field_mapping').$type<Record<string, string>>(),
  },
  (t) => [index('api_keys_org').on(t.orgId)],
);

/** Signatures of webhook deliveries already accepted, so that a replay is refused. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    signature: text('signature').notNull(),
    receivedAt: instant('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.signature] }), index('webhook_deliveries_received').on(t.receivedAt)],
);

/** Addresses the team must not write to again: opted out, complained, or invalid (hard bounce). */
export const suppressions = pgTable(
  'suppressions',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    email: text('email').notNull(),
    reason: text('reason').notNull(),
    threadId: uuid('thread_id'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.email] })],
);

/** Follow-up tasks that categories create (an interested reply: call today). */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id),
    assignee: text('assignee'),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    dueOn: text('due_on').notNull(),
    doneAt: instant('done_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('tasks_org_assignee').on(t.orgId, t.assignee, t.dueOn)],
);

/** Events for the team's sending tool, written in the same transaction as their cause and delivered with retries. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: instant('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull(),
    deliveredAt: instant('delivered_at'),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_due')
      .on(t.nextAttemptAt)
      .where(sql`delivered_at is null`),
  ],
);

/** Members away (PTO, sick, travel): routing skips them while the absence runs. */
export const absences = pgTable(
  'absences',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    member: text('member').notNull(),
    startsAt: instant('starts_at').notNull(),
    /** Null: away until they say they are back. */
    endsAt: instant('ends_at'),
    reason: text('reason').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
    cancelledAt: instant('cancelled_at'),
  },
  (t) => [index('absences_org_member').on(t.orgId, t.member, t.startsAt)],
);

/**
 * Mailboxes the IMAP connector watches. Credentials are sealed (see
 * crypto/secret-box.ts); the lease names the one process that runs the
 * connector, renewed while it lives and taken over once it lapses.
 */
export const mailboxes = pgTable(
  'mailboxes',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    /** The address mail arrives at (the `mailbox` of ingested messages). */
    address: text('address').notNull(),
    host: text('host').notNull(),
    port: integer('port').notNull(),
    tls: boolean('tls').notNull(),
    username: text('username').notNull(),
    /** `password` (LOGIN/PLAIN) or `xoauth2` (an OAuth2 access token). */
    auth: text('auth').notNull(),
    credentialSealed: text('credential_sealed').notNull(),
    inboxFolder: text('inbox_folder').notNull(),
    /** Null: outbound mail is not watched. */
    sentFolder: text('sent_folder'),
    markSeen: boolean('mark_seen').notNull().default(false),
    /** A folder to move ingested inbound messages to; null: leave them where they are. */
    moveTo: text('move_to'),
    /** Bumped when the connection settings change, so a running connector restarts with them. */
    configVersion: integer('config_version').notNull().default(1),
    status: text('status').notNull().default('pending'),
    statusMessage: text('status_message'),
    statusAt: instant('status_at'),
    lastSyncAt: instant('last_sync_at'),
    leaseHolder: text('lease_holder'),
    leaseUntil: instant('lease_until'),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('mailboxes_org_address').on(t.orgId, t.address), index('mailboxes_lease').on(t.leaseUntil)],
);

/** Per watched folder: the UIDVALIDITY seen and the highest UID ingested. */
export const mailboxCheckpoints = pgTable(
  'mailbox_checkpoints',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    mailboxId: uuid('mailbox_id')
      .notNull()
      .references(() => mailboxes.id, { onDelete: 'cascade' }),
    folder: text('folder').notNull(),
    uidValidity: bigint('uid_validity', { mode: 'number' }).notNull(),
    lastUid: bigint('last_uid', { mode: 'number' }).notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.mailboxId, t.folder] })],
);
