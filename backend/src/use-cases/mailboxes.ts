// Connected mailboxes (admin): what the IMAP connector watches. Credentials
// are sealed on the way in and opened only by the connector; no view of a
// mailbox carries them.
import type { SecretBox } from '../crypto/secret-box.ts';
import { DomainError, NotFound } from '../domain/errors.ts';
import { deleteMailbox, getMailbox, insertMailbox, listCheckpoints, listMailboxes, updateMailboxCredential, type MailboxRow } from '../store/mailboxes.ts';
import type { Scope } from '../store/scope.ts';
import type { Deps } from './deps.ts';

/** A password (LOGIN / AUTHENTICATE PLAIN) or an OAuth2 access token (AUTHENTICATE XOAUTH2). */
export type MailboxCredential = { password: string } | { accessToken: string };

export interface NewMailboxInput {
  address?: string | undefined;
  host: string;
  port?: number | undefined;
  tls?: boolean | undefined;
  user: string;
  credential: MailboxCredential;
  folders?: { inbox?: string | undefined; sent?: string | null | undefined } | undefined;
  options?: { markSeen?: boolean | undefined; move?: string | null | undefined } | undefined;
}

export interface MailboxView {
  id: string;
  address: string;
  host: string;
  port: number;
  tls: boolean;
  user: string;
  auth: 'password' | 'xoauth2';
  folders: { inbox: string; sent: string | null };
  options: { markSeen: boolean; move: string | null };
  status: { state: string; message: string | null; at: string | null; lastSyncAt: string | null };
  checkpoints: Array<{ folder: string; uidValidity: number; lastUid: number; at: string }>;
  createdBy: string;
  createdAt: string;
}

export const DEFAULT_FOLDERS = { inbox: 'INBOX', sent: 'Sent' } as const;

export function sealCredential(secrets: SecretBox, credential: MailboxCredential): { auth: 'password' | 'xoauth2'; sealed: string } {
  return 'password' in credential
    ? { auth: 'password', sealed: secrets.seal(JSON.stringify({ password: credential.password })) }
    : { auth: 'xoauth2', sealed: secrets.seal(JSON.stringify({ accessToken: credential.accessToken })) };
}

export function openCredential(secrets: SecretBox, row: Pick<MailboxRow, 'credentialSealed'>): MailboxCredential {
  const value = JSON.parse(secrets.open(row.credentialSealed)) as Partial<{ password: string; accessToken: string }>;
  if (typeof value.accessToken === 'string') return { accessToken: value.accessToken };
  if (typeof value.password === 'string') return { password: value.password };
  throw new Error('the sealed mailbox credential holds neither a password nor an access token');
}

function view(row: MailboxRow, checkpoints: Awaited<ReturnType<typeof listCheckpoints>>): MailboxView {
  return {
    id: row.id,
    address: row.address,
    host: row.host,
    port: row.port,
    tls: row.tls,
    user: row.username,
    auth: row.auth as MailboxView['auth'],
    folders: { inbox: row.inboxFolder, sent: row.sentFolder },
    options: { markSeen: row.markSeen, move: row.moveTo },
    status: { state: row.status, message: row.statusMessage, at: row.statusAt?.toISOString() ?? null, lastSyncAt: row.lastSyncAt?.toISOString() ?? null },
    checkpoints: checkpoints
      .map((c) => ({ folder: c.folder, uidValidity: c.uidValidity, lastUid: c.lastUid, at: c.updatedAt.toISOString() }))
      .sort((a, b) => a.folder.localeCompare(b.folder)),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function connectMailbox(deps: Deps, secrets: SecretBox, scope: Scope, input: NewMailboxInput, by: string): Promise<MailboxView> {
  const address = (input.address ?? (input.user.includes('@') ? input.user : '')).toLowerCase();
  if (!address) throw new DomainError('invalid_input', 'Give the mailbox `address` (the email address mail arrives at): the user name is not an address');
  const { auth, sealed } = sealCredential(secrets, input.credential);
  const tls = input.tls ?? true;
  const row = await insertMailbox(scope, {
    id: deps.newId(),
    address,
    host: input.host,
    port: input.port ?? (tls ? 993 : 143),
    tls,
    username: input.user,
    auth,
    credentialSealed: sealed,
    inboxFolder: input.folders?.inbox ?? DEFAULT_FOLDERS.inbox,
    sentFolder: input.folders?.sent === undefined ? DEFAULT_FOLDERS.sent : input.folders.sent,
    markSeen: input.options?.markSeen ?? false,
    moveTo: input.options?.move ?? null,
    createdBy: by,
    createdAt: deps.clock.now(),
  });
  if (!row) throw new DomainError('stale_version', `The mailbox ${address} is connected already: delete it first, or change its credentials`);
  return view(row, []);
}

export async function mailboxViews(scope: Scope): Promise<MailboxView[]> {
  const rows = await listMailboxes(scope);
  return Promise.all(rows.map(async (row) => view(row, await listCheckpoints(scope, row.id))));
}

export async function mailboxView(scope: Scope, id: string): Promise<MailboxView> {
  const row = await getMailbox(scope, id);
  if (!row) throw new NotFound('The mailbox');
  return view(row, await listCheckpoints(scope, id));
}

export async function disconnectMailbox(scope: Scope, id: string): Promise<void> {
  if (!(await deleteMailbox(scope, id))) throw new NotFound('The mailbox');
}

/** New credentials (a rotated password, a fresh OAuth2 access token); the connector restarts with them and keeps its checkpoints. */
export async function changeMailboxCredential(secrets: SecretBox, scope: Scope, id: string, credential: MailboxCredential): Promise<MailboxView> {
  const { auth, sealed } = sealCredential(secrets, credential);
  const row = await updateMailboxCredential(scope, id, auth, sealed);
  if (!row) throw new NotFound('The mailbox');
  return view(row, await listCheckpoints(scope, id));
}
