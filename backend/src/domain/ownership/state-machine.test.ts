import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HandoffNote, ThreadAction } from '#shared/api';
import { DomainError, ThreadLocked } from '../errors.ts';
import type { Placement, RoutingDecision } from '../routing/router.ts';
import {
  allowedActions,
  replayLedger,
  transition,
  type Actor,
  type Command,
  type LedgerEventDraft,
  type OwnershipSnapshot,
  type Roster,
  type Transition,
} from './state-machine.ts';

const rep = (email: string): Actor => ({ email, role: 'rep' });
const manager = (email: string): Actor => ({ email, role: 'manager' });

const AVA = 'ava@acme.test';
const BEN = 'ben@acme.test';
const CAM = 'cam@acme.test';
const MAYA = 'maya@acme.test';
const STRANGER = 'zed@elsewhere.test';

/** Maya (manager), Ava and Ben (reps) are in; Cam is a rep who is away. */
function team(away: string[] = [CAM]): Roster {
  const names = new Map([
    [MAYA, 'Maya'],
    [AVA, 'Ava'],
    [BEN, 'Ben'],
    [CAM, 'Cam'],
  ]);
  return {
    nameOf: (email) => names.get(email) ?? null,
    isAvailable: (email) => names.has(email) && !away.includes(email),
  };
}

function thread(fields: Partial<OwnershipSnapshot> = {}): OwnershipSnapshot {
  return { state: 'unassigned', owner: null, tags: [], followUpAt: null, handoffNote: null, outcome: null, ...fields };
}

const ownedBy = (owner: string, fields: Partial<OwnershipSnapshot> = {}) => thread({ state: 'assigned', owner, ...fields });

function note(fields: Partial<HandoffNote> = {}): HandoffNote {
  return {
    context: 'Founders sequence, offered a security review call',
    whatHappened: 'They asked for our SOC 2 report',
    tags: ['security'],
    keyFacts: { persona: 'CTO', timing: 'Q1' },
    nextStep: 'Send the report and book a call',
    ...fields,
  };
}

function decision(placement: Placement): RoutingDecision {
  return { placement, via: 'rule', rule: { index: 0, name: 'Some rule' }, policyVersion: 1, explanation: 'Routed by a test.', trace: [], cursor: null };
}

/** The DomainError a command is refused with; fails the test when the command goes through. */
function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused, but it went through');
}

describe('claim', () => {
  it('claiming an unassigned thread makes the claimer its owner', () => {
    const { next, event } = transition(thread(), { type: 'claim' }, rep(AVA), team());

    expect(next.state).toBe('assigned');
    expect(next.owner).toBe(AVA);
    expect(event).toMatchObject({ kind: 'claimed', actor: AVA, fromState: 'unassigned', toState: 'assigned', fromOwner: null, toOwner: AVA });
    expect(event.explanation).toBe('Ava owns it: they claimed it.');
  });

  it('claiming a thread someone else owns fails with ThreadLocked naming the owner', () => {
    const error = refusal(() => transition(ownedBy(BEN), { type: 'claim' }, rep(AVA), team()));

    expect(error).toBeInstanceOf(ThreadLocked);
    expect(error.code).toBe('thread_locked');
    expect(error.message).toContain('Ben (ben@acme.test)');
    expect((error as ThreadLocked).owner).toEqual({ email: BEN, name: 'Ben' });
  });

  it('a manager cannot claim a locked thread either: they reassign it', () => {
    expect(refusal(() => transition(ownedBy(BEN), { type: 'claim' }, manager(MAYA), team())).code).toBe('thread_locked');
  });

  it('claiming your own thread says it is already yours', () => {
    expect(refusal(() => transition(ownedBy(AVA), { type: 'claim' }, rep(AVA), team())).code).toBe('already_yours');
  });

  it('a teammate can take a thread that needs help', () => {
    const { next, event } = transition(ownedBy(BEN, { state: 'needs_help' }), { type: 'claim' }, rep(AVA), team());

    expect(next).toMatchObject({ state: 'assigned', owner: AVA });
    expect(event).toMatchObject({ kind: 'claimed', fromOwner: BEN, toOwner: AVA, reason: 'took over a thread that needed help' });
  });

  it('a waiting thread can be claimed', () => {
    const { next } = transition(thread({ state: 'waiting' }), { type: 'claim' }, rep(AVA), team());

    expect(next).toMatchObject({ state: 'assigned', owner: AVA });
  });

  it('a closed thread cannot be claimed', () => {
    const closed = transition(ownedBy(AVA), { type: 'resolve', outcome: 'meeting_booked' }, rep(AVA), team()).next;

    const error = refusal(() => transition(closed, { type: 'claim' }, rep(BEN), team()));

    expect(error.code).toBe('invalid_transition');
    expect(error.message).toContain('closed');
  });
});

