// History import (`npm run import`): past replies and sends from an mbox, a
// folder of .eml files or a CSV export. Record-only by default: each message
// is stored on its thread (classified, not routed: no owner, no clock, no
// ledger event), so POST /v1/policy/simulate with { last: N } can replay real
// replies. With `route`, each goes through the live ingest path as if new.
import { IngestMessage } from '#shared/api';
import { normaliseMessageId } from '#shared/email-address';
import { insertMessageIfNew, threadIdOfAnyMessage, threadIdOfMessage } from '../store/messages.ts';
import { inTransaction, type Scope } from '../store/scope.ts';
import { findThreadByHint, insertThread } from '../store/threads.ts';
import type { HistoryItem } from '../connectors/history/history-files.ts';
import type { Deps } from './deps.ts';
import { classifyInbound, messageRecord } from './message-record.ts';
import { ingestMessage } from './ingest-message.ts';
import { parseRawMessage } from './ingest-raw.ts';
import { loadPolicy, zodIssues } from './policy.ts';

export interface ImportOptions {
  /** Route each message as if it arrived now, instead of recording it. */
  route: boolean;
  /** The address the messages arrived at, when they do not say (a shared inbox's export). */
  mailbox?: string | undefined;
}

export type ImportOutcome = { status: 'stored' | 'known' } | { status: 'skipped'; reason: string };

export interface ImportTotals {
  stored: number;
  known: number;
  skipped: number;
  /** The first problems, with where they are in the file. */
  problems: string[];
}

/** CSV columns: the names of DESIGN.md's message, in snake_case (documented in the README). */
const list = (value: string | undefined) =>
  value
    ? value
        .split(/[,;]\s*|\s+(?=<)/)
        .map((v) => v.trim())
        .filter((v) => v !== '')
    : [];
const nonEmpty = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

/** One CSV row as the message it describes, or why it is not one. */
export function messageOfRow(row: Record<string, string>, mailbox: string | undefined): { ok: true; message: IngestMessage } | { ok: false; reason: string } {
  const get = (...names: string[]) => nonEmpty(names.map((n) => row[n]).find((v) => v !== undefined && v.trim() !== ''));
  const receivedRaw = get('received_at', 'date', 'receivedAt');
  const received = receivedRaw ? new Date(receivedRaw) : null;
  const lead: Record<string, string> = {};
  for (const field of ['company', 'name', 'region', 'country', 'segment', 'language']) {
    const value = get(`lead_${field}`);
    if (value) lead[field] = value;
  }
  const crmAccountId = get('lead_crm_account_id');
  if (crmAccountId) lead.crmAccountId = crmAccountId;
  const candidate = {
    messageId: get('message_id', 'messageId'),
    inReplyTo: get('in_reply_to', 'inReplyTo'),
    references: (get('references') ?? '').split(/\s+/).filter((r) => r.includes('@')),
    gmailThreadId: get('gmail_thread_id'),
    conversationId: get('conversation_id'),
    direction: get('direction')?.toLowerCase() ?? 'inbound',
    from: { email: get('from_email', 'from')?.toLowerCase(), ...(get('from_name') ? { name: get('from_name') } : {}) },
    to: list(get('to')).map((email) => ({ email: email.replace(/^.*<|>$/g, '').toLowerCase() })),
    mailbox: (get('mailbox') ?? mailbox)?.toLowerCase(),
    subject: get('subject') ?? '',
    text: row.text ?? row.body ?? '',
    receivedAt: received && !Number.isNaN(received.getTime()) ? received.toISOString() : receivedRaw,
    sequence: get('sequence', 'sequence_id'),
    source: get('source'),
    category: get('category'),
    lead,
  };
  const parsed = IngestMessage.safeParse(JSON.parse(JSON.stringify(candidate)));
  if (!parsed.success) {
    const issue = zodIssues(parsed.error)[0];
    return { ok: false, reason: `${issue?.path || '(row)'}: ${issue?.message}` };
  }
  return { ok: true, message: parsed.data };
}

