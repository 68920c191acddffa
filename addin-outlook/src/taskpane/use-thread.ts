// Finds the thread of the current item: by conversation, then by Message-ID;
// a reply the backend has not seen yet is ingested so it is routed at once.
import type { IngestMessageInput, ThreadView } from '#shared/api';
import { ingestRequest, lookupRequest, type Failure } from '#shared/sidebar/backend-requests';
import type { BackendClient, Result } from '../backend-client.ts';
import type { MailItemFacts } from '../host/host.ts';

export type ThreadLookup = { kind: 'found'; view: ThreadView } | { kind: 'not-routed' } | { kind: 'failed'; failure: Failure };

const MAX_TEXT = 200_000;

export async function findOrIngestThread(client: BackendClient, item: MailItemFacts, userEmail: string): Promise<ThreadLookup> {
  const keys = [
    item.conversationId ? { conversationId: item.conversationId } : null,
    item.internetMessageId ? { messageId: item.internetMessageId } : null,
  ].filter((k) => k !== null);
  // Both keys at once: the conversation finds earlier replies, the Message-ID this one.
  const lookups = await Promise.all(keys.map((key) => client.send<ThreadView>(lookupRequest(key))));
  for (const found of lookups) if (found.ok) return { kind: 'found', view: found.value };
  for (const found of lookups) {
    if (!found.ok && !(found.failure.kind === 'http' && found.failure.status === 404)) return { kind: 'failed', failure: found.failure };
  }
  if (item.mode !== 'read' || !item.internetMessageId || !item.from) return { kind: 'not-routed' };
  const message: IngestMessageInput = {
    messageId: item.internetMessageId,
    conversationId: item.conversationId ?? undefined,
    direction: item.from.email.toLowerCase() === userEmail.toLowerCase() ? 'outbound' : 'inbound',
    from: { email: item.from.email, name: item.from.name || undefined },
    to: item.to.map((r) => ({ email: r.email, name: r.name || undefined })),
    mailbox: userEmail,
    subject: item.subject.slice(0, 2000),
    text: item.text.slice(0, MAX_TEXT),
    receivedAt: item.receivedAt ?? new Date().toISOString(),
    source: 'outlook-addin',
  };
  const ingested: Result<ThreadView> = await client.send<ThreadView>(ingestRequest(message));
  return ingested.ok ? { kind: 'found', view: ingested.value } : { kind: 'failed', failure: ingested.failure };
}
