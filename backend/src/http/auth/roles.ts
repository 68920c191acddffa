// Who may do what beyond the state machine: rep < manager < admin.
import type { Role } from '#shared/policy';
import { Forbidden } from '../../domain/errors.ts';
import type { Caller } from '../app-env.ts';

const RANK: Record<Role, number> = { rep: 0, manager: 1, admin: 2 };

/** Throws 403 unless the caller's role is at least `minimum`. */
export function requireRole(caller: Caller, minimum: Role, what: string): void {
  if (RANK[caller.member.role] < RANK[minimum]) {
    throw new Forbidden(minimum === 'admin' ? `Only an admin can ${what}` : `Only a manager or an admin can ${what}`);
  }
}
