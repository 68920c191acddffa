import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MemberSummary, ThreadView } from '../api.ts';
import { describeFailure } from './backend-requests.ts';
import { sendVerdict } from './send-guard.ts';
import { STRINGS, localeFrom } from './strings.ts';
import { SLA_AMBER_MS, slaModel, threadViewModel, type SidebarContext } from './thread-view-model.ts';

const AVA: MemberSummary = { email: 'ava@acme.test', name: 'Ava', role: 'rep' };
const BEN: MemberSummary = { email: 'ben@acme.test', name: 'Ben', role: 'rep' };
const MAYA: MemberSummary = { email: 'maya@acme.test', name: 'Maya', role: 'manager' };
const NOW = new Date('2026-11-24T10:00:00Z');

const context = (me: MemberSummary, locale: 'en' | 'fr' = 'en'): SidebarContext => ({
  me,
  members: [AVA, BEN, MAYA],
  tags: ['pricing', 'demo', 'security'],
  locale,
  timeZone: 'Europe/Paris',
});

function view(overrides: Partial<ThreadView> = {}): ThreadView {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    state: 'unassigned',
    version: 1,
    owner: null,
    lockedForMe: false,
    category: 'interested',
    classification: {
      source: 'classifier',
      confidence: 0.87,
      cues: ['phrase "can we talk"'],
      language: 'en',
      tags: ['demo'],
      intent: 'high',
      escalation: null,
      returnDate: null,
      alternateContact: null,
      referral: null,
      followUpDate: null,
      bounce: null,
    },
    suppressed: false,
    priority: 6,
    tags: ['demo'],
    subject: 'Re: Quick question',
    prospect: { email: 'chris@northwind.com', name: 'Chris' },
    account: null,
    sequence: null,
    mailbox: null,
    explanation: 'Triage queue: no rule matched',
    sla: { dueAt: '2026-11-24T10:30:00Z', status: 'running', respondedAt: null, remainingBusinessMinutes: 30 },
    followUpAt: null,
    handoffNote: null,
    outcome: null,
    lastReplyAt: '2026-11-24T09:55:00Z',
    history: [],
    allowedActions: ['claim', 'tags', 'category'],
    ...overrides,
  };
}

describe('the sidebar view model', () => {
  it('shows an unowned reply as unassigned with Claim first', () => {
    const model = threadViewModel(view(), context(AVA), NOW);
    expect(model.badge).toEqual({ kind: 'unassigned', text: 'Unassigned' });
    expect(model.ownerText).toBe('Nobody yet');
    expect(model.actions.map((a) => a.label)).toEqual(['Claim', 'Tags', 'Correct category']);
    expect(model.category).toEqual({ label: 'Interested', cues: ['phrase "can we talk"'], detail: '87% sure' });
    expect(model.addableTags).toEqual(['pricing', 'security']);
  });

  it('shows a thread owned by someone else as locked by them, and one of mine as mine', () => {
    const owned = view({ state: 'assigned', owner: { email: BEN.email, name: 'Ben' }, allowedActions: [] });
    expect(threadViewModel(owned, context(AVA), NOW).badge).toEqual({ kind: 'locked', text: 'Locked by Ben' });
    expect(threadViewModel(owned, context(BEN), NOW).badge).toEqual({ kind: 'yours', text: 'Yours' });
    expect(threadViewModel(owned, context(AVA, 'fr'), NOW).badge.text).toBe('Verrouillé par Ben');
  });

  it('offers only the actions the backend allows, in a fixed order', () => {
    const model = threadViewModel(
      view({ state: 'assigned', owner: { email: AVA.email, name: 'Ava' }, allowedActions: ['reassign', 'release', 'handoff', 'resolve'] }),
      context(MAYA),
      NOW,
    );
    expect(model.actions.map((a) => a.action)).toEqual(['handoff', 'release', 'resolve', 'reassign']);
    expect(model.handoffTargets.map((m) => m.email)).toEqual([BEN.email, MAYA.email]);
  });

  it('shows the handoff note with the promised date in the user’s time zone', () => {
    const model = threadViewModel(
      view({
        handoffNote: {
          context: 'Outbound on data residency',
          whatHappened: 'Asked for a security review',
          tags: ['security'],
          keyFacts: { persona: 'CISO' },
          nextStep: 'Send the SOC 2 report',
          promisedAt: '2026-11-26T15:00:00Z',
        },
      }),
      context(BEN),
      NOW,
    );
    expect(model.handoffNote).toContainEqual({ label: 'Next step', value: 'Send the SOC 2 report' });
    expect(model.handoffNote).toContainEqual({ label: 'Promised for', value: '26 Nov 2026, 16:00' });
    expect(model.handoffNote?.map((l) => l.label)).not.toContain('Pain');
  });

  it('tells the history newest first, with names instead of addresses', () => {
    const item = { policyVersion: 1, explanation: null, reason: null, rule: null };
    const model = threadViewModel(
      view({
        history: [
          { ...item, at: '2026-11-24T09:55:00Z', kind: 'routed', by: 'routing', from: null, to: null, rule: 'triage' },
          { ...item, at: '2026-11-24T09:56:00Z', kind: 'claimed', by: AVA.email, from: null, to: AVA.email },
          { ...item, at: '2026-11-24T09:57:00Z', kind: 'handed_off', by: AVA.email, from: AVA.email, to: BEN.email, reason: 'security expert' },
        ],
      }),
      context(BEN),
      NOW,
    );
    expect(model.history.map((h) => h.text)).toEqual(['Ava handed it off to Ben', 'Ava claimed it', 'Put in the triage queue by rule triage']);
    expect(model.history[0]?.reason).toBe('security expert');
  });
});