describe('release', () => {
  it('the owner releases a thread back to the queue, with no owner', () => {
    const { next, event } = transition(ownedBy(AVA), { type: 'release', reason: 'wrong territory' }, rep(AVA), team());

    expect(next).toMatchObject({ state: 'unassigned', owner: null });
    expect(event).toMatchObject({ kind: 'released', fromOwner: AVA, toOwner: null, reason: 'wrong territory' });
  });

  it('the owner can release a thread that needs help', () => {
    const { next } = transition(ownedBy(AVA, { state: 'needs_help' }), { type: 'release', reason: 'nobody took it' }, rep(AVA), team());

    expect(next).toMatchObject({ state: 'unassigned', owner: null });
  });

  it('a manager cannot release someone else’s thread', () => {
    const error = refusal(() => transition(ownedBy(AVA), { type: 'release', reason: 'tidy up' }, manager(MAYA), team()));

    expect(error.code).toBe('not_owner');
    expect(error.message).toContain(AVA);
  });

  it('another rep cannot release someone else’s thread', () => {
    expect(refusal(() => transition(ownedBy(AVA), { type: 'release', reason: 'mine now' }, rep(BEN), team())).code).toBe('not_owner');
  });

  it('an unassigned thread cannot be released', () => {
    expect(refusal(() => transition(thread(), { type: 'release', reason: 'x' }, rep(AVA), team())).code).toBe('invalid_transition');
  });
});

describe('handoff', () => {
  it('the owner hands off to an available teammate, and the note stays on the thread', () => {
    const handoffNote = note();

    const { next, event } = transition(ownedBy(AVA), { type: 'handoff', to: BEN, reason: 'security expert', note: handoffNote }, rep(AVA), team());

    expect(next).toMatchObject({ state: 'assigned', owner: BEN });
    expect(next.handoffNote).toEqual(handoffNote);
    expect(event).toMatchObject({ kind: 'handed_off', actor: AVA, fromOwner: AVA, toOwner: BEN, reason: 'security expert' });
    expect(event.note).toEqual(handoffNote);
    expect(event.explanation).toBe('Ben owns it: Ava handed it off (security expert).');
  });

  it('a manager can hand off a rep’s thread', () => {
    const { next, event } = transition(ownedBy(AVA), { type: 'handoff', to: BEN, reason: 'Ava is overloaded', note: note() }, manager(MAYA), team());

    expect(next.owner).toBe(BEN);
    expect(event.actor).toBe(MAYA);
  });

  it('the owner of a thread that needs help can hand it off, and it is no longer waiting for help', () => {
    const { next } = transition(ownedBy(AVA, { state: 'needs_help' }), { type: 'handoff', to: BEN, reason: 'r', note: note() }, rep(AVA), team());

    expect(next).toMatchObject({ state: 'assigned', owner: BEN });
  });

  it('another rep cannot hand off someone else’s thread', () => {
    expect(refusal(() => transition(ownedBy(AVA), { type: 'handoff', to: BEN, reason: 'r', note: note() }, rep(BEN), team())).code).toBe('not_owner');
  });

  it('handing off to someone who is not on the team is invalid input naming them', () => {
    const error = refusal(() => transition(ownedBy(AVA), { type: 'handoff', to: STRANGER, reason: 'r', note: note() }, rep(AVA), team()));

    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain(STRANGER);
  });

  it('handing off to a member who is away is refused, naming them', () => {
    const error = refusal(() => transition(ownedBy(AVA), { type: 'handoff', to: CAM, reason: 'r', note: note() }, rep(AVA), team()));

    expect(error.code).toBe('member_unavailable');
    expect(error.message).toContain('Cam');
  });

  it('handing off to the current owner is not a change of owner', () => {
    const error = refusal(() => transition(ownedBy(AVA), { type: 'handoff', to: AVA, reason: 'r', note: note() }, manager(MAYA), team()));

    expect(error.code).toBe('invalid_transition');
  });

  it('an unowned thread cannot be handed off: claim it or reassign it', () => {
    expect(refusal(() => transition(thread(), { type: 'handoff', to: BEN, reason: 'r', note: note() }, manager(MAYA), team())).code).toBe('invalid_transition');
  });
});

