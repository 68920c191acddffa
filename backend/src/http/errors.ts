// The one error path: domain errors and protocol errors become the error shape
// of the contract; anything unexpected is logged with the request id and
// reaches the client as a bare 500 without its message.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { DomainError, InvalidInput, type DomainErrorCode } from '../domain/errors.ts';
import type { Logger } from '../use-cases/deps.ts';
import type { AppEnv } from './app-env.ts';

const STATUS: Record<DomainErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  policy_invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_owner: 403,
  not_found: 404,
  thread_locked: 409,
  already_yours: 409,
  invalid_transition: 409,
  member_unavailable: 409,
  stale_version: 409,
  rate_limited: 429,
};

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function onError(log: Logger) {
  return (error: Error, c: Context<AppEnv>) => {
    if (error instanceof DomainError) {
      return c.json(errorBody(error.code, error.message, error.details), STATUS[error.code]);
    }
    if (error instanceof HTTPException) {
      const status = error.status;
      const code = status === 415 ? 'unsupported_media_type' : status === 413 ? 'payload_too_large' : status === 401 ? 'unauthenticated' : 'invalid_input';
      const message =
        status === 415
          ? 'Unsupported Content-Type: send application/json (or the other types this endpoint lists in /v1/openapi.json)'
          : /json/i.test(error.message)
            ? 'The body is not valid JSON: check quotes, commas and brackets'
            : error.message;
      return c.json(errorBody(code, message), status as ContentfulStatusCode);
    }
    log.error('unexpected error', { requestId: c.get('requestId'), error: error.stack ?? String(error) });
    return c.json(errorBody('internal', `Something went wrong on our side; quote request id ${c.get('requestId')} when you report it`), 500);
  };
}

/** The validation hook of every route: a zod failure becomes a 400 naming each path. */
export function validationHook(result: { success: true } | { success: false; error: z.ZodError; target?: string }) {
  if (result.success) return;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const first = issues[0];
  const where = result.target === 'query' ? 'query parameter' : result.target === 'param' ? 'path parameter' : 'field';
  throw new InvalidInput(first ? `Invalid ${where} ${first.path || '(body)'}: ${first.message}` : 'Invalid request', issues);
}
