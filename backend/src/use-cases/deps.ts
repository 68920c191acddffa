// What every use case receives from the shell: injected, so tests pass real
// databases and controlled clocks without module mocks.
import { pino } from 'pino';
import type { Database } from '../store/database.ts';

export interface Clock {
  now(): Date;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface Deps {
  db: Database;
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
