// The console's backend client: one fetch per request, a timeout, and every
// failure turned into a `Failure` the shared code can put into words. Also
// reads a streamed answer line by line (a simulation's progress) and fetches
// a CSV export as a file download.
import type { Failure } from '#shared/sidebar/backend-requests';
import type { Auth } from './auth/auth.ts';

export type Result<T> = { ok: true; value: T; headers: Headers } | { ok: false; failure: Failure };

export interface ConsoleRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path and query, starting with /v1/. */
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, with its type (a policy's YAML). */
  text?: { contentType: string; body: string };
  headers?: Record<string, string>;
}

export interface BackendClient {
  send<T>(request: ConsoleRequest): Promise<Result<T>>;
  /** Sends, then calls `onLine` with each JSON line of the answer as it arrives. */
  stream(request: ConsoleRequest, onLine: (line: unknown) => void): Promise<Result<null>>;
  /** Fetches a file (CSV) and hands it to the browser as a download. */
  download(path: string, filename: string): Promise<Result<null>>;
}

const TIMEOUT_MS = 15_000;
/** A simulation over thousands of replies may take a while: its stream gets longer. */
const STREAM_TIMEOUT_MS = 10 * 60_000;

export function backendClient(baseUrl: string, auth: Auth): BackendClient {
  const open = async (request: ConsoleRequest, timeout: number, accept = 'application/json'): Promise<Response | Failure> => {
    let headers: Record<string, string>;
    try {
      headers = { ...(await auth.headers()), accept, ...request.headers };
    } catch (error) {
      return { kind: 'http', status: 401, body: { error: { code: 'unauthenticated', message: (error as Error).message } } };
    }
    let body: string | undefined;
    if (request.text) {
      headers['content-type'] = request.text.contentType;
      body = request.text.body;
    } else if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.body);
    }
    try {
      return await fetch(new URL(request.path, baseUrl), { method: request.method, headers, body, signal: AbortSignal.timeout(timeout) });
    } catch (error) {
      return (error as Error).name === 'TimeoutError' ? { kind: 'timeout' } : { kind: 'network' };
    }
  };
  const failed = async (response: Response): Promise<Failure> => ({
    kind: 'http',
    status: response.status,
    body: await response.json().catch(() => null),
  });

  return {
    async send<T>(request: ConsoleRequest): Promise<Result<T>> {
      const response = await open(request, TIMEOUT_MS);
      if (!(response instanceof Response)) return { ok: false, failure: response };
      if (!response.ok) return { ok: false, failure: await failed(response) };
      const value = (await response.json().catch(() => null)) as T;
      return { ok: true, value, headers: response.headers };
    },

    async stream(request, onLine) {
      const response = await open(request, STREAM_TIMEOUT_MS, 'application/x-ndjson');
      if (!(response instanceof Response)) return { ok: false, failure: response };
      if (!response.ok || !response.body) return { ok: false, failure: await failed(response) };
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffered += value;
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines) if (line.trim()) onLine(JSON.parse(line));
        }
      } catch (error) {
        return { ok: false, failure: (error as Error).name === 'TimeoutError' ? { kind: 'timeout' } : { kind: 'network' } };
      }
      if (buffered.trim()) onLine(JSON.parse(buffered));
      return { ok: true, value: null, headers: response.headers };
    },

    async download(path, filename) {
      const response = await open({ method: 'GET', path }, TIMEOUT_MS, 'text/csv');
      if (!(response instanceof Response)) return { ok: false, failure: response };
      if (!response.ok) return { ok: false, failure: await failed(response) };
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement('a'), { href: url, download: filename });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { ok: true, value: null, headers: response.headers };
    },
  };
}
