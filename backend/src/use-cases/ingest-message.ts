// Ingestion: one message in, threaded, and (for a reply) routed and assigned,
// all in one transaction. Idempotent on the normalised Message-ID.
import type { IngestMessage } from '#shared/api';
import { CATEGORY_PRIORITY } from '#shared/categories';
import { normaliseMessageId } from '#shared/email-address';
import { transition, type OwnershipSnapshot } from '../domain/ownership/state-machine.ts';
import type { CompiledPolicy } from '../domain/routing/compiled-policy.ts';
import { categoryActions } from '../domain/classification/category-actions.ts';
import { categoryPlacement, onCallDecision, route } from '../domain/routing/router.ts';
import { coverageFor } from '../domain/sla/coverage.ts';
import { managerOf, stepDueAt } from '../domain/sla/escalation.ts';
import { calendarFor, slaDueAt, unresponsiveDeadline } from '../domain/sla/sla-clock.ts';
import { enqueueEvent } from '../store/outbox.ts';
import { suppress } from '../store/suppressions.ts';
import { createTask } from '../store/tasks.ts';
import { insertMessageIfNew, threadIdOfAnyMessage, threadIdOfMessage } from '../store/messages.ts';
import { currentAbsences } from '../store/absences.ts';
import { appendEvent } from '../store/ledger.ts';
import { loadCursors, lockCursor, saveCursor } from '../store/pool-cursors.ts';
import { inTransaction, type Scope } from '../store/scope.ts';
import { findThreadByHint, insertThread, lockThread, openThreadCounts, updateThreadIfVersion, type ThreadPatch, type ThreadRow } from '../store/threads.ts';
import type { Deps } from './deps.ts';
import { classifyInbound, messageRecord } from './message-record.ts';
import { availabilityOf, loadPolicy, rosterOf } from './policy.ts';
import { buildReplyFacts, loadCrmFacts } from './reply-facts.ts';

export interface IngestResult {
  threadId: string;
  /** False when the Message-ID was already known: nothing was written. */
  created: boolean;
}

/** Thrown inside the transaction to roll it back when another writer stored the message first. */
class AlreadyIngested extends Error {}

export const ROUTING_ACTOR = { email: 'routing', role: 'admin' as const };

export function snapshotOf(row: ThreadRow): OwnershipSnapshot {
  return {
    state: row.state as OwnershipSnapshot['state'],
    owner: row.owner,
    tags: row.tags,
    followUpAt: row.followUpAt?.toISOString() ?? null,
    handoffNote: row.handoffNote ?? null,
    outcome: row.outcome,
  };
}

/** What the MIME parser saw beside the message fields. */
export interface IngestExtras {
  reportType?: string | null;
}

export async function ingestMessage(deps: Deps, scope: Scope, message: IngestMessage, extras: IngestExtras = {}): Promise<IngestResult> {
  const messageKey = normaliseMessageId(message.messageId);
  const compiled = await loadPolicy(scope);
  try {
    const threadId = await inTransaction(scope, (tx) => ingestInTransaction(deps, tx, compiled, message, messageKey, extras));
    return { threadId, created: true };
  } catch (error) {
    if (!(error instanceof AlreadyIngested)) throw error;
    const threadId = await threadIdOfMessage(scope, messageKey);
    if (!threadId) throw new Error(`message ${messageKey} reported as known but not found`);
    return { threadId, created: false };
  }
}

const NO_COUNTS: ReadonlyMap<string, number> = new Map();
const NO_CURSORS: ReadonlyMap<string, string> = new Map();

