// The add-on's one way to the backend: UrlFetchApp, with the identity of the
// user on every request and every failure turned into a `Failure` the shared
// code puts into words. Never throws.
import type { BackendRequest, Failure } from '#shared/sidebar/backend-requests';
import type { AppsScriptServices } from './services.ts';
import type { AddonSettings } from './settings.ts';

export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** The most a backend call may take. */
export const REQUEST_BUDGET_MS = 5_000;
/**
 * Apps Script ends a card handler after 30 s. UrlFetchApp has no timeout
 * option (URLFetchRequestOptions has none; its own limit is about 60 s), so a
 * call cannot be cut short from here. What the client can do is never start a
 * call that might end after this budget: a handler that already spent more
 * than HANDLER_BUDGET_MS - REQUEST_BUDGET_MS answers "took too long" instead.
 */
export const HANDLER_BUDGET_MS = 15_000;

export interface BackendClient {
  send<T>(request: BackendRequest): Result<T>;
}

/** The headers that say who the user is; throws when they cannot be had. */
export type Credentials = () => Record<string, string>;

export function backendClient(services: Pick<AppsScriptServices, 'urlFetch' | 'now'>, settings: AddonSettings, credentials: Credentials): BackendClient {
  const startedAt = services.now();
  return {
    send<T>(request: BackendRequest): Result<T> {
      if (services.now() - startedAt > HANDLER_BUDGET_MS - REQUEST_BUDGET_MS) return { ok: false, failure: { kind: 'timeout' } };
      let headers: Record<string, string>;
      try {
        headers = credentials();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, failure: { kind: 'http', status: 401, body: { error: { code: 'unauthenticated', message } } } };
      }
      let status: number;
      let text: string;
      try {
        const response = services.urlFetch.fetch(`${settings.backendUrl}${request.path}`, {
          method: request.method === 'GET' ? 'get' : 'post',
          headers: { ...headers, accept: 'application/json' },
          ...(request.body === undefined ? {} : { contentType: 'application/json', payload: JSON.stringify(request.body) }),
          // A 4xx/5xx is an answer to read, not an exception.
          muteHttpExceptions: true,
          followRedirects: false,
        });
        status = response.getResponseCode();
        text = response.getContentText();
      } catch {
        // UrlFetchApp throws on DNS, connection and its own time-out errors.
        return { ok: false, failure: services.now() - startedAt > HANDLER_BUDGET_MS ? { kind: 'timeout' } : { kind: 'network' } };
      }
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = null;
      }
      return status >= 200 && status < 300 ? { ok: true, value: body as T } : { ok: false, failure: { kind: 'http', status, body } };
    },
  };
}
