// Claim, release, hand off, ask for help, reassign, resolve, tag, follow up:
// the state machine decides, the store applies it with a version check so
// that of concurrent writers exactly one wins.
import { CATEGORY_PRIORITY, type Category } from '#shared/categories';
import { categoryActions } from '../domain/classification/category-actions.ts';
import { calendarFor, unresponsiveDeadline } from '../domain/sla/sla-clock.ts';
import { bareClassification, type Classification } from '../domain/classification/classify.ts';
import { DomainError, NotFound } from '../domain/errors.ts';
import { transition, type Actor, type Command } from '../domain/ownership/state-machine.ts';
import { currentAbsences } from '../store/absences.ts';
import { appendEvent } from '../store/ledger.ts';
import { enqueueEvent } from '../store/outbox.ts';
import { suppress } from '../store/suppressions.ts';
import { createTask } from '../store/tasks.ts';
import { inTransaction, type Scope } from '../store/scope.ts';
import { getThread, updateThreadIfVersion, type ThreadPatch, type ThreadRow } from '../store/threads.ts';
import type { Deps } from './deps.ts';
import { snapshotOf } from './ingest-message.ts';
import { loadPolicy, rosterOf } from './policy.ts';

const MAX_ATTEMPTS = 8;

export async function performAction(
  deps: Deps,
  scope: Scope,
  actor: Actor,
  threadId: string,
  command: Exclude<Command, { type: 'route' }>,
): Promise<ThreadRow> {
  const compiled = await loadPolicy(scope);
  const roster = rosterOf(compiled, await currentAbsences(scope, deps.clock.now()));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const thread = await getThread(scope, threadId);
    if (!thread) throw new NotFound('Thread');
    // Throws the user-facing refusal (locked, not owner, ...) against the state just read.
    const { next, event } = transition(snapshotOf(thread), command, actor, roster);
    const now = deps.clock.now();
    const patch: ThreadPatch = {
      state: next.state,
      owner: next.owner,
      tags: next.tags,
      followUpAt: next.followUpAt === null ? null : new Date(next.followUpAt),
      handoffNote: next.handoffNote,
      outcome: next.outcome,
      updatedAt: now,
      // Someone took the thread on purpose: it no longer waits for an absent owner's return.
      ...(next.owner !== thread.owner || next.state === 'closed' ? { standInFor: null } : {}),
      // A closed or waiting thread has no running clock.
      ...(next.state === 'closed' || next.state === 'waiting' ? { nextEscalationAt: null } : {}),
      // The owner acted; a new owner who did not act themselves gets their own time to.
      ...(next.owner === actor.email || next.owner === null || next.state === 'closed'
        ? { unresponsiveAt: null }
        : next.owner !== thread.owner
          ? { unresponsiveAt: unresponsiveDeadline(compiled.policy, next.owner, now) }
          : {}),
    };
    if (event.explanation !== null && event.toOwner !== event.fromOwner) patch.explanation = event.explanation;
    else if (event.kind === 'released' || event.kind === 'needs_help' || event.kind === 'resolved') patch.explanation = event.explanation;
    const updated = await inTransaction(scope, async (tx) => {
      const row = await updateThreadIfVersion(tx, thread.id, thread.version, patch);
      if (row) {
        await appendEvent(tx, thread.id, event, now);
        // Whoever is handed a thread hears of it, with the note.
        if ((event.kind === 'handed_off' || event.kind === 'reassigned') && event.toOwner && event.toOwner !== actor.email) {
          await enqueueEvent(
            tx,
            deps.newId(),
            'notify.assigned',
            {
              to: event.toOwner,
              threadId: thread.id,
              prospect: thread.prospectEmail,
              category: thread.category,
              by: roster.nameOf(actor.email) ?? actor.email,
              note: event.note,
              urgent: false,
            },
            now,
          );
        }
      }
      return row;
    });
    if (updated) return updated;
    // Someone changed the thread between our read and our write: decide again on the fresh state.
  }
  throw new DomainError('stale_version', 'The thread kept changing while we tried to update it; reload and try again');
}

/**
 * A member corrects the category of a thread's latest reply: the correction is
 * a ledger event, and the new category's actions run (suppression, task,
 * sequence event, follow-up). Ownership stays as it is: a manager reassigns if needed.
 */
export async function correctCategory(
  deps: Deps,
  scope: Scope,
  actor: Actor,
  threadId: string,
  category: Category,
  reason: string | undefined,
): Promise<ThreadRow> {
  const corrected = await performAction(deps, scope, actor, threadId, { type: 'category', category, reason });
  const compiled = await loadPolicy(scope);
  const now = deps.clock.now();
  const previous = (corrected.classification ?? {}) as Partial<Classification>;
  const classification: Classification = { ...bareClassification(category), ...previous, category };
  const stored = { ...classification, source: 'corrected', cues: [`corrected by ${actor.email}${reason ? `: ${reason}` : ''}`, ...classification.cues] };
  const actions = categoryActions(
    compiled.policy,
    classification,
    corrected.lastReplyAt ?? now,
    corrected.prospectEmail,
    calendarFor(compiled.policy, corrected.owner),
  );
  return inTransaction(scope, async (tx) => {
    const row = await updateThreadIfVersion(tx, corrected.id, corrected.version, {
      category,
      priority: CATEGORY_PRIORITY[category],
      classification: stored,
      updatedAt: now,
      ...(actions.followUpAt ? { followUpAt: new Date(actions.followUpAt) } : {}),
    });
    if (!row) throw new DomainError('stale_version', 'The thread changed while the category was corrected; reload and try again');
    await Promise.all([
      actions.suppress ? suppress(tx, actions.suppress.email, actions.suppress.reason, row.id, now) : null,
      actions.suppress
        ? enqueueEvent(tx, deps.newId(), 'lead.suppressed', { email: actions.suppress.email, reason: actions.suppress.reason, threadId: row.id }, now)
        : null,
      actions.sequence && row.sequence
        ? enqueueEvent(
            tx,
            deps.newId(),
            actions.sequence === 'pause' ? 'sequence.paused' : 'sequence.stopped',
            { sequence: row.sequence, prospect: row.prospectEmail, threadId: row.id, category },
            now,
          )
        : null,
      actions.task && row.owner
        ? createTask(tx, {
            id: deps.newId(),
            threadId: row.id,
            assignee: row.owner,
            kind: 'reply',
            title: actions.task.title,
            dueOn: actions.task.dueOn,
            createdAt: now,
          })
        : null,
    ]);
    return row;
  });
}