describe('the SLA countdown', () => {
  it('is calm while time is left, amber in the last quarter hour, red once overdue', () => {
    const sla = view().sla;
    expect(slaModel(sla, new Date('2026-11-24T10:00:00Z'), 'en')).toMatchObject({ tone: 'ok', text: 'due in 30 min' });
    expect(slaModel(sla, new Date('2026-11-24T10:20:00Z'), 'en')).toMatchObject({ tone: 'amber', text: 'due in 10 min' });
    expect(slaModel(sla, new Date('2026-11-24T10:35:00Z'), 'en')).toMatchObject({ tone: 'red', text: 'overdue by 5 min' });
    expect(slaModel(sla, new Date('2026-11-24T10:35:00Z'), 'fr').text).toBe('en retard de 5 min');
    expect(slaModel({ ...sla!, status: 'met', respondedAt: '2026-11-24T10:10:00Z' }, NOW, 'en')).toMatchObject({ tone: 'met' });
    expect(slaModel(null, NOW, 'en').tone).toBe('none');
  });

  it('turns red exactly when the due time comes, and amber only within the last quarter hour', () => {
    const due = Date.parse('2026-11-24T10:30:00Z');
    fc.assert(
      fc.property(fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }), (offset) => {
        const model = slaModel(view().sla, new Date(due - offset), 'en');
        if (offset <= 0) return model.tone === 'red' && !model.text.includes(' 0 min');
        return model.tone === (offset <= SLA_AMBER_MS ? 'amber' : 'ok') && !model.text.includes(' 0 min');
      }),
    );
  });
});

describe('failures and the send guard', () => {
  it('a lost claim race names the winner and asks for a refresh', () => {
    const lost = describeFailure(
      {
        kind: 'http',
        status: 409,
        body: {
          error: { code: 'thread_locked', message: 'Ben (ben@acme.test) already owns this thread', details: { owner: { email: BEN.email, name: 'Ben' } } },
        },
      },
      'en',
    );
    expect(lost).toEqual({ text: 'Ben claimed this a moment ago.', refresh: true, signIn: false });
  });

  it('a server error or an unreachable backend reads as a sentence, never a stack', () => {
    expect(describeFailure({ kind: 'http', status: 502, body: '<html>' }, 'en').text).toBe(STRINGS.en.error.server);
    expect(describeFailure({ kind: 'network' }, 'fr').text).toBe(STRINGS.fr.error.network);
    expect(describeFailure({ kind: 'http', status: 401, body: { error: { code: 'unauthenticated', message: 'Sign in' } } }, 'en').signIn).toBe(true);
  });

  it('warns a rep replying on someone else’s thread and lets the owner send', () => {
    const owned = view({ state: 'assigned', owner: { email: 'maya@acme.test', name: 'Maya' } });
    expect(sendVerdict(owned, 'ava@acme.test', 'en')).toEqual({ allow: false, message: 'Maya owns this conversation. Send anyway?' });
    expect(sendVerdict(owned, 'Maya@acme.test', 'en')).toEqual({ allow: true });
    expect(sendVerdict(view(), 'ava@acme.test', 'en')).toEqual({ allow: true });
    expect(sendVerdict(view({ suppressed: true }), 'ava@acme.test', 'fr')).toMatchObject({ allow: false });
  });

  it('picks French for any French display language and English otherwise', () => {
    expect(['fr-FR', 'fr-CA', 'fr', 'FR_be'].map(localeFrom)).toEqual(['fr', 'fr', 'fr', 'fr']);
    expect(['en-US', 'de-DE', '', null].map(localeFrom)).toEqual(['en', 'en', 'en', 'en']);
  });
});
