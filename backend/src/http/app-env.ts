// The typed context every route sees: who calls, in which org, and the request id.
import type { Role } from '#shared/policy';

export interface Caller {
  orgId: string;
  member: { email: string; name: string; role: Role };
}

export interface AppEnv {
  Variables: {
    caller: Caller;
    requestId: string;
  };
}
