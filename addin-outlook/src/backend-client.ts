// The task pane's backend client: one fetch per request, a timeout, and every
// failure turned into a `Failure` the shared code can put into words.
import type { BackendRequest, Failure } from '#shared/sidebar/backend-requests';
import type { Auth } from './auth/auth.ts';

export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

const TIMEOUT_MS = 8_000;

export interface BackendClient {
  send<T>(request: BackendRequest): Promise<Result<T>>;
}

export function backendClient(baseUrl: string, auth: Auth): BackendClient {
  return {
    async send<T>(request: BackendRequest): Promise<Result<T>> {
      let headers: Record<string, string>;
      try {
        headers = await auth.headers();
      } catch (error) {
        return { ok: false, failure: { kind: 'http', status: 401, body: { error: { code: 'unauthenticated', message: (error as Error).message } } } };
      }
      if (request.body !== undefined) headers['content-type'] = 'application/json';
      try {
        const response = await fetch(new URL(request.path, baseUrl), {
          method: request.method,
          headers,
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        const body: unknown = await response.json().catch(() => null);
        return response.ok ? { ok: true, value: body as T } : { ok: false, failure: { kind: 'http', status: response.status, body } };
      } catch (error) {
        return { ok: false, failure: (error as Error).name === 'TimeoutError' ? { kind: 'timeout' } : { kind: 'network' } };
      }
    },
  };
}
