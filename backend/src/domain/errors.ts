// Domain errors: each has a stable code and a message that tells the user what
// to do. The HTTP edge maps codes to statuses in one place (http/errors.ts).

export type DomainErrorCode =
  | 'invalid_input'
  | 'policy_invalid'
  | 'not_found'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_owner'
  | 'thread_locked'
  | 'already_yours'
  | 'invalid_transition'
  | 'member_unavailable'
  | 'stale_version'
  | 'rate_limited';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** One invalid field: its path in the request and what to fix. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class InvalidInput extends DomainError {
  constructor(message: string, issues: FieldIssue[] = []) {
    super('invalid_input', message, issues.length > 0 ? { issues } : undefined);
  }
}

export class PolicyInvalid extends DomainError {
  constructor(issues: FieldIssue[]) {
    const first = issues[0];
    super('policy_invalid', first ? `The policy is invalid at ${first.path || '(root)'}: ${first.message}` : 'The policy is invalid', { issues });
  }
}

export class NotFound extends DomainError {
  constructor(what: string, hint?: string) {
    super('not_found', `${what} was not found${hint ? `: ${hint}` : ''}`);
  }
}

export class Forbidden extends DomainError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

export class NotOwner extends DomainError {
  constructor(action: string, owner: string | null) {
    super('not_owner', owner ? `Only the owner (${owner}) or a manager can ${action} this thread` : `Only the owner or a manager can ${action} this thread`, {
      owner,
    });
  }
}

export class ThreadLocked extends DomainError {
  constructor(readonly owner: { email: string; name: string }) {
    super('thread_locked', `${owner.name} (${owner.email}) already owns this thread`, { owner });
  }
}

export class InvalidTransition extends DomainError {
  constructor(message: string, state: string) {
    super('invalid_transition', message, { state });
  }
}