describe('needs-help', () => {
  it('the owner of an assigned thread asks for help and keeps it until someone takes it', () => {
    const { next, event } = transition(ownedBy(AVA), { type: 'needs-help', reason: 'they want German' }, rep(AVA), team());

    expect(next).toMatchObject({ state: 'needs_help', owner: AVA });
    expect(event).toMatchObject({ kind: 'needs_help', reason: 'they want German', fromOwner: AVA, toOwner: AVA });
  });

  it.each([
    ['another rep', rep(BEN)],
    ['a manager', manager(MAYA)],
  ])('%s cannot ask for help on someone else’s thread', (_who, actor) => {
    expect(refusal(() => transition(ownedBy(AVA), { type: 'needs-help', reason: 'r' }, actor, team())).code).toBe('not_owner');
  });

  it.each([
    ['unassigned', thread()],
    ['already needing help', ownedBy(AVA, { state: 'needs_help' })],
  ])('a thread %s cannot ask for help', (_label, snapshot) => {
    expect(refusal(() => transition(snapshot, { type: 'needs-help', reason: 'r' }, rep(AVA), team())).code).toBe('invalid_transition');
  });
});

describe('reassign', () => {
  it('a manager reassigns a locked thread to an available member', () => {
    const { next, event } = transition(ownedBy(AVA), { type: 'reassign', to: BEN, reason: 'Ava left the deal' }, manager(MAYA), team());

    expect(next).toMatchObject({ state: 'assigned', owner: BEN });
    expect(event).toMatchObject({ kind: 'reassigned', actor: MAYA, fromOwner: AVA, toOwner: BEN, reason: 'Ava left the deal' });
  });

  it('a manager can place a thread from the triage queue', () => {
    const { next } = transition(thread(), { type: 'reassign', to: AVA, reason: 'triage' }, manager(MAYA), team());

    expect(next).toMatchObject({ state: 'assigned', owner: AVA });
  });

  it('a rep cannot reassign, not even their own thread', () => {
    const error = refusal(() => transition(ownedBy(AVA), { type: 'reassign', to: BEN, reason: 'r' }, rep(AVA), team()));

    expect(error.code).toBe('forbidden');
  });

  it('reassigning to a member who is away is refused', () => {
    expect(refusal(() => transition(ownedBy(AVA), { type: 'reassign', to: CAM, reason: 'r' }, manager(MAYA), team())).code).toBe('member_unavailable');
  });

  it('a closed thread cannot be reassigned', () => {
    const closed = ownedBy(AVA, { state: 'closed', outcome: 'meeting_booked' });

    expect(refusal(() => transition(closed, { type: 'reassign', to: BEN, reason: 'r' }, manager(MAYA), team())).code).toBe('invalid_transition');
  });
});

describe('resolve', () => {
  it('resolving closes the thread with its outcome', () => {
    const { next, event } = transition(ownedBy(AVA), { type: 'resolve', outcome: 'meeting_booked' }, rep(AVA), team());

    expect(next).toMatchObject({ state: 'closed', outcome: 'meeting_booked' });
    expect(event).toMatchObject({ kind: 'resolved', toState: 'closed', data: { outcome: 'meeting_booked' } });
    expect(event.explanation).toBe('Closed by Ava: meeting booked.');
  });

  it('a manager can resolve a rep’s thread', () => {
    expect(transition(ownedBy(AVA), { type: 'resolve', outcome: 'not_interested' }, manager(MAYA), team()).next.state).toBe('closed');
  });

  it('another rep cannot resolve someone else’s thread', () => {
    expect(refusal(() => transition(ownedBy(AVA), { type: 'resolve', outcome: 'no_response' }, rep(BEN), team())).code).toBe('not_owner');
  });

  it('a closed thread cannot be resolved again', () => {
    const closed = ownedBy(AVA, { state: 'closed', outcome: 'meeting_booked' });

    expect(refusal(() => transition(closed, { type: 'resolve', outcome: 'no_response' }, rep(AVA), team())).code).toBe('invalid_transition');
  });
});

