// The messages of one thread, oldest first, for the console's thread page.
import { and, asc, eq } from 'drizzle-orm';
import type { Scope } from './scope.ts';
import { messages } from './schema.ts';

export async function messagesOfThread(scope: Scope, threadId: string, limit: number) {
  return scope.db
    .select({
      id: messages.id,
      direction: messages.direction,
      fromEmail: messages.fromEmail,
      fromName: messages.fromName,
      to: messages.to,
      subject: messages.subject,
      text: messages.text,
      receivedAt: messages.receivedAt,
      category: messages.category,
      bodyPurgedAt: messages.bodyPurgedAt,
    })
    .from(messages)
    .where(and(eq(messages.orgId, scope.orgId), eq(messages.threadId, threadId)))
    .orderBy(asc(messages.receivedAt))
    .limit(limit);
}
