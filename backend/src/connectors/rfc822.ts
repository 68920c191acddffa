// Raw RFC 822 source to the message the backend ingests, with a real MIME
// parser (mailparser): charsets, transfer encodings and encoded words included.
import { simpleParser, type AddressObject } from 'mailparser';
import type { IngestMessageInput } from '#shared/api';

export interface ParsedRawMessage {
  message: IngestMessageInput;
  /** `report-type` of a multipart/report (delivery-status, feedback-report), else null. */
  reportType: string | null;
}

const addresses = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((group) => group.value)
    .filter((a): a is typeof a & { address: string } => typeof a.address === 'string' && a.address.includes('@'))
    .map((a) => ({ email: a.address.toLowerCase(), ...(a.name ? { name: a.name.slice(0, 200) } : {}) }));

/** Throws an Error with a readable message when the source is not a message. */
export async function parseRfc822(raw: string | Buffer, receivedAt: Date, direction: 'inbound' | 'outbound' = 'inbound'): Promise<ParsedRawMessage> {
  const mail = await simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true });
  const sender = addresses(mail.from)[0];
  if (!sender) throw new Error('the message has no From address');
  const headers: Record<string, string> = {};
  for (const { key, line } of mail.headerLines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    // Header values are capped: a header is context, not content.
    headers[key] = headers[key] ? `${headers[key]}, ${value}`.slice(0, 9_000) : value.slice(0, 9_000);
  }
  const contentType = mail.headers.get('content-type');
  const reportType =
    typeof contentType === 'object' && contentType !== null && 'params' in contentType
      ? ((contentType.params as Record<string, string>)['report-type'] ?? null)
      : null;
  const references = Array.isArray(mail.references) ? mail.references : mail.references ? mail.references.split(/\s+/) : [];
  const messageId = mail.messageId ?? `<generated-${receivedAt.getTime()}-${Buffer.from(sender.email).toString('hex').slice(0, 16)}@reply-routing.invalid>`;
  return {
    reportType: reportType ? reportType.toLowerCase() : null,
    message: {
      messageId,
      inReplyTo: mail.inReplyTo || undefined,
      references: references.filter((r) => r.includes('@')).slice(0, 100),
      direction,
      from: sender,
      to: addresses(mail.to).slice(0, 100),
      subject: (mail.subject ?? '').slice(0, 2000),
      text: (mail.text ?? '').slice(0, 200_000),
      headers,
      receivedAt: (mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : receivedAt).toISOString(),
    },
  };
}
