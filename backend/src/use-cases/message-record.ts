// What is stored of a message, the same for a routed ingest and an imported
// one: its classification (inbound only) and its row.
import type { IngestMessage } from '#shared/api';
import { normaliseMessageId } from '#shared/email-address';
import { classifyReply, type Classification } from '../domain/classification/classify.ts';
import type { NewMessage } from '../store/messages.ts';

/** An inbound reply's classification (an upstream category is kept); none for an outbound send. */
export function classifyInbound(message: IngestMessage, receivedAt: Date, reportType: string | null): Classification | null {
  if (message.direction !== 'inbound') return null;
  return classifyReply({
    given: message.category,
    subject: message.subject,
    text: message.text,
    headers: message.headers,
    from: message.from.email,
    date: receivedAt,
    reportType,
  });
}

export interface MessageKeys {
  id: string;
  threadId: string;
  messageKey: string;
}

export function messageRecord(message: IngestMessage, keys: MessageKeys, receivedAt: Date, classification: Classification | null, now: Date): NewMessage {
  return {
    ...keys,
    messageId: message.messageId,
    inReplyTo: message.inReplyTo ? normaliseMessageId(message.inReplyTo) : null,
    references: message.references.map(normaliseMessageId),
    direction: message.direction,
    fromEmail: message.from.email,
    fromName: message.from.name ?? null,
    to: message.to,
    mailbox: message.mailbox ?? null,
    subject: message.subject,
    text: message.text,
    headers: message.headers,
    receivedAt,
    category: classification?.category ?? null,
    classification: classification ? { ...classification } : null,
    sequence: message.sequence ?? null,
    source: message.source ?? null,
    lead: message.lead,
    gmailThreadId: message.gmailThreadId ?? null,
    conversationId: message.conversationId ?? null,
    createdAt: now,
  };
}
