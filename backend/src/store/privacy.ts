// Personal data going away: message bodies past retention, and everything a
// prospect asked to have erased. The ledger keeps its events, anonymised.
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Scope } from './scope.ts';
import { leads, messages, threadEvents, threads } from './schema.ts';

/** Blanks text, subject and headers of messages received before `before`. Returns how many. */
export async function purgeMessageBodies(scope: Scope, before: Date, at: Date): Promise<number> {
  const rows = await scope.db
    .update(messages)
    .set({ text: '', subject: '', headers: {}, bodyPurgedAt: at })
    .where(and(eq(messages.orgId, scope.orgId), lt(messages.receivedAt, before), isNull(messages.bodyPurgedAt)))
    .returning({ id: messages.id });
  return rows.length;
}

export interface ErasureCounts {
  messages: number;
  threads: number;
  leads: number;
  ledgerEvents: number;
}

/** Replaces `email` by `pseudonym` everywhere the org keeps it, and removes what the prospect wrote. */
export async function eraseProspect(scope: Scope, email: string, pseudonym: string, at: Date): Promise<ErasureCounts> {
  const { db, orgId } = scope;
  const mentions = sql`jsonb_path_exists(${messages.to}, '$[*] ? (@.email == $e)', jsonb_build_object('e', ${email}::text))`;
  const erasedMessages = await db
    .update(messages)
    .set({
      text: '',
      subject: '',
      headers: {},
      lead: {},
      to: sql`case when ${mentions} then '[]'::jsonb else ${messages.to} end`,
      fromEmail: sql`case when ${messages.fromEmail} = ${email} then ${pseudonym} else ${messages.fromEmail} end`,
      fromName: sql`case when ${messages.fromEmail} = ${email} then null else ${messages.fromName} end`,
      bodyPurgedAt: at,
    })
    .where(and(eq(messages.orgId, orgId), sql`(${messages.fromEmail} = ${email} or ${mentions})`))
    .returning({ threadId: messages.threadId });

  const erasedThreads = await db
    .update(threads)
    .set({
      prospectEmail: pseudonym,
      prospectName: null,
      subject: '',
      handoffNote: null,
      explanation: sql`replace(${threads.explanation}, ${email}, ${pseudonym})`,
      updatedAt: at,
    })
    .where(and(eq(threads.orgId, orgId), eq(threads.prospectEmail, email)))
    .returning({ id: threads.id });

  const threadIds = [...new Set([...erasedThreads.map((t) => t.id), ...erasedMessages.map((m) => m.threadId)])];
  let ledgerEvents = 0;
  if (threadIds.length > 0) {
    // The one sanctioned rewrite of the ledger (see migration 0007): free text only.
    await db.execute(sql`select set_config('app.erasure', 'on', true)`);
    const events = await db
      .update(threadEvents)
      .set({
        explanation: sql`replace(${threadEvents.explanation}, ${email}, ${pseudonym})`,
        reason: sql`replace(${threadEvents.reason}, ${email}, ${pseudonym})`,
        note: null,
        data: sql`replace(${threadEvents.data}::text, ${email}, ${pseudonym})::jsonb`,
      })
      .where(and(eq(threadEvents.orgId, orgId), inArray(threadEvents.threadId, threadIds)))
      .returning({ seq: threadEvents.seq });
    await db.execute(sql`select set_config('app.erasure', 'off', true)`);
    ledgerEvents = events.length;
  }

  const erasedLeads = await db
    .delete(leads)
    .where(and(eq(leads.orgId, orgId), eq(leads.email, email)))
    .returning({ email: leads.email });
  return { messages: erasedMessages.length, threads: erasedThreads.length, leads: erasedLeads.length, ledgerEvents };
}
