// Messages: every inbound reply and outbound send, keyed by normalised Message-ID.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Scope } from './scope.ts';
import { messages } from './schema.ts';

export type MessageRow = typeof messages.$inferSelect;
export type NewMessage = Omit<typeof messages.$inferInsert, 'orgId'>;

/** Inserts unless the Message-ID is known; true when this call inserted it. */
export async function insertMessageIfNew(scope: Scope, message: NewMessage): Promise<boolean> {
  const rows = await scope.db
    .insert(messages)
    .values({ ...message, orgId: scope.orgId })
    .onConflictDoNothing({ target: [messages.orgId, messages.messageKey] })
    .returning({ id: messages.id });
  return rows.length > 0;
}

export async function threadIdOfMessage(scope: Scope, messageKey: string): Promise<string | null> {
  const [row] = await scope.db
    .select({ threadId: messages.threadId })
    .from(messages)
    .where(and(eq(messages.orgId, scope.orgId), eq(messages.messageKey, messageKey)));
  return row?.threadId ?? null;
}

/** The thread of the most recent known message among `keys` (In-Reply-To and References). */
export async function threadIdOfAnyMessage(scope: Scope, keys: string[]): Promise<string | null> {
  if (keys.length === 0) return null;
  const [row] = await scope.db
    .select({ threadId: messages.threadId })
    .from(messages)
    .where(and(eq(messages.orgId, scope.orgId), inArray(messages.messageKey, keys)))
    .orderBy(desc(messages.receivedAt))
    .limit(1);
  return row?.threadId ?? null;
}

export async function lastInboundMessages(scope: Scope, count: number): Promise<MessageRow[]> {
  return scope.db
    .select()
    .from(messages)
    .where(and(eq(messages.orgId, scope.orgId), eq(messages.direction, 'inbound')))
    .orderBy(desc(messages.receivedAt))
    .limit(count);
}

/** Whether the thread had an inbound message received before `before`. */
export async function inboundCountOfThread(scope: Scope, threadId: string): Promise<number> {
  const rows = await scope.db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.orgId, scope.orgId), eq(messages.threadId, threadId), eq(messages.direction, 'inbound')));
  return rows.length;
}
