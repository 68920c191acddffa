// Small factories for the IMAP tests: raw messages, delivery by APPEND, and
// waiting on what the backend stored.
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { ImapFlow } from 'imapflow';
import { messages } from '../../backend/src/store/schema.ts';
import type { Database } from '../../backend/src/store/database.ts';
import { withOrg, type Deps } from '../../backend/src/use-cases/deps.ts';

export interface RawMessage {
  from: string;
  to?: string;
  subject?: string;
  text?: string;
  messageId?: string;
  inReplyTo?: string;
  date?: Date;
}

export const newMessageId = () => `<${randomUUID()}@prospects.example>`;

export function rawMessage(message: RawMessage): string {
  const headers = [
    `From: ${message.from}`,
    `To: ${message.to ?? 'sales@acme.test'}`,
    `Subject: ${message.subject ?? 'Re: Quick question'}`,
    `Message-ID: ${message.messageId ?? newMessageId()}`,
    `Date: ${(message.date ?? new Date()).toUTCString()}`,
    ...(message.inReplyTo ? [`In-Reply-To: ${message.inReplyTo}`, `References: ${message.inReplyTo}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${message.text ?? 'Sounds good, can we talk this week?'}\r\n`;
}

/** Delivers `count` distinct replies to `folder`, returning their Message-IDs. */
export async function deliver(imap: ImapFlow, folder: string, total: number, from = (i: number) => `prospect${i}@northwind${i % 50}.com`): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < total; i++) {
    const messageId = newMessageId();
    ids.push(messageId);
    await imap.append(folder, rawMessage({ from: from(i), messageId }));
  }
  return ids;
}

export async function storedMessages(deps: Pick<Deps, 'db' | 'rlsRole'>, orgId: string): Promise<number> {
  return withOrg(deps, orgId, async (scope) => {
    const [row] = await scope.db.select({ n: count() }).from(messages).where(eq(messages.orgId, orgId));
    return row?.n ?? 0;
  });
}

export async function storedMessageIds(db: Database, deps: Pick<Deps, 'rlsRole'>, orgId: string): Promise<string[]> {
  return withOrg({ db, rlsRole: deps.rlsRole }, orgId, async (scope) =>
    (await scope.db.select({ id: messages.messageId }).from(messages).where(eq(messages.orgId, orgId))).map((r) => r.id),
  );
}

/** Polls `check` until it holds, or fails with `what` after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | false | null | undefined>, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}
