// The escalation worker: fires the due steps of SLA clocks (notify the owner,
// notify the manager, reassign to a backup with "SLA missed"). Clocks live in
// the database; each sweep claims due rows with FOR UPDATE SKIP LOCKED, so
// several workers never fire the same step twice, and a killed worker's
// uncommitted sweep is simply done again by the next one.
import { availabilityFromPolicy } from '../domain/availability/availability.ts';
import { transition } from '../domain/ownership/state-machine.ts';
import { calendarFor, unresponsiveDeadline } from '../domain/sla/sla-clock.ts';
import { managerOf, stepDueAt, takeoverFor } from '../domain/sla/escalation.ts';
import { currentAbsences } from '../store/absences.ts';
import { claimDueClocks, claimStandIns, claimUnresponsive } from '../store/escalations.ts';
import { appendEvent } from '../store/ledger.ts';
import { enqueueEvent } from '../store/outbox.ts';
import { allOrgRetentions } from '../store/orgs.ts';
import { inTransaction } from '../store/scope.ts';
import { updateThreadIfVersion } from '../store/threads.ts';
import { withOrg, type Deps } from '../use-cases/deps.ts';
import { snapshotOf } from '../use-cases/ingest-message.ts';
import { loadPolicy, rosterOf } from '../use-cases/policy.ts';

const SLA_ACTOR = { email: 'sla', role: 'admin' as const };
const BATCH = 200;

/** One sweep over every org: returns how many escalation steps fired. */
export async function sweepEscalations(deps: Deps): Promise<number> {
  let fired = 0;
  for (const org of await allOrgRetentions(deps.db)) {
    fired += await withOrg(deps, org.id, async (scope) => {
      const compiled = await loadPolicy(scope);
      return inTransaction(scope, async (tx) => {
        const now = deps.clock.now();
        const due = await claimDueClocks(tx, now, BATCH);
        const idle = await claimUnresponsive(tx, now, BATCH);
        const standIns = compiled.policy.absence.return === 'if_untouched' ? await claimStandIns(tx, BATCH) : [];
        if (due.length === 0 && idle.length === 0 && standIns.length === 0) return 0;
        const away = await currentAbsences(tx, now);
        const availability = availabilityFromPolicy(compiled.policy, away);
        // Back from an absence: threads the stand-in has not answered go back to their owner.
        let returned = 0;
        for (const thread of standIns) {
          const owner = thread.standInFor!;
          if (thread.firstResponseAt !== null || thread.state !== 'assigned' || thread.owner === owner) {
            await updateThreadIfVersion(tx, thread.id, thread.version, { standInFor: null, updatedAt: now });
            continue;
          }
          if (!availability.get(owner)?.available) continue;
          const { event } = transition(snapshotOf(thread), { type: 'reassign', to: owner, reason: 'back from absence' }, SLA_ACTOR, rosterOf(compiled, away));
          const explanation = `${compiled.members.get(owner)?.name ?? owner} owns it again: back from an absence before ${compiled.members.get(thread.owner ?? '')?.name ?? thread.owner} answered.`;
          const updated = await updateThreadIfVersion(tx, thread.id, thread.version, {
            owner,
            state: event.toState,
            explanation,
            standInFor: null,
            updatedAt: now,
          });
          if (!updated) continue;
          await appendEvent(tx, thread.id, { ...event, explanation }, now);
          returned += 1;
        }
        if (due.length === 0 && idle.length === 0) return returned;
        // Owners who took no action in time: the backup (checked now) takes over.
        for (const thread of idle) {
          const takeover = takeoverFor(compiled.policy, availability, thread.owner, now);
          if (!takeover) {
            await updateThreadIfVersion(tx, thread.id, thread.version, { unresponsiveAt: null, updatedAt: now });
            continue;
          }
          const { event } = transition(
            snapshotOf(thread),
            { type: 'reassign', to: takeover, reason: 'the owner took no action' },
            SLA_ACTOR,
            rosterOf(compiled, away),
          );
          const explanation = `${compiled.members.get(takeover)?.name ?? takeover} owns it: ${compiled.members.get(thread.owner ?? '')?.name ?? thread.owner} took no action in time, so it went to the backup.`;
          const moved = await updateThreadIfVersion(tx, thread.id, thread.version, {
            owner: event.toOwner,
            state: event.toState,
            explanation,
            unresponsiveAt: unresponsiveDeadline(compiled.policy, takeover, now),
            updatedAt: now,
          });
          // Changed earlier in this sweep: decided again on fresh state next time.
          if (!moved) continue;
          await appendEvent(tx, thread.id, { ...event, explanation }, now);
          await enqueueEvent(
            tx,
            deps.newId(),
            'notify.assigned',
            { to: takeover, threadId: thread.id, prospect: thread.prospectEmail, category: thread.category, explanation, urgent: false },
            now,
          );
        }
        if (due.length === 0) return idle.length + returned;
        const manager = managerOf(compiled.policy);
        for (const thread of due) {
          const level = thread.escalationLevel;
          const step = compiled.policy.escalation[level];
          const actions = step?.do ?? [];
          let owner = thread.owner;
          let state = thread.state;
          const takeover = actions.includes('reassign_backup') ? takeoverFor(compiled.policy, availability, thread.owner, now) : null;
          const snapshot = snapshotOf(thread);
          const event = takeover
            ? transition(snapshot, { type: 'reassign', to: takeover, reason: 'SLA missed' }, SLA_ACTOR, rosterOf(compiled, away)).event
            : null;
          if (event) {
            owner = event.toOwner;
            state = event.toState as typeof thread.state;
          }
          const nextDue = thread.slaDueAt ? stepDueAt(compiled.policy, level + 1, thread.slaDueAt, calendarFor(compiled.policy, owner)) : null;
          const explanation = takeover
            ? `${compiled.members.get(takeover)?.name ?? takeover} owns it: the first-response clock ran out, so it went to the backup.`
            : `The first-response clock ran out (step ${level + 1}: ${actions.join(', ')}).`;
          const updated = await updateThreadIfVersion(tx, thread.id, thread.version, {
            owner,
            state,
            escalationLevel: level + 1,
            nextEscalationAt: nextDue,
            updatedAt: now,
            ...(takeover ? { explanation } : {}),
          });
          // Changed by the idle-owner pass of this sweep: its step fires on the next sweep, on fresh state.
          if (!updated) continue;
          await appendEvent(
            tx,
            thread.id,
            {
              kind: 'escalated',
              actor: SLA_ACTOR.email,
              fromState: thread.state as typeof snapshot.state,
              toState: state as typeof snapshot.state,
              fromOwner: thread.owner,
              toOwner: owner,
              reason: 'SLA missed',
              rule: null,
              policyVersion: compiled.version,
              explanation,
              note: null,
              data: { level: level + 1, actions, takeover },
            },
            now,
          );
          const notify = (to: string | null, kind: string) =>
            to ? enqueueEvent(tx, deps.newId(), kind, { to, threadId: thread.id, reason: 'SLA missed', level: level + 1 }, now) : null;
          if (actions.includes('notify_owner')) await notify(thread.owner, 'notify.owner');
          if (actions.includes('notify_manager')) await notify(manager, 'notify.manager');
        }
        return due.length + idle.length + returned;
      });
    });
  }
  return fired;
}

export function startEscalationWorker(deps: Deps, everyMs = 30_000): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepEscalations(deps)
      .then((fired) => {
        if (fired > 0) deps.log.info('escalations fired', { fired });
      })
      .catch((error: unknown) => deps.log.error('escalation sweep failed', { error: String(error) }))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
