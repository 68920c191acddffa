// What every use case receives from the shell: injected, so tests pass real
// databases and controlled clocks without module mocks.
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

export const consoleLogger: Logger = {
  info: (message, fields) => console.log(JSON.stringify({ level: 'info', message, ...fields })),
  error: (message, fields) => console.error(JSON.stringify({ level: 'error', message, ...fields })),
};

export const silentLogger: Logger = { info: () => {}, error: () => {} };
