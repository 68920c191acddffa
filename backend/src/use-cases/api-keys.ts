// Machine-to-machine access: per-org API keys (shown once, stored hashed,
// named, scoped to ingestion, revocable, rotatable with overlap) and
// HMAC-SHA256-signed webhooks with a five-minute window and replay refusal.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SecretBox } from '../crypto/secret-box.ts';
import { DomainError, NotFound } from '../domain/errors.ts';
import { findApiKeyById, getApiKey, insertApiKey, listApiKeys, recordDelivery, updateApiKey, type ApiKeyRow } from '../store/api-keys.ts';
import type { Scope } from '../store/scope.ts';
import { forAuthentication, withOrg, type Deps } from './deps.ts';

export const KEY_PREFIX = 'rrk_';
export const WEBHOOK_WINDOW_SECONDS = 300;

export interface ApiKeyView {
  id: string;
  name: string;
  scopes: string[];
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface AuthenticatedKey {
  orgId: string;
  id: string;
  name: string;
  scopes: string[];
}

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

function view(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/** Creates a key; the returned `key` is the only time the secret is shown. */
export async function createApiKey(deps: Deps, secrets: SecretBox, scope: Scope, name: string, by: string): Promise<ApiKeyView & { key: string }> {
  const id = deps.newId();
  const secret = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  await insertApiKey(scope, { id, name, secretHash: hash(secret), sealedSecret: secrets.seal(secret), scopes: ['ingest'], createdBy: by, createdAt: now });
  const row = (await getApiKey(scope, id))!;
  return { ...view(row), key: `${KEY_PREFIX}${id}_${secret}` };
}

export async function listKeys(scope: Scope): Promise<ApiKeyView[]> {
  return (await listApiKeys(scope)).map(view);
}

export async function revokeApiKey(deps: Deps, scope: Scope, id: string): Promise<ApiKeyView> {
  const row = await getApiKey(scope, id);
  if (!row) throw new NotFound('The API key');
  if (!row.revokedAt) await updateApiKey(scope, id, { revokedAt: deps.clock.now() });
  return view((await getApiKey(scope, id))!);
}

/** A new key with the same name; the old one keeps working for `overlapMinutes`, so senders can switch without a gap. */
export async function rotateApiKey(deps: Deps, secrets: SecretBox, scope: Scope, id: string, overlapMinutes: number, by: string) {
  const row = await getApiKey(scope, id);
  if (!row || row.revokedAt) throw new NotFound('The API key', 'it does not exist or was revoked');
  const expiresAt = new Date(deps.clock.now().getTime() + overlapMinutes * 60_000);
  await updateApiKey(scope, id, { expiresAt: row.expiresAt && row.expiresAt < expiresAt ? row.expiresAt : expiresAt });
  return { previous: view((await getApiKey(scope, id))!), next: await createApiKey(deps, secrets, scope, row.name, by) };
}

function usable(row: ApiKeyRow, now: Date): boolean {
  return row.revokedAt === null && (row.expiresAt === null || row.expiresAt > now);
}

/** The key a bearer value stands for, or a 401 that says what is wrong. */
export async function authenticateApiKey(deps: Pick<Deps, 'db' | 'rlsRole'>, presented: string, now: Date): Promise<AuthenticatedKey> {
  const match = /^rrk_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/.exec(presented);
  const invalid = new DomainError('unauthenticated', 'This API key is not valid: it may be mistyped, revoked or expired');
  if (!match) throw invalid;
  const row = await forAuthentication(deps, (db) => findApiKeyById(db, match[1]!));
  if (!row) throw invalid;
  const expected = Buffer.from(row.secretHash, 'hex');
  const actual = Buffer.from(hash(match[2]!), 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual) || !usable(row, now)) throw invalid;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await withOrg(deps, row.orgId, (scope) => updateApiKey(scope, row.id, { lastUsedAt: now }));
  }
  return { orgId: row.orgId, id: row.id, name: row.name, scopes: row.scopes };
}

export interface WebhookHeaders {
  keyId: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

/** Checks a signed delivery: `signature` is `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. */
export async function verifyWebhook(
  deps: Pick<Deps, 'db' | 'rlsRole'>,
  secrets: SecretBox,
  headers: WebhookHeaders,
  body: string,
  now: Date,
): Promise<AuthenticatedKey> {
  const refuse = (message: string) => new DomainError('unauthenticated', message);
  if (!headers.keyId || !headers.timestamp || !headers.signature) {
    throw refuse('A signed delivery needs the headers X-Reply-Routing-Key, X-Reply-Routing-Timestamp and X-Reply-Routing-Signature');
  }
  const seconds = Number(headers.timestamp);
  if (!Number.isInteger(seconds) || Math.abs(now.getTime() / 1000 - seconds) > WEBHOOK_WINDOW_SECONDS) {
    throw refuse('The delivery timestamp is missing or more than five minutes away from now: check the sender clock and sign each delivery when sending');
  }
  const keyId = headers.keyId;
  const row = /^[0-9a-f-]{36}$/.test(keyId) ? await forAuthentication(deps, (db) => findApiKeyById(db, keyId)) : null;
  if (!row || !usable(row, now)) throw refuse('The signing key is unknown, revoked or expired');
  const expected = Buffer.from(`sha256=${createHmac('sha256', secrets.open(row.sealedSecret)).update(`${headers.timestamp}.${body}`).digest('hex')}`);
  const actual = Buffer.from(headers.signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    throw refuse('The signature does not match the body: sign "<timestamp>.<raw body>" with HMAC-SHA256');
  const signature = headers.signature;
  const fresh = await withOrg(deps, row.orgId, (scope) => recordDelivery(scope, signature, now, new Date(now.getTime() - 2 * WEBHOOK_WINDOW_SECONDS * 1000)));
  if (!fresh) throw refuse('This delivery was received already (a replayed signature)');
  return { orgId: row.orgId, id: row.id, name: row.name, scopes: row.scopes };
}
