// The requests a sidebar makes, as data, and what their answers mean. Each
// host sends them its own way (fetch in Outlook, UrlFetchApp in Gmail); the
// paths, bodies and the reading of failures are written once, here.
import type { ErrorBody, IngestMessageInput, ThreadAction } from '../api.ts';
import { type Locale, phrase, stringsFor } from './strings.ts';

export interface BackendRequest {
  method: 'GET' | 'POST';
  /** Path and query, starting with /v1/. */
  path: string;
  body?: unknown;
}

/** What identifies the conversation in each host. */
export type ThreadKey = { messageId: string } | { gmailThreadId: string } | { conversationId: string };

export function lookupRequest(key: ThreadKey): BackendRequest {
  const [name, value] = Object.entries(key)[0] as [string, string];
  return { method: 'GET', path: `/v1/threads/lookup?${name}=${encodeURIComponent(value)}` };
}

export function threadRequest(threadId: string): BackendRequest {
  return { method: 'GET', path: `/v1/threads/${encodeURIComponent(threadId)}` };
}

export function ingestRequest(message: IngestMessageInput): BackendRequest {
  return { method: 'POST', path: '/v1/messages', body: message };
}

export function meRequest(): BackendRequest {
  return { method: 'GET', path: '/v1/me' };
}

export function actionRequest(threadId: string, action: ThreadAction, body: unknown = {}): BackendRequest {
  return { method: 'POST', path: `/v1/threads/${encodeURIComponent(threadId)}/${action}`, body };
}

/** How a request failed, as the host saw it. */
export type Failure = { kind: 'http'; status: number; body: unknown } | { kind: 'network' } | { kind: 'timeout' };

export interface FailureMessage {
  text: string;
  /** The thread changed under the user: show the latest view with the message. */
  refresh: boolean;
  /** The user must sign in (again). */
  signIn: boolean;
}

/** Pure: a failure as a sentence the user can act on. */
export function describeFailure(failure: Failure, locale: Locale): FailureMessage {
  const s = stringsFor(locale);
  if (failure.kind === 'network') return { text: s.error.network, refresh: false, signIn: false };
  if (failure.kind === 'timeout') return { text: s.error.timeout, refresh: false, signIn: false };
  const error = errorOf(failure.body);
  if (failure.status >= 500 || !error) return { text: s.error.server, refresh: false, signIn: false };
  const { code, message, details } = error;
  if (code === 'thread_locked') {
    const owner = (details as { owner?: { name?: string; email?: string } } | undefined)?.owner;
    return { text: phrase(s.error.lostRace, { name: owner?.name ?? owner?.email ?? '?' }), refresh: true, signIn: false };
  }
  if (code === 'stale_version') return { text: s.error.stale, refresh: true, signIn: false };
  if (code === 'unauthenticated') return { text: message, refresh: false, signIn: true };
  return { text: phrase(s.error.generic, { message }), refresh: code === 'not_owner' || code === 'invalid_transition', signIn: false };
}

/** The error of an error body, read without zod so the add-in bundles stay small. */
function errorOf(body: unknown): ErrorBody['error'] | null {
  const error = (body as { error?: unknown } | null)?.error as Partial<ErrorBody['error']> | undefined;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string') return null;
  return { code: error.code, message: error.message, details: error.details };
}