/** Stores a message on its thread without routing it. Idempotent on Message-ID. */
export async function recordMessage(deps: Deps, scope: Scope, message: IngestMessage, reportType: string | null): Promise<'stored' | 'known'> {
  const messageKey = normaliseMessageId(message.messageId);
  return inTransaction(scope, async (tx) => {
    if (await threadIdOfMessage(tx, messageKey)) return 'known';
    const now = deps.clock.now();
    const inbound = message.direction === 'inbound';
    const prospect = inbound ? message.from : (message.to.find((a) => a.email !== message.mailbox) ?? message.to[0] ?? message.from);
    const references = [...new Set([message.inReplyTo, ...message.references].filter((r): r is string => r !== undefined).map(normaliseMessageId))];
    const threadId =
      (await threadIdOfAnyMessage(tx, references)) ??
      (await findThreadByHint(tx, { gmailThreadId: message.gmailThreadId, conversationId: message.conversationId, prospectEmail: prospect.email })) ??
      (
        await insertThread(tx, {
          id: deps.newId(),
          // History: closed, with no owner and no clock. A new reply from the prospect reopens it and is routed.
          state: 'closed',
          subject: message.subject,
          prospectEmail: prospect.email,
          prospectName: prospect.name ?? null,
          sequence: message.sequence ?? null,
          mailbox: message.mailbox ?? null,
          gmailThreadId: message.gmailThreadId ?? null,
          conversationId: message.conversationId ?? null,
          explanation: 'Imported from history: recorded, not routed.',
          createdAt: now,
          updatedAt: now,
        })
      ).id;
    const receivedAt = new Date(message.receivedAt);
    const classification = classifyInbound(message, receivedAt, reportType);
    const inserted = await insertMessageIfNew(tx, messageRecord(message, { id: deps.newId(), threadId, messageKey }, receivedAt, classification, now));
    return inserted ? 'stored' : 'known';
  });
}

/**
 * Imports one item of a history file. A message from a member of the team (the
 * policy's members) is an outbound send; anything else an inbound reply.
 */
export async function importItem(deps: Deps, scope: Scope, item: HistoryItem, options: ImportOptions, members: ReadonlySet<string>): Promise<ImportOutcome> {
  let message: IngestMessage;
  let reportType: string | null = null;
  if (item.kind === 'row') {
    const parsed = messageOfRow(item.row, options.mailbox);
    if (!parsed.ok) return { status: 'skipped', reason: parsed.reason };
    // Without a direction column, the team's own messages are its sends.
    message = !nonEmpty(item.row.direction) && members.has(parsed.message.from.email) ? { ...parsed.message, direction: 'outbound' } : parsed.message;
  } else {
    const parsed = await parseRawMessage(item.raw, { direction: 'inbound', mailbox: options.mailbox, receivedAt: item.receivedAt ?? deps.clock.now() });
    if (!parsed.ok) return { status: 'skipped', reason: parsed.reason };
    message = members.has(parsed.message.from.email) ? { ...parsed.message, direction: 'outbound' } : parsed.message;
    reportType = parsed.reportType;
  }
  if (options.route) return { status: (await ingestMessage(deps, scope, message, { reportType })).created ? 'stored' : 'known' };
  return { status: await recordMessage(deps, scope, message, reportType) };
}

/** The team's addresses, so that their own messages in a history file count as sends. */
export async function memberAddresses(scope: Scope): Promise<Set<string>> {
  return new Set((await loadPolicy(scope)).members.keys());
}

export function tally(totals: ImportTotals, outcome: ImportOutcome, where: string): void {
  if (outcome.status === 'skipped') {
    totals.skipped += 1;
    if (totals.problems.length < 20) totals.problems.push(`${where}: ${outcome.reason}`);
  } else totals[outcome.status] += 1;
}
