// What every use case receives from the shell: injected, so tests pass real
// databases and controlled clocks without module mocks.
import { pino } from 'pino';
import type { Database } from '../store/database.ts';
import { orgScoper, type Scope } from '../store/scope.ts';

export interface Clock {
  now(): Date;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface Deps {
  db: Database;
  /** The role that arms row-level security (DATABASE_RLS_ROLE), or null. See store/scope.ts. */
  rlsRole: string | null;
  clock: Clock;
  newId: () => string;
  log: Logger;
}

export const systemClock: Clock = { now: () => new Date() };

/** Paths that never reach a log line: credentials, and what prospects wrote. */
export const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  'headers["x-reply-routing-signature"]',
  'token',
  'key',
  'secret',
  'body',
  'text',
  'subject',
  'error.body',
];

/** JSON lines on stdout (pino), with credentials and message bodies redacted. */
export function jsonLogger(destination?: pino.DestinationStream): Logger {
  const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: undefined, messageKey: 'message' }, destination);
  return {
    info: (message, fields) => logger.info(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}

export const consoleLogger: Logger = jsonLogger();

export const silentLogger: Logger = { info: () => {}, error: () => {} };

/** Runs `work` scoped to one org: the only way a use case gets a Scope. */
export function withOrg<T>(deps: Pick<Deps, 'db' | 'rlsRole'>, orgId: string, work: (scope: Scope) => Promise<T>): Promise<T> {
  return orgScoper(deps.db, deps.rlsRole).withOrg(orgId, work);
}

/** Runs a sign-in lookup that must find its row before the org is known. */
export function forAuthentication<T>(deps: Pick<Deps, 'db' | 'rlsRole'>, work: (db: Database) => Promise<T>): Promise<T> {
  return orgScoper(deps.db, deps.rlsRole).forAuthentication(work);
}
