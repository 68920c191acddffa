// The one place where a request becomes a caller: demo mode (dev-authenticator)
// or Microsoft and Google tokens (token-authenticator), with API keys beside them.
import type { Context, MiddlewareHandler } from 'hono';
import { authenticateApiKey, KEY_PREFIX } from '../../use-cases/api-keys.ts';
import type { Clock, Deps } from '../../use-cases/deps.ts';
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

/** People sign in through `people`; a bearer value that is an API key is checked as one. */
export function withApiKeys(people: Authenticator, deps: Pick<Deps, 'db' | 'rlsRole'>, clock: Clock): Authenticator {
  return {
    async authenticate(c) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
      if (!bearer?.startsWith(KEY_PREFIX)) return people.authenticate(c);
      const key = await authenticateApiKey(deps, bearer, clock.now());
      return { orgId: key.orgId, member: { email: `api-key:${key.name}`, name: `API key ${key.name}`, role: 'rep' }, apiKey: key };
    },
  };
}
