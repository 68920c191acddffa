// The triage queue and the open threads, in triage order.
import type { QueueView } from '#shared/api';
import type { Category } from '#shared/categories';
import type { Actor } from '../domain/ownership/state-machine.ts';
import type { Scope } from '../store/scope.ts';
import { threadsInStates, type ThreadRow } from '../store/threads.ts';

const QUEUE_LIMIT = 500;

/** Managers see every open thread; a rep sees the queue, the help requests and their own. */
export async function loadQueue(scope: Scope, viewer: Actor): Promise<QueueView> {
  const rows = await threadsInStates(scope, ['unassigned', 'needs_help', 'assigned'], QUEUE_LIMIT);
  const isManager = viewer.role !== 'rep';
  return {
    triage: rows.filter((r) => r.state === 'unassigned').map(item),
    needsHelp: rows.filter((r) => r.state === 'needs_help').map(item),
    open: rows.filter((r) => r.state === 'assigned' && (isManager || r.owner === viewer.email)).map(item),
  };
}

function item(row: ThreadRow): QueueView['triage'][number] {
  return {
    id: row.id,
    state: row.state as QueueView['triage'][number]['state'],
    owner: row.owner,
    category: (row.category as Category | null) ?? null,
    priority: row.priority,
    prospect: row.prospectEmail,
    subject: row.subject,
    lastReplyAt: row.lastReplyAt?.toISOString() ?? null,
    dueAt: row.slaDueAt?.toISOString() ?? null,
    respondedAt: row.firstResponseAt?.toISOString() ?? null,
    explanation: row.explanation,
    tags: row.tags,
    sequence: row.sequence,
  };
}
