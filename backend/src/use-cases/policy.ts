// Reading, validating and versioning the org's policy.
import { PolicyDocument, type Policy } from '#shared/policy';
import type { z } from 'zod';
import { availabilityFromPolicy, type AvailabilityMap, type CurrentAbsence } from '../domain/availability/availability.ts';
import { DomainError, PolicyInvalid, type FieldIssue } from '../domain/errors.ts';
import type { Roster } from '../domain/ownership/state-machine.ts';
import { compilePolicy, type CompiledPolicy } from '../domain/routing/compiled-policy.ts';
import { currentPolicy, insertPolicyVersion, latestPolicyVersion, policyVersion } from '../store/policies.ts';
import type { Scope } from '../store/scope.ts';

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Validates a whole policy document; throws PolicyInvalid naming every bad path. Pure. */
export function parsePolicy(input: unknown): Policy {
  const result = PolicyDocument.safeParse(input);
  if (!result.success) throw new PolicyInvalid(zodIssues(result.error));
  return result.data;
}

/**
 * The compiled policy of each org, reused while its version is current. The
 * version is re-read at most once a second per org, so another replica's
 * change is seen within a second; this process's own changes at once.
 */
const compiledCache = new Map<string, { compiled: CompiledPolicy; checkedAt: number }>();
const VERSION_CHECK_MS = 1000;

export async function loadPolicy(scope: Scope): Promise<CompiledPolicy> {
  const cached = compiledCache.get(scope.orgId);
  // A monotonic clock for a cache, not the domain's clock: tests move that one by hand.
  const now = performance.now();
  if (cached && now - cached.checkedAt < VERSION_CHECK_MS) return cached.compiled;
  const version = await latestPolicyVersion(scope);
  if (cached && cached.compiled.version === version) {
    cached.checkedAt = now;
    return cached.compiled;
  }
  const stored = version === 0 ? null : await policyVersion(scope, version);
  if (!stored) throw new DomainError('invalid_transition', 'This team has no routing policy yet: a manager must PUT /v1/policy first');
  // Stored documents passed validation when written; parsing again applies defaults added since.
  const compiled = compilePolicy(parsePolicy(stored.document), stored.version);
  compiledCache.set(scope.orgId, { compiled, checkedAt: now });
  return compiled;
}

export async function storedPolicy(scope: Scope) {
  return currentPolicy(scope);
}

/** Stores a new version. `expectedVersion`, when given, must be the current one (else 409). */
export async function savePolicy(scope: Scope, input: unknown, by: string, at: Date, expectedVersion?: number): Promise<{ version: number; policy: Policy }> {
  const policy = parsePolicy(input);
  const current = await latestPolicyVersion(scope);
  if (expectedVersion !== undefined && expectedVersion !== current) {
    throw new DomainError(
      'stale_version',
      `The policy changed since version ${expectedVersion}: it is now at version ${current}. Reload it and apply your change again`,
      {
        currentVersion: current,
      },
    );
  }
  const version = await insertPolicyVersion(scope, current, policy, by, at);
  if (version === null) {
    throw new DomainError('stale_version', 'Someone saved the policy at the same moment: reload it and apply your change again');
  }
  compiledCache.delete(scope.orgId);
  return { version, policy };
}

export function availabilityOf(compiled: CompiledPolicy, absences: readonly CurrentAbsence[] = []): AvailabilityMap {
  return availabilityFromPolicy(compiled.policy, absences);
}

export function rosterOf(compiled: CompiledPolicy, absences: readonly CurrentAbsence[] = []): Roster {
  const availability = availabilityOf(compiled, absences);
  return {
    nameOf: (email) => compiled.members.get(email)?.name ?? null,
    isAvailable: (email) => availability.get(email)?.available ?? false,
  };
}
