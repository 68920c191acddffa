// The thread view every sidebar renders, for one viewer.
import type { ClassificationView, HistoryItem, ThreadView } from '#shared/api';
import type { Category } from '#shared/categories';
import { allowedActions, type Actor } from '../domain/ownership/state-machine.ts';
import type { CompiledPolicy } from '../domain/routing/compiled-policy.ts';
import type { WorkingCalendar } from '../domain/business-time/business-time.ts';
import { calendarFor, remainingBusinessMinutes } from '../domain/sla/sla-clock.ts';
import type { HistoryRow, ThreadContext } from '../store/thread-context.ts';
import type { ThreadRow } from '../store/threads.ts';
import { snapshotOf } from './ingest-message.ts';
import { rosterOf } from './policy.ts';

/** The view of a loaded thread for one viewer. Pure. */
export function threadView(context: ThreadContext, compiled: CompiledPolicy, viewer: Actor, now: Date): ThreadView {
  const { thread, account, history, suppressed } = context;
  const roster = rosterOf(compiled);
  const snapshot = snapshotOf(thread);
  return {
    id: thread.id,
    state: snapshot.state,
    version: thread.version,
    owner: thread.owner ? { email: thread.owner, name: roster.nameOf(thread.owner) ?? thread.owner } : null,
    lockedForMe: thread.owner !== null && thread.owner !== viewer.email && thread.state !== 'closed' && thread.state !== 'unassigned',
    category: (thread.category as Category | null) ?? null,
    classification: (thread.classification as ClassificationView | null) ?? null,
    suppressed,
    priority: thread.priority,
    tags: thread.tags,
    subject: thread.subject,
    prospect: { email: thread.prospectEmail, name: thread.prospectName },
    account,
    sequence: thread.sequence,
    mailbox: thread.mailbox,
    explanation: thread.explanation,
    sla: slaOf(thread, now, calendarFor(compiled.policy, thread.owner)),
    followUpAt: thread.followUpAt?.toISOString() ?? null,
    handoffNote: thread.handoffNote ?? null,
    outcome: thread.outcome,
    lastReplyAt: thread.lastReplyAt?.toISOString() ?? null,
    history: history.map(historyItem),
    allowedActions: allowedActions(snapshot, viewer, roster),
  };
}

function slaOf(thread: ThreadRow, now: Date, calendar: WorkingCalendar): ThreadView['sla'] {
  if (thread.slaDueAt === null) return null;
  const due = thread.slaDueAt;
  const responded = thread.firstResponseAt;
  const status = responded ? (responded <= due ? 'met' : 'breached') : now > due ? 'breached' : 'running';
  return {
    dueAt: due.toISOString(),
    status,
    respondedAt: responded?.toISOString() ?? null,
    remainingBusinessMinutes: status === 'running' ? remainingBusinessMinutes(calendar, now, due) : 0,
  };
}

function historyItem(event: HistoryRow): HistoryItem {
  return {
    at: event.at.toISOString(),
    kind: event.kind,
    by: event.actor,
    from: event.fromOwner,
    to: event.toOwner,
    reason: event.reason,
    rule: event.rule,
    policyVersion: event.policyVersion,
    explanation: event.explanation,
  };
}
