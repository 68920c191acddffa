// Pilots a draft policy: routes a sample of replies under the draft and under
// the current policy, writes nothing, and says what would change.
import type { IngestMessage } from '#shared/api';
import { normaliseMessageId } from '#shared/email-address';
import { classifyReply } from '../domain/classification/classify.ts';
import { availabilityFromPolicy } from '../domain/availability/availability.ts';
import { compilePolicy, type CompiledPolicy } from '../domain/routing/compiled-policy.ts';
import { route, type RoutingDecision } from '../domain/routing/router.ts';
import { ownerBefore } from '../store/ledger.ts';
import { lastInboundMessages, threadIdOfAnyMessage, type MessageRow } from '../store/messages.ts';
import { loadCursors } from '../store/pool-cursors.ts';
import type { Scope } from '../store/scope.ts';
import { findThreadByHint, getThread, openThreadCounts } from '../store/threads.ts';
import { loadPolicy, parsePolicy } from './policy.ts';
import { buildReplyFacts, loadCrmFacts, type ThreadContext } from './reply-facts.ts';

export interface SimulatedRouting {
  owner: string | null;
  placement: 'member' | 'none' | 'triage';
  rule: string | null;
  explanation: string;
}

export interface SimulationResult {
  draftVersion: number;
  currentVersion: number;
  results: Array<{ messageId: string; prospect: string; category: string; current: SimulatedRouting; draft: SimulatedRouting; changed: boolean }>;
  summary: {
    total: number;
    changed: number;
    /** Per owner (or `(triage)`, `(none)`): how many replies each policy gives them. */
    byOwner: Record<string, { current: number; draft: number }>;
  };
}

export type SimulationSample = { messages: IngestMessage[] } | { last: number };

/** Told after each batch of replies: how many are routed, of how many. */
export type SimulationProgress = (done: number, total: number) => void | Promise<void>;

/** Replies between two progress reports. */
const PROGRESS_EVERY = 100;

export async function simulatePolicy(scope: Scope, draftInput: unknown, sample: SimulationSample, onProgress?: SimulationProgress): Promise<SimulationResult> {
  const current = await loadPolicy(scope);
  const draft = compilePolicy(parsePolicy(draftInput), current.version + 1);
  const samples = 'messages' in sample ? await fromGiven(scope, sample.messages) : await fromHistory(scope, sample.last);
  await onProgress?.(0, samples.length);
  const openThreads = await openThreadCounts(scope);
  const cursors = await loadCursors(scope);
  // Each policy rotates its own pools as the sample goes by, as it would live.
  const draftCursors = new Map(cursors);
  const currentCursors = new Map(cursors);

  const results: SimulationResult['results'] = [];
  const byOwner: SimulationResult['summary']['byOwner'] = {};
  for (const { message, thread } of samples) {
    const { category } = classifyReply({
      given: message.category,
      subject: message.subject,
      text: message.text,
      headers: message.headers,
      from: message.from.email,
    });
    const facts = buildReplyFacts(message, category, thread, await loadCrmFacts(scope, message));
    const under = (compiled: CompiledPolicy, rotation: Map<string, string>) => {
      const decision = route(compiled, facts, { availability: availabilityFromPolicy(compiled.policy), openThreads, cursors: rotation });
      if (decision.cursor) rotation.set(decision.cursor.pool, decision.cursor.member);
      return summarise(decision);
    };
    const currentRouting = under(current, currentCursors);
    const draftRouting = under(draft, draftCursors);
    const changed = currentRouting.owner !== draftRouting.owner || currentRouting.placement !== draftRouting.placement;
    results.push({ messageId: message.messageId, prospect: message.from.email, category, current: currentRouting, draft: draftRouting, changed });
    for (const [key, routing] of [
      ['current', currentRouting],
      ['draft', draftRouting],
    ] as const) {
      const owner = routing.owner ?? `(${routing.placement})`;
      byOwner[owner] ??= { current: 0, draft: 0 };
      byOwner[owner][key] += 1;
    }
    if (onProgress && (results.length % PROGRESS_EVERY === 0 || results.length === samples.length)) await onProgress(results.length, samples.length);
  }
  return {
    draftVersion: draft.version,
    currentVersion: current.version,
    results,
    summary: { total: results.length, changed: results.filter((r) => r.changed).length, byOwner },
  };
}

function summarise(decision: RoutingDecision): SimulatedRouting {
  return {
    owner: decision.placement.kind === 'member' ? decision.placement.email : null,
    placement: decision.placement.kind,
    rule: decision.rule?.name ?? (decision.via === 'fallback' ? '(fallback)' : null),
    explanation: decision.explanation,
  };
}

/** Sample messages meet the threads they would join today. */
async function fromGiven(scope: Scope, messages: IngestMessage[]): Promise<Array<{ message: IngestMessage; thread: ThreadContext | null }>> {
  const out = [];
  for (const message of messages) {
    const references = [message.inReplyTo, ...message.references].filter((r): r is string => r !== undefined).map(normaliseMessageId);
    const threadId =
      (await threadIdOfAnyMessage(scope, references)) ??
      (await findThreadByHint(scope, { gmailThreadId: message.gmailThreadId, conversationId: message.conversationId, prospectEmail: message.from.email }));
    const thread = threadId ? await getThread(scope, threadId) : null;
    out.push({ message, thread: thread ? { owner: thread.owner, sequence: thread.sequence } : null });
  }
  return out;
}

/** Past replies, oldest first, each with its thread's owner as it was just before that reply arrived. */
async function fromHistory(scope: Scope, count: number): Promise<Array<{ message: IngestMessage; thread: ThreadContext | null }>> {
  const rows = (await lastInboundMessages(scope, count)).reverse();
  const out = [];
  for (const row of rows) {
    const owner = await ownerBefore(scope, row.threadId, row.createdAt);
    out.push({ message: asIngested(row), thread: { owner, sequence: row.sequence } });
  }
  return out;
}

function asIngested(row: MessageRow): IngestMessage {
  return {
    messageId: row.messageId,
    inReplyTo: row.inReplyTo ?? undefined,
    references: row.references,
    direction: 'inbound',
    from: { email: row.fromEmail, name: row.fromName ?? undefined },
    to: row.to as IngestMessage['to'],
    mailbox: row.mailbox ?? undefined,
    subject: row.subject,
    text: row.text,
    headers: row.headers as Record<string, string>,
    receivedAt: row.receivedAt.toISOString(),
    sequence: row.sequence ?? undefined,
    source: row.source ?? undefined,
    category: (row.category as IngestMessage['category']) ?? undefined,
    lead: row.lead as IngestMessage['lead'],
  };
}