describe('tags and follow-ups', () => {
  it('adding a tag the thread already has does not duplicate it', () => {
    const { next } = transition(ownedBy(AVA, { tags: ['pricing'] }), { type: 'tags', add: ['pricing', 'security'], remove: [] }, rep(AVA), team());

    expect(next.tags).toEqual(['pricing', 'security']);
  });

  it('tags are removed and added in one go', () => {
    const { next, event } = transition(
      ownedBy(AVA, { tags: ['pricing', 'legal'] }),
      { type: 'tags', add: ['security'], remove: ['legal', 'not-there'] },
      rep(AVA),
      team(),
    );

    expect(next.tags).toEqual(['pricing', 'security']);
    expect(event).toMatchObject({ kind: 'tagged', data: { add: ['security'], remove: ['legal', 'not-there'] } });
  });

  it('a rep cannot tag someone else’s thread', () => {
    expect(refusal(() => transition(ownedBy(AVA), { type: 'tags', add: ['mine'], remove: [] }, rep(BEN), team())).code).toBe('not_owner');
  });

  it('a manager can tag a rep’s thread, and anyone can tag an unowned one', () => {
    expect(transition(ownedBy(AVA), { type: 'tags', add: ['vip'], remove: [] }, manager(MAYA), team()).next.tags).toEqual(['vip']);
    expect(transition(thread(), { type: 'tags', add: ['spam?'], remove: [] }, rep(BEN), team()).next.tags).toEqual(['spam?']);
  });

  it('a follow-up date set by the owner is kept through a handoff', () => {
    const withFollowUp = transition(ownedBy(AVA), { type: 'follow-up', at: '2026-12-01T09:00:00Z' }, rep(AVA), team()).next;

    const handedOff = transition(withFollowUp, { type: 'handoff', to: BEN, reason: 'r', note: note() }, rep(AVA), team()).next;

    expect(handedOff.followUpAt).toBe('2026-12-01T09:00:00Z');
  });

  it('a rep cannot set a follow-up on someone else’s thread', () => {
    expect(refusal(() => transition(ownedBy(AVA), { type: 'follow-up', at: '2026-12-01T09:00:00Z' }, rep(BEN), team())).code).toBe('not_owner');
  });
});

describe('routing a reply', () => {
  const ROUTING: Actor = { email: 'routing', role: 'admin' };

  it('a reply that needs no owner puts the thread in waiting, with no owner', () => {
    const { next } = transition(ownedBy(AVA), { type: 'route', decision: decision({ kind: 'none' }) }, ROUTING, team());

    expect(next).toMatchObject({ state: 'waiting', owner: null });
  });

  it('a new reply on a closed thread reopens it for the routed member', () => {
    const closed = ownedBy(AVA, { state: 'closed', outcome: 'no_response' });

    const { next } = transition(closed, { type: 'route', decision: decision({ kind: 'member', email: BEN }) }, ROUTING, team());

    expect(next).toMatchObject({ state: 'assigned', owner: BEN, outcome: null });
  });

  it('a reply that stays with the owner keeps an open help request open', () => {
    const { next } = transition(ownedBy(AVA, { state: 'needs_help' }), { type: 'route', decision: decision({ kind: 'member', email: AVA }) }, ROUTING, team());

    expect(next).toMatchObject({ state: 'needs_help', owner: AVA });
  });
});

describe('allowedActions', () => {
  const sorted = (actions: ThreadAction[]) => [...actions].sort();

  it('the owner of an assigned thread may do everything but claim and reassign', () => {
    expect(sorted(allowedActions(ownedBy(AVA), rep(AVA), team()))).toEqual(
      sorted(['release', 'handoff', 'needs-help', 'resolve', 'tags', 'follow-up', 'category']),
    );
  });

  it('another rep sees nothing to do on an assigned thread, not even claim', () => {
    expect(allowedActions(ownedBy(AVA), rep(BEN), team())).toEqual([]);
  });

  it('another rep may claim a thread that needs help', () => {
    expect(allowedActions(ownedBy(AVA, { state: 'needs_help' }), rep(BEN), team())).toEqual(['claim']);
  });

  it('a manager on a rep’s assigned thread may hand off, reassign, resolve, tag and set a follow-up, but not claim or release', () => {
    expect(sorted(allowedActions(ownedBy(AVA), manager(MAYA), team()))).toEqual(sorted(['handoff', 'reassign', 'resolve', 'tags', 'follow-up', 'category']));
  });

  it('a rep on an unassigned thread may claim it, tag it and set a follow-up', () => {
    expect(sorted(allowedActions(thread(), rep(BEN), team()))).toEqual(sorted(['claim', 'tags', 'follow-up', 'category']));
  });

  it('on a closed thread only tags and follow-ups remain for its owner', () => {
    expect(sorted(allowedActions(ownedBy(AVA, { state: 'closed', outcome: 'meeting_booked' }), rep(AVA), team()))).toEqual(sorted(['tags', 'follow-up']));
  });
});

