// The ownership state machine of a thread: who may do what in which state, and
// the ledger event each change writes. Pure: `transition` returns the next
// snapshot and the event as data; the shell persists both in one transaction.
import type { HandoffNote, ThreadAction, ThreadState } from '#shared/api';
import type { Category } from '#shared/categories';
import type { Role } from '#shared/policy';
import { DomainError, Forbidden, InvalidTransition, NotOwner, ThreadLocked } from '../errors.ts';
import type { RoutingDecision } from '../routing/router.ts';

export interface OwnershipSnapshot {
  state: ThreadState;
  owner: string | null;
  tags: string[];
  followUpAt: string | null;
  handoffNote: HandoffNote | null;
  outcome: string | null;
}

export interface Actor {
  email: string;
  role: Role;
}

/** What the roster says of members, for checks on `to`. */
export interface Roster {
  nameOf(email: string): string | null;
  isAvailable(email: string): boolean;
}

export type Command =
  | { type: 'claim'; reason?: string }
  | { type: 'release'; reason: string }
  | { type: 'handoff'; to: string; reason: string; note: HandoffNote }
  | { type: 'needs-help'; reason: string }
  | { type: 'reassign'; to: string; reason: string }
  | { type: 'resolve'; outcome: string; reason?: string }
  | { type: 'tags'; add: string[]; remove: string[] }
  | { type: 'follow-up'; at: string | null }
  | { type: 'category'; category: Category; reason?: string }
  | { type: 'route'; decision: RoutingDecision; /** Nothing due now (an absence, a bounce). */ waiting?: boolean };

