// The typed context every route sees: who calls, in which org, and the request id.
import type { Role } from '#shared/policy';
import type { Scope } from '../store/scope.ts';

export interface Caller {
  orgId: string;
  /** For an API key: a stand-in named after the key, with the least role. */
  member: { email: string; name: string; role: Role };
  /** Set when a machine called with an API key rather than a person. */
  apiKey?: { id: string; name: string; scopes: string[] };
}

export interface AppEnv {
  Variables: {
    caller: Caller;
    /** The caller's org, armed for row-level security: every handler queries through it. */
    scope: Scope;
    requestId: string;
  };
}
