// Absences of members: planned (PTO, sick, travel) or "away now / back now"
// from the sidebar. A member manages their own; a manager, the team's.
import { DomainError, Forbidden, InvalidInput, NotFound } from '../domain/errors.ts';
import type { Actor } from '../domain/ownership/state-machine.ts';
import { endAbsence, getAbsence, insertAbsence, listAbsences, type AbsenceRow } from '../store/absences.ts';
import type { Scope } from '../store/scope.ts';
import type { Deps } from './deps.ts';
import { loadPolicy } from './policy.ts';

export const ABSENCE_REASONS = ['pto', 'sick', 'travel', 'away', 'other'] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

export interface AbsenceView {
  id: string;
  member: string;
  startsAt: string;
  endsAt: string | null;
  reason: string;
  createdBy: string;
}

export function absenceView(row: AbsenceRow): AbsenceView {
  return {
    id: row.id,
    member: row.member,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt?.toISOString() ?? null,
    reason: row.reason,
    createdBy: row.createdBy,
  };
}

function requireSelfOrManager(actor: Actor, member: string, what: string): void {
  if (actor.email !== member && actor.role === 'rep') throw new Forbidden(`Only ${member} or a manager can ${what}`);
}

export async function addAbsence(
  deps: Deps,
  scope: Scope,
  actor: Actor,
  member: string,
  input: { startsAt: Date; endsAt: Date | null; reason: AbsenceReason },
): Promise<AbsenceView> {
  requireSelfOrManager(actor, member, 'plan this absence');
  const compiled = await loadPolicy(scope);
  if (!compiled.members.has(member)) throw new NotFound(`The member ${member}`);
  if (input.endsAt && input.endsAt <= input.startsAt)
    throw new InvalidInput('The absence must end after it starts', [{ path: 'endsAt', message: 'must be after startsAt' }]);
  const row = await insertAbsence(scope, {
    id: deps.newId(),
    member,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    reason: input.reason,
    createdBy: actor.email,
    createdAt: deps.clock.now(),
  });
  return absenceView(row);
}

export async function cancelAbsence(deps: Deps, scope: Scope, actor: Actor, id: string): Promise<AbsenceView> {
  const row = await getAbsence(scope, id);
  if (!row || row.cancelledAt) throw new NotFound('The absence');
  requireSelfOrManager(actor, row.member, 'cancel this absence');
  const now = deps.clock.now();
  // One that has begun ends now (it happened); one in the future is cancelled.
  await endAbsence(scope, id, row.startsAt <= now ? { endsAt: now } : { cancelledAt: now });
  return absenceView((await getAbsence(scope, id))!);
}

/** "Away now": an absence from now until the member says they are back. */
export async function awayNow(deps: Deps, scope: Scope, actor: Actor, endsAt: Date | null): Promise<AbsenceView> {
  const now = deps.clock.now();
  const current = (await listAbsences(scope, now, actor.email)).filter((a) => a.startsAt <= now);
  if (current.length > 0) throw new DomainError('invalid_transition', 'You are already away; say you are back first');
  return addAbsence(deps, scope, actor, actor.email, { startsAt: now, endsAt, reason: 'away' });
}

/** "Back now": every absence in force for the member ends now. */
export async function backNow(deps: Deps, scope: Scope, actor: Actor): Promise<AbsenceView[]> {
  const now = deps.clock.now();
  const current = (await listAbsences(scope, now, actor.email)).filter((a) => a.startsAt <= now);
  for (const absence of current) await endAbsence(scope, absence.id, { endsAt: now });
  return Promise.all(current.map(async (a) => absenceView((await getAbsence(scope, a.id))!)));
}

export async function absencesOf(deps: Deps, scope: Scope, actor: Actor, member: string | null): Promise<AbsenceView[]> {
  if (member === null && actor.role === 'rep') throw new Forbidden("Only a manager can see the team's absences");
  if (member !== null) requireSelfOrManager(actor, member, 'see these absences');
  return (await listAbsences(scope, deps.clock.now(), member ?? undefined)).map(absenceView);
}