export const EVENT_KINDS = [
  'routed',
  'claimed',
  'released',
  'handed_off',
  'needs_help',
  'reassigned',
  'resolved',
  'tagged',
  'follow_up_set',
  'category_corrected',
  'escalated',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** A ledger event before the store stamps it with ids and time. */
export interface LedgerEventDraft {
  kind: EventKind;
  actor: string;
  fromState: ThreadState;
  toState: ThreadState;
  fromOwner: string | null;
  toOwner: string | null;
  reason: string | null;
  rule: string | null;
  policyVersion: number | null;
  explanation: string | null;
  note: HandoffNote | null;
  data: Record<string, unknown> | null;
}

export interface Transition {
  next: OwnershipSnapshot;
  event: LedgerEventDraft;
}

const OPEN_OWNED: readonly ThreadState[] = ['assigned', 'needs_help'];
const isManager = (actor: Actor) => actor.role === 'manager' || actor.role === 'admin';

/** Pure: the next snapshot and its ledger event, or a DomainError saying why not. */
export function transition(thread: OwnershipSnapshot, command: Command, actor: Actor, roster: Roster): Transition {
  const owns = thread.owner === actor.email;
  const who = (email: string) => roster.nameOf(email) ?? email;
  const change = (
    kind: EventKind,
    patch: Partial<OwnershipSnapshot>,
    extra: Partial<Pick<LedgerEventDraft, 'reason' | 'note' | 'explanation' | 'data' | 'rule' | 'policyVersion'>> = {},
  ): Transition => {
    const next = { ...thread, ...patch };
    return {
      next,
      event: {
        kind,
        actor: actor.email,
        fromState: thread.state,
        toState: next.state,
        fromOwner: thread.owner,
        toOwner: next.owner,
        reason: extra.reason ?? null,
        rule: extra.rule ?? null,
        policyVersion: extra.policyVersion ?? null,
        explanation: extra.explanation ?? null,
        note: extra.note ?? null,
        data: extra.data ?? null,
      },
    };
  };
  const requireMemberTarget = (to: string) => {
    const name = roster.nameOf(to);
    if (name === null) throw new DomainError('invalid_input', `${to} is not a member of the team; pick someone listed in the policy`, { to });
    if (to === thread.owner) throw new InvalidTransition(`${name} already owns this thread`, thread.state);
    if (!roster.isAvailable(to)) throw new DomainError('member_unavailable', `${name} is away; pick someone available or their backup`, { to });
    return name;
  };

  switch (command.type) {
    case 'claim': {
      if (thread.state === 'closed') throw new InvalidTransition('This thread is closed; a new reply from the prospect reopens it', thread.state);
      // An owner's thread is locked to them while it is worked or waiting (an absence keeps its owner).
      if ((thread.state === 'assigned' || thread.state === 'waiting') && thread.owner !== null) {
        if (owns) throw new DomainError('already_yours', 'You already own this thread');
        throw new ThreadLocked({ email: thread.owner, name: who(thread.owner) });
      }
      const reason = command.reason ?? (thread.state === 'needs_help' && !owns ? 'took over a thread that needed help' : 'claimed');
      return change('claimed', { state: 'assigned', owner: actor.email }, { reason, explanation: `${who(actor.email)} owns it: they claimed it.` });
    }
    case 'release': {
      if (!OPEN_OWNED.includes(thread.state)) throw new InvalidTransition(`Only an owned thread can be released; this one is ${thread.state}`, thread.state);
      if (!owns) throw new NotOwner('release', thread.owner);
      return change(
        'released',
        { state: 'unassigned', owner: null },
        {
          reason: command.reason,
          explanation: `In the triage queue: ${who(actor.email)} released it (${command.reason}).`,
        },
      );
    }
    case 'handoff': {
      if (!OPEN_OWNED.includes(thread.state))
        throw new InvalidTransition(
          `Only an owned thread can be handed off; this one is ${thread.state}. Claim it, or ask a manager to reassign it`,
          thread.state,
        );
      if (!owns && !isManager(actor)) throw new NotOwner('hand off', thread.owner);
      const name = requireMemberTarget(command.to);
      return change(
        'handed_off',
        { state: 'assigned', owner: command.to, handoffNote: command.note },
        {
          reason: command.reason,
          note: command.note,
          explanation: `${name} owns it: ${who(actor.email)} handed it off (${command.reason}).`,
        },
      );
    }
    case 'needs-help': {
      if (thread.state !== 'assigned') throw new InvalidTransition(`Only an assigned thread can ask for help; this one is ${thread.state}`, thread.state);
      if (!owns) throw new NotOwner('ask for help on', thread.owner);
      return change(
        'needs_help',
        { state: 'needs_help' },
        {
          reason: command.reason,
          explanation: `${who(actor.email)} still owns it and asked for someone to take it (${command.reason}).`,
        },
      );
    }
    case 'reassign': {
      if (!isManager(actor)) throw new Forbidden('Only a manager can reassign a thread');
      if (thread.state === 'closed') throw new InvalidTransition('This thread is closed; a new reply from the prospect reopens it', thread.state);
      const name = requireMemberTarget(command.to);
      return change(
        'reassigned',
        { state: 'assigned', owner: command.to },
        {
          reason: command.reason,
          explanation: `${name} owns it: ${who(actor.email)} reassigned it (${command.reason}).`,
        },
      );
    }
    case 'resolve': {
      if (thread.state === 'closed') throw new InvalidTransition('This thread is already closed', thread.state);
      if (!owns && !isManager(actor)) throw new NotOwner('resolve', thread.owner);
      return change(
        'resolved',
        { state: 'closed', outcome: command.outcome },
        {
          reason: command.reason ?? command.outcome,
          data: { outcome: command.outcome },
          explanation: `Closed by ${who(actor.email)}: ${command.outcome.replace(/_/g, ' ')}.`,
        },
      );
    }
    case 'tags': {
      if (thread.owner !== null && !owns && !isManager(actor)) throw new NotOwner('tag', thread.owner);
      const tags = [...new Set([...thread.tags.filter((t) => !command.remove.includes(t)), ...command.add])];
      return change('tagged', { tags }, { data: { add: command.add, remove: command.remove } });
    }
    case 'category': {
      if (thread.state === 'closed') throw new InvalidTransition('This thread is closed; a new reply from the prospect reopens it', thread.state);
      if (thread.owner !== null && !owns && !isManager(actor)) throw new NotOwner('correct the category of', thread.owner);
      return change('category_corrected', {}, { reason: command.reason ?? `corrected to ${command.category}`, data: { category: command.category } });
    }
    case 'follow-up': {
      if (thread.owner !== null && !owns && !isManager(actor)) throw new NotOwner('set a follow-up on', thread.owner);
      return change('follow_up_set', { followUpAt: command.at }, { data: { at: command.at } });
    }
    case 'route': {
      const { decision } = command;
      const placement = decision.placement;
      const patch: Partial<OwnershipSnapshot> =
        placement.kind === 'member'
          ? {
              owner: placement.email,
              // A reply keeps a help request open only while it stays with the same owner.
              state: command.waiting ? 'waiting' : thread.state === 'needs_help' && thread.owner === placement.email ? 'needs_help' : 'assigned',
              outcome: null,
            }
          : placement.kind === 'none'
            ? { owner: null, state: 'waiting', outcome: null }
            : { owner: null, state: 'unassigned', outcome: null };
      return change('routed', patch, {
        reason: decision.rule ? `rule '${decision.rule.name}'` : decision.via,
        rule: decision.rule?.name ?? null,
        policyVersion: decision.policyVersion,
        explanation: decision.explanation,
        data: { via: decision.via, trace: decision.trace },
      });
    }
  }
}

/** The actions the actor may take now, for the sidebar's buttons. Pure. */
export function allowedActions(thread: OwnershipSnapshot, actor: Actor, roster: Roster): ThreadAction[] {
  const probes: Array<[ThreadAction, Command]> = [
    ['claim', { type: 'claim' }],
    ['release', { type: 'release', reason: 'probe' }],
    ['handoff', { type: 'handoff', to: '\u0000probe', reason: 'probe', note: PROBE_NOTE }],
    ['needs-help', { type: 'needs-help', reason: 'probe' }],
    ['reassign', { type: 'reassign', to: '\u0000probe', reason: 'probe' }],
    ['resolve', { type: 'resolve', outcome: 'handled' }],
    ['tags', { type: 'tags', add: [], remove: [] }],
    ['follow-up', { type: 'follow-up', at: null }],
    ['category', { type: 'category', category: 'other' }],
  ];
  // The probe member stands for "some other available member" so target checks pass.
  const probeRoster: Roster = {
    nameOf: (email) => (email === '\u0000probe' ? 'someone' : roster.nameOf(email)),
    isAvailable: (email) => email === '\u0000probe' || roster.isAvailable(email),
  };
  // Refusals are exceptions here; a probe needs no stack trace, and capturing one
  // for each of eight probes per thread view is most of this function's cost.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return probes
      .filter(([, command]) => {
        try {
          transition(thread, command, actor, probeRoster);
          return true;
        } catch (error) {
          if (error instanceof DomainError) return false;
          throw error;
        }
      })
      .map(([action]) => action);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

const PROBE_NOTE: HandoffNote = { context: 'probe', whatHappened: 'probe', tags: ['probe'], keyFacts: { persona: 'probe' }, nextStep: 'probe' };

/** The owner and state that the ledger's events lead to, from an empty thread. Pure. */
export function replayLedger(events: ReadonlyArray<{ fromState: string; toState: string; fromOwner: string | null; toOwner: string | null }>): {
  state: string | null;
  owner: string | null;
  consistent: boolean;
} {
  let state: string | null = null;
  let owner: string | null = null;
  let consistent = true;
  for (const event of events) {
    // Each event must start where the previous one ended: a gap means a lost or reordered write.
    if (state !== null && (event.fromState !== state || event.fromOwner !== owner)) consistent = false;
    state = event.toState;
    owner = event.toOwner;
  }
  return { state, owner, consistent };
}
