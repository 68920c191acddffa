// A raw RFC 822 message from a mailbox (IMAP) or a history file into the one
// ingest path, with the mailbox it came through.
import { IngestMessage } from '#shared/api';
import { parseRfc822 } from '../connectors/rfc822.ts';
import type { Scope } from '../store/scope.ts';
import type { Deps } from './deps.ts';
import { ingestMessage, type IngestResult } from './ingest-message.ts';

export interface RawContext {
  direction: 'inbound' | 'outbound';
  /** The address the message arrived at or left from. */
  mailbox?: string | undefined;
  /** When the message has no usable Date header: the server's arrival time. */
  receivedAt: Date;
}

export type ParsedRaw = { ok: true; message: IngestMessage; reportType: string | null } | { ok: false; reason: string };

/** The message a raw source stands for, or why it cannot be ingested (it is not a message, it has no sender). */
export async function parseRawMessage(raw: string | Buffer, context: RawContext): Promise<ParsedRaw> {
  let parsed;
  try {
    parsed = await parseRfc822(raw, context.receivedAt, context.direction);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  const result = IngestMessage.safeParse({ ...parsed.message, ...(context.mailbox ? { mailbox: context.mailbox.toLowerCase() } : {}) });
  if (!result.success) return { ok: false, reason: `${result.error.issues[0]?.path.join('.')}: ${result.error.issues[0]?.message}` };
  return { ok: true, message: result.data, reportType: parsed.reportType };
}

/** Ingests a raw message; null (with the reason logged by the caller) when it cannot be read as a message. */
export async function ingestRaw(
  deps: Deps,
  scope: Scope,
  raw: string | Buffer,
  context: RawContext,
): Promise<(IngestResult & { ok: true }) | { ok: false; reason: string }> {
  const parsed = await parseRawMessage(raw, context);
  if (!parsed.ok) return parsed;
  return { ok: true, ...(await ingestMessage(deps, scope, parsed.message, { reportType: parsed.reportType })) };
}
