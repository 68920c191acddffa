// The message Gmail has open, read through the event's message access token
// and described the way the backend ingests it.
import type { IngestMessageInput } from '#shared/api';
import type { AppsScriptServices } from './services.ts';

export interface OpenMessage {
  /** Gmail's own ids, from the event. */
  gmailMessageId: string;
  gmailThreadId: string;
}

const MAX_TEXT = 200_000;
const MAX_SUBJECT = 2_000;

/** "Chris Doe <chris@northwind.com>, sales@acme.test" as addresses. Pure. */
export function parseAddressList(list: string): Array<{ email: string; name?: string }> {
  const parts = list.match(/(?:"[^"]*"|[^,])+/g) ?? [];
  const addresses: Array<{ email: string; name?: string }> = [];
  for (const part of parts) {
    const angle = /^(.*)<([^<>\s]+@[^<>\s]+)>\s*$/.exec(part.trim());
    const email = (angle ? angle[2] : part.trim()) ?? '';
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) continue;
    const name = angle?.[1]
      ?.trim()
      .replace(/^"(.*)"$/, '$1')
      .trim();
    addresses.push(name ? { email: email.toLowerCase(), name } : { email: email.toLowerCase() });
  }
  return addresses;
}

/**
 * Reads the open message (GmailApp, with the event's access token) as an
 * inbound reply, or as an outbound send when the user wrote it. Null when the
 * message has no Message-ID or no readable sender.
 */
export function readOpenMessage(
  services: Pick<AppsScriptServices, 'gmail'>,
  open: OpenMessage & { accessToken: string },
  userEmail: string,
): IngestMessageInput | null {
  services.gmail.setCurrentMessageAccessToken(open.accessToken);
  const message = services.gmail.getMessageById(open.gmailMessageId);
  const messageId = message.getHeader('Message-ID').trim();
  const from = parseAddressList(message.getFrom())[0];
  if (!messageId || !from) return null;
  const inReplyTo = message.getHeader('In-Reply-To').trim();
  const references = message
    .getHeader('References')
    .split(/\s+/)
    .filter((id) => id.includes('@'));
  const received = new Date(message.getDate().getTime());
  return {
    messageId,
    ...(inReplyTo ? { inReplyTo } : {}),
    references: references.slice(-100),
    gmailThreadId: open.gmailThreadId,
    direction: from.email === userEmail.toLowerCase() ? 'outbound' : 'inbound',
    from,
    to: parseAddressList(message.getTo()).slice(0, 100),
    mailbox: userEmail.toLowerCase(),
    subject: message.getSubject().slice(0, MAX_SUBJECT),
    text: message.getPlainBody().slice(0, MAX_TEXT),
    receivedAt: Number.isNaN(received.getTime()) ? new Date().toISOString() : received.toISOString(),
    source: 'gmail-addon',
  };
}
