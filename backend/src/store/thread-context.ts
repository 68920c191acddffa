// Everything the thread view shows, read in one statement: the thread, its
// account and its recent ledger. The sidebar opens this on every message.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.ts';
import type { Scope } from './scope.ts';
import { accounts, messages, threads } from './schema.ts';
import type { ThreadRow } from './threads.ts';

export interface HistoryRow {
  seq: number;
  at: Date;
  kind: string;
  actor: string;
  fromOwner: string | null;
  toOwner: string | null;
  reason: string | null;
  rule: string | null;
  policyVersion: number | null;
  explanation: string | null;
}

export interface ThreadContext {
  thread: ThreadRow;
  account: { name: string; owner: string | null } | null;
  /** Newest first. */
  history: HistoryRow[];
  /** The prospect is on the suppression list. */
  suppressed: boolean;
}

export type ThreadKey = { id: string } | { messageKey: string } | { gmailThreadId: string } | { conversationId: string };

const HISTORY_LIMIT = 50;

interface RawEvent {
  seq: number;
  at: string;
  kind: string;
  actor: string;
  from_owner: string | null;
  to_owner: string | null;
  reason: string | null;
  rule: string | null;
  policy_version: number | null;
  explanation: string | null;
}

type KeyKind = 'id' | 'messageKey' | 'gmailThreadId' | 'conversationId';

function buildQuery(db: Database, kind: KeyKind) {
  const key = sql.placeholder('key');
  const orgId = sql.placeholder('orgId');
  const where: SQL =
    kind === 'id'
      ? eq(threads.id, key)
      : kind === 'messageKey'
        ? eq(threads.id, sql`(select ${messages.threadId} from ${messages} where ${messages.orgId} = ${orgId} and ${messages.messageKey} = ${key})`)
        : kind === 'gmailThreadId'
          ? eq(threads.gmailThreadId, key)
          : eq(threads.conversationId, key);
  return db
    .select({
      thread: threads,
      accountName: accounts.name,
      accountOwner: accounts.owner,
      suppressed: sql<boolean>`exists (select 1 from suppressions s where s.org_id = ${threads.orgId} and s.email = ${threads.prospectEmail})`,
      history: sql<RawEvent[] | string>`(
        select coalesce(json_agg(e order by e.seq desc), '[]'::json) from (
          select seq, at, kind, actor, from_owner, to_owner, reason, rule, policy_version, explanation
          from thread_events where thread_events.thread_id = ${threads.id} and thread_events.org_id = ${threads.orgId}
          order by seq desc limit ${sql.raw(String(HISTORY_LIMIT))}
        ) e)`,
    })
    .from(threads)
    .leftJoin(accounts, and(eq(accounts.id, threads.accountId), eq(accounts.orgId, threads.orgId)))
    .where(and(eq(threads.orgId, orgId), where))
    .orderBy(desc(threads.updatedAt))
    .limit(1)
    .prepare(`thread_context_by_${kind}`);
}

// Built once per database handle: this is the sidebar's hot path, and building
// the statement costs more CPU than running it.
const prepared = new WeakMap<Database, Map<KeyKind, ReturnType<typeof buildQuery>>>();

export async function loadThreadContext(scope: Scope, key: ThreadKey): Promise<ThreadContext | null> {
  const kind: KeyKind = 'id' in key ? 'id' : 'messageKey' in key ? 'messageKey' : 'gmailThreadId' in key ? 'gmailThreadId' : 'conversationId';
  const value = 'id' in key ? key.id : 'messageKey' in key ? key.messageKey : 'gmailThreadId' in key ? key.gmailThreadId : key.conversationId;
  let queries = prepared.get(scope.db);
  if (!queries) prepared.set(scope.db, (queries = new Map()));
  let query = queries.get(kind);
  if (!query) queries.set(kind, (query = buildQuery(scope.db, kind)));
  const [row] = await query.execute({ orgId: scope.orgId, key: value });
  if (!row) return null;
  const history = (typeof row.history === 'string' ? (JSON.parse(row.history) as RawEvent[]) : row.history).map((e) => ({
    seq: Number(e.seq),
    at: new Date(e.at),
    kind: e.kind,
    actor: e.actor,
    fromOwner: e.from_owner,
    toOwner: e.to_owner,
    reason: e.reason,
    rule: e.rule,
    policyVersion: e.policy_version,
    explanation: e.explanation,
  }));
  return {
    thread: row.thread,
    account: row.accountName === null ? null : { name: row.accountName, owner: row.accountOwner },
    history,
    suppressed: row.suppressed === true || String(row.suppressed) === 'true',
  };
}
