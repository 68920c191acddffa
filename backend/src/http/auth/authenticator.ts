// The one place where a request becomes a caller. Demo mode today; the identity
// issue adds Microsoft and Google token verification behind the same interface.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, Caller } from '../app-env.ts';

export interface Authenticator {
  /** The caller, or a DomainError ('unauthenticated') saying what is missing. */
  authenticate(c: Context<AppEnv>): Promise<Caller>;
}

export function requireCaller(authenticator: Authenticator): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('caller', await authenticator.authenticate(c));
    await next();
  };
}