async function ingestInTransaction(
  deps: Deps,
  tx: Scope,
  compiled: CompiledPolicy,
  message: IngestMessage,
  messageKey: string,
  extras: IngestExtras,
): Promise<string> {
  const now = deps.clock.now();
  const receivedAt = new Date(message.receivedAt);
  const inbound = message.direction === 'inbound';
  const prospect = inbound ? message.from : (message.to.find((a) => a.email !== message.mailbox) ?? message.to[0] ?? message.from);
  const references = [...new Set([message.inReplyTo, ...message.references].filter((r): r is string => r !== undefined).map(normaliseMessageId))];

  // Independent reads go out together: one round trip instead of six.
  const [known, referenced, crm, openThreads, cursors, away] = await Promise.all([
    threadIdOfMessage(tx, messageKey),
    threadIdOfAnyMessage(tx, references),
    inbound ? loadCrmFacts(tx, message) : null,
    inbound && compiled.usesLoad ? openThreadCounts(tx) : NO_COUNTS,
    inbound && compiled.usesPools ? loadCursors(tx) : NO_CURSORS,
    inbound ? currentAbsences(tx, now) : [],
  ]);
  if (known) throw new AlreadyIngested();
  const joinedId =
    referenced ?? (await findThreadByHint(tx, { gmailThreadId: message.gmailThreadId, conversationId: message.conversationId, prospectEmail: prospect.email }));
  let thread = joinedId ? await lockThread(tx, joinedId) : null;
  if (!thread) {
    thread = await insertThread(tx, {
      id: deps.newId(),
      state: inbound ? 'unassigned' : 'waiting',
      subject: message.subject,
      prospectEmail: prospect.email,
      prospectName: prospect.name ?? null,
      sequence: message.sequence ?? null,
      mailbox: message.mailbox ?? null,
      gmailThreadId: message.gmailThreadId ?? null,
      conversationId: message.conversationId ?? null,
      createdAt: now,
      updatedAt: now,
    });
  }

  const classification = classifyInbound(message, receivedAt, extras.reportType ?? null);
  // The unique index decides between concurrent writers of the same message.
  const inserted = await insertMessageIfNew(tx, messageRecord(message, { id: deps.newId(), threadId: thread.id, messageKey }, receivedAt, classification, now));
  if (!inserted) throw new AlreadyIngested();

  const common: ThreadPatch = {
    updatedAt: now,
    gmailThreadId: thread.gmailThreadId ?? message.gmailThreadId ?? null,
    conversationId: thread.conversationId ?? message.conversationId ?? null,
    sequence: thread.sequence ?? message.sequence ?? null,
  };

  if (!inbound || !classification || !crm) {
    // The owner's first message after the latest reply is the first response.
    const responds =
      thread.owner !== null &&
      message.from.email === thread.owner &&
      thread.lastReplyAt !== null &&
      thread.firstResponseAt === null &&
      receivedAt >= thread.lastReplyAt;
    // The first response stops the clock, and with it the escalations.
    await updateThreadIfVersion(tx, thread.id, thread.version, {
      ...common,
      ...(responds ? { firstResponseAt: receivedAt, nextEscalationAt: null } : {}),
      // Any message of the owner's is an action.
      ...(thread.owner !== null && message.from.email === thread.owner ? { unresponsiveAt: null } : {}),
    });
    return thread.id;
  }

  // An older reply imported late is recorded, but does not re-route the thread.
  if (thread.lastReplyAt !== null && receivedAt < thread.lastReplyAt) {
    await updateThreadIfVersion(tx, thread.id, thread.version, common);
    return thread.id;
  }

  const built = buildReplyFacts(message, classification.category, { owner: thread.owner, sequence: thread.sequence }, crm);
  const facts = { ...built, language: built.language ?? classification.language, escalation: classification.escalation, intent: classification.intent };
  const actions = categoryActions(
    compiled.policy,
    classification,
    receivedAt,
    message.from.email,
    calendarFor(compiled.policy, thread.owner ?? facts.threadOwner),
  );
  const routingState = { availability: availabilityOf(compiled, away), openThreads, cursors };
  const sequenceOwner = facts.sequence ? (compiled.policy.sequences[facts.sequence]?.owner ?? null) : null;
  let decision =
    actions.placement === 'keep_owner'
      ? categoryPlacement(compiled, 'keep_owner', thread.owner ?? sequenceOwner, absenceReason(classification.returnDate))
      : actions.placement === 'none'
        ? categoryPlacement(
            compiled,
            'none',
            null,
            classification.bounce?.kind === 'soft' ? 'a temporary delivery delay (soft bounce), noted' : 'a delivery failure (bounce)',
          )
        : route(compiled, facts, routingState);
  if (decision.cursor) {
    // Re-decide under the pool's row lock so concurrent replies take turns fairly.
    const pool = decision.cursor.pool;
    const locked = await lockCursor(tx, pool, now);
    if (locked !== cursors.get(pool)) {
      const fresh = new Map(cursors);
      if (locked === undefined) fresh.delete(pool);
      else fresh.set(pool, locked);
      decision = route(compiled, facts, { ...routingState, cursors: fresh });
    }
  }

  const slaTarget = compiled.policy.sla[classification.category] ?? actions.defaultSla ?? undefined;
  // Out of the owner's hours with a target that runs out before they are back: the on-call cover takes it.
  if (decision.placement.kind === 'member' && !actions.waiting) {
    const cover = coverageFor(compiled.policy, routingState.availability, decision.placement.email, slaTarget, receivedAt);
    if (cover) decision = onCallDecision(compiled, decision, cover.onCall, decision.placement.email, cover.ownerBackAt);
  }
  const { next, event } = transition(snapshotOf(thread), { type: 'route', decision, waiting: actions.waiting }, ROUTING_ACTOR, rosterOf(compiled, away));
  const slaDue = next.state === 'waiting' ? null : slaDueAt(slaTarget, receivedAt, calendarFor(compiled.policy, next.owner));
  await Promise.all([
    updateThreadIfVersion(tx, thread.id, thread.version, {
      ...common,
      state: next.state,
      owner: next.owner,
      outcome: next.outcome,
      category: classification.category,
      priority: CATEGORY_PRIORITY[classification.category],
      explanation: decision.explanation,
      accountId: facts.account?.account.id ?? thread.accountId,
      mailbox: thread.mailbox ?? message.mailbox ?? null,
      prospectName: thread.prospectName ?? message.from.name ?? null,
      lastReplyAt: receivedAt,
      // Counted in the owner's business time (the org's for the queue).
      slaDueAt: slaDue,
      escalationLevel: 0,
      // A backup standing in for someone away remembers whom, so the thread can go back (absence.return).
      standInFor: decision.standInFor ?? (next.owner === thread.owner ? thread.standInFor : null),
      unresponsiveAt: next.state === 'waiting' ? null : unresponsiveDeadline(compiled.policy, next.owner, now),
      nextEscalationAt: slaDue ? stepDueAt(compiled.policy, 0, slaDue, calendarFor(compiled.policy, next.owner)) : null,
      firstResponseAt: null,
      classification: { ...classification },
      ...(actions.followUpAt ? { followUpAt: new Date(actions.followUpAt) } : {}),
    }),
    appendEvent(tx, thread.id, event, now),
    decision.cursor ? saveCursor(tx, decision.cursor.pool, decision.cursor.member, now) : null,
    actions.suppress ? suppress(tx, actions.suppress.email, actions.suppress.reason, thread.id, now) : null,
    actions.task && next.owner
      ? createTask(tx, {
          id: deps.newId(),
          threadId: thread.id,
          assignee: next.owner,
          kind: 'reply',
          title: actions.task.title,
          dueOn: actions.task.dueOn,
          createdAt: now,
        })
      : null,
    actions.sequence && facts.sequence
      ? enqueueEvent(
          tx,
          deps.newId(),
          actions.sequence === 'pause' ? 'sequence.paused' : 'sequence.stopped',
          { sequence: facts.sequence, prospect: message.from.email, threadId: thread.id, category: classification.category, until: actions.followUpAt },
          now,
        )
      : null,
    actions.suppress
      ? enqueueEvent(tx, deps.newId(), 'lead.suppressed', { email: actions.suppress.email, reason: actions.suppress.reason, threadId: thread.id }, now)
      : null,
    // The new owner hears of it; the manager hears of a complaint at once.
    next.owner && next.owner !== thread.owner
      ? enqueueEvent(
          tx,
          deps.newId(),
          'notify.assigned',
          {
            to: next.owner,
            threadId: thread.id,
            prospect: message.from.email,
            category: classification.category,
            explanation: decision.explanation,
            urgent: ['unsubscribe', 'complaint'].includes(classification.category) || slaTarget === '0m',
          },
          now,
        )
      : null,
    classification.category === 'complaint' && managerOf(compiled.policy)
      ? enqueueEvent(
          tx,
          deps.newId(),
          'notify.manager',
          { to: managerOf(compiled.policy), threadId: thread.id, prospect: message.from.email, reason: 'complaint', urgent: true },
          now,
        )
      : null,
  ]);
  return thread.id;
}

function absenceReason(returnDate: string | null): string {
  return returnDate
    ? `out of office until ${returnDate}, so the thread waits with its owner and a follow-up on the return date`
    : 'out of office, so the thread waits with its owner and a follow-up';
}