describe('replayLedger', () => {
  it('replaying a claim then a handoff ends with the last owner', () => {
    const claimed = transition(thread(), { type: 'claim' }, rep(AVA), team());
    const handedOff = transition(claimed.next, { type: 'handoff', to: BEN, reason: 'r', note: note() }, rep(AVA), team());

    expect(replayLedger([claimed.event, handedOff.event])).toEqual({ state: 'assigned', owner: BEN, consistent: true });
  });

  it('a ledger with a missing event is reported inconsistent', () => {
    const claimed = transition(thread(), { type: 'claim' }, rep(AVA), team());
    const handedOff = transition(claimed.next, { type: 'handoff', to: BEN, reason: 'r', note: note() }, rep(AVA), team());
    const released = transition(handedOff.next, { type: 'release', reason: 'r' }, rep(BEN), team());

    expect(replayLedger([claimed.event, released.event]).consistent).toBe(false);
  });

  it('an empty ledger has no state and no owner', () => {
    expect(replayLedger([])).toEqual({ state: null, owner: null, consistent: true });
  });
});

describe('any sequence of commands by anyone', () => {
  const ROUTING: Actor = { email: 'routing', role: 'admin' };
  const ACTORS = [manager(MAYA), rep(AVA), rep(BEN), rep(CAM)];
  const TARGETS = [MAYA, AVA, BEN, CAM, STRANGER];
  const TAGS = ['pricing', 'security', 'legal'];

  const target = fc.constantFrom(...TARGETS);
  const memberCommand: fc.Arbitrary<Command> = fc.oneof(
    { arbitrary: fc.constant<Command>({ type: 'claim' }), weight: 4 },
    { arbitrary: fc.constant<Command>({ type: 'release', reason: 'not mine' }), weight: 4 },
    { arbitrary: target.map((to): Command => ({ type: 'handoff', to, reason: 'better fit', note: note() })), weight: 4 },
    { arbitrary: fc.constant<Command>({ type: 'needs-help', reason: 'stuck' }), weight: 4 },
    { arbitrary: target.map((to): Command => ({ type: 'reassign', to, reason: 'rebalance' })), weight: 4 },
    // Rarer than the others: a closed thread only reopens on a routed reply, so frequent closes would cut runs short.
    { arbitrary: fc.constantFrom('meeting_booked', 'not_interested').map((outcome): Command => ({ type: 'resolve', outcome })), weight: 1 },
    {
      arbitrary: fc.record({ add: fc.subarray(TAGS), remove: fc.subarray(TAGS) }).map(({ add, remove }): Command => ({ type: 'tags', add, remove })),
      weight: 4,
    },
    { arbitrary: fc.constantFrom(null, '2026-12-01T09:00:00Z').map((at): Command => ({ type: 'follow-up', at })), weight: 4 },
  );
  const placement: fc.Arbitrary<Placement> = fc.oneof(
    fc.constantFrom<Placement>({ kind: 'none' }, { kind: 'triage' }),
    fc.constantFrom(AVA, BEN, MAYA).map((email): Placement => ({ kind: 'member', email })),
  );
  const step: fc.Arbitrary<[Actor, Command]> = fc.oneof(
    { arbitrary: fc.tuple(fc.constantFrom(...ACTORS), memberCommand), weight: 5 },
    { arbitrary: placement.map((p): [Actor, Command] => [ROUTING, { type: 'route', decision: decision(p) }]), weight: 1 },
  );

  it('the ledger replays to the final owner and state, and only open owned states have an owner', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const roster = team([CAM]);
        let snapshot = thread();
        const events: LedgerEventDraft[] = [];

        for (const [actor, command] of steps) {
          let result: Transition;
          try {
            result = transition(snapshot, command, actor, roster);
          } catch (error) {
            if (error instanceof DomainError) continue;
            throw error;
          }
          const { next, event } = result;
          events.push(event);
          snapshot = next;

          if (next.state === 'unassigned' || next.state === 'waiting') expect(next.owner).toBeNull();
          if (next.state === 'assigned' || next.state === 'needs_help') expect(next.owner).not.toBeNull();
          // Only the owner lets go of a thread or asks for help; only the owner or a manager hands it off.
          if (event.kind === 'released' || event.kind === 'needs_help') expect(event.actor).toBe(event.fromOwner);
          if (event.kind === 'handed_off') expect(event.actor === event.fromOwner || actor.role === 'manager').toBe(true);
          // A thread is never given by a person to someone absent or outside the team.
          if (event.kind === 'handed_off' || event.kind === 'reassigned') expect([MAYA, AVA, BEN]).toContain(event.toOwner);
        }

        const replay = replayLedger(events);
        expect(replay.consistent).toBe(true);
        // An empty ledger stands for the thread as it was created: unassigned, no owner.
        expect({ state: replay.state ?? 'unassigned', owner: replay.owner }).toEqual({ state: snapshot.state, owner: snapshot.owner });
      }),
      { numRuns: 500 },
    );
  });
});
