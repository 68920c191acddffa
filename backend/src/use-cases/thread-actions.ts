// Claim, release, hand off, ask for help, reassign, resolve, tag, follow up:
// the state machine decides, the store applies it with a version check so
// that of concurrent writers exactly one wins.
import { DomainError, NotFound } from '../domain/errors.ts';
import { transition, type Actor, type Command } from '../domain/ownership/state-machine.ts';
import { appendEvent } from '../store/ledger.ts';
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
  const roster = rosterOf(compiled);
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
    };
    if (event.explanation !== null && event.toOwner !== event.fromOwner) patch.explanation = event.explanation;
    else if (event.kind === 'released' || event.kind === 'needs_help' || event.kind === 'resolved') patch.explanation = event.explanation;
    const updated = await inTransaction(scope, async (tx) => {
      const row = await updateThreadIfVersion(tx, thread.id, thread.version, patch);
      if (row) await appendEvent(tx, thread.id, event, now);
      return row;
    });
    if (updated) return updated;
    // Someone changed the thread between our read and our write: decide again on the fresh state.
  }
  throw new DomainError('stale_version', 'The thread kept changing while we tried to update it; reload and try again');
}
