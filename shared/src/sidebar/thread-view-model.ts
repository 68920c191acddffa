// The sidebar's view model: what the Outlook task pane, the Gmail card and the
// console show for one thread, as plain data. Pure: the renderers (Preact,
// CardService) only lay it out, so both add-ins say and offer the same thing.
import type { MemberSummary, ThreadAction, ThreadView } from '../api.ts';
import { type Locale, type Strings, phrase, stringsFor } from './strings.ts';

export interface SidebarContext {
  me: MemberSummary;
  members: readonly MemberSummary[];
  /** The team's tag set, offered as chips. */
  tags: readonly string[];
  locale: Locale;
  /** The user's IANA time zone, when the host tells it (Gmail does); else the runtime's. */
  timeZone?: string;
}

export type BadgeKind = 'unassigned' | 'yours' | 'locked' | 'needs_help' | 'waiting' | 'closed';
export type SlaTone = 'ok' | 'amber' | 'red' | 'met' | 'breached' | 'none';

export interface SlaModel {
  tone: SlaTone;
  text: string;
  /** Milliseconds to the due time (negative when overdue); null without a running clock. */
  remainingMs: number | null;
}

export interface ActionModel {
  action: ThreadAction;
  label: string;
}

export interface ThreadViewModel {
  id: string;
  version: number;
  subject: string;
  prospect: string;
  badge: { kind: BadgeKind; text: string };
  owner: { email: string; name: string } | null;
  ownerText: string;
  category: { label: string; cues: string[]; detail: string } | null;
  suppressed: string | null;
  priority: string;
  sla: SlaModel;
  tags: string[];
  /** Team tags the thread does not carry yet. */
  addableTags: string[];
  followUp: string | null;
  handoffNote: Array<{ label: string; value: string }> | null;
  explanation: { title: string; text: string } | null;
  history: Array<{ when: string; text: string; reason: string | null }>;
  actions: ActionModel[];
  /** Who a handoff or a reassignment may go to: the team but the current owner. */
  handoffTargets: MemberSummary[];
}

/** The SLA clock before the turn to amber: a quarter of an hour. */
export const SLA_AMBER_MS = 15 * 60_000;

const ACTION_ORDER: readonly ThreadAction[] = ['claim', 'handoff', 'needs-help', 'release', 'resolve', 'tags', 'follow-up', 'category', 'reassign'];

/** Pure. `now` drives the SLA countdown: call again each tick. */
export function threadViewModel(view: ThreadView, context: SidebarContext, now: Date): ThreadViewModel {
  const s = stringsFor(context.locale);
  const nameOf = (email: string | null) => memberName(email, context.members, s);
  const ownerName = view.owner ? view.owner.name : null;
  return {
    id: view.id,
    version: view.version,
    subject: view.subject,
    prospect: view.prospect.name ? `${view.prospect.name} <${view.prospect.email}>` : view.prospect.email,
    badge: badgeOf(view, context.me, s),
    owner: view.owner,
    ownerText: ownerName ?? s.nobody,
    category: view.category
      ? {
          label: s.category[view.category],
          cues: view.classification?.cues ?? [],
          detail: categoryDetail(view, s),
        }
      : null,
    suppressed: view.suppressed ? s.suppressed : null,
    priority: phrase(s.priority, { level: view.priority }),
    sla: slaModel(view.sla, now, context.locale),
    tags: view.tags,
    addableTags: context.tags.filter((t) => !view.tags.includes(t)),
    followUp: view.followUpAt ? formatInstant(view.followUpAt, context) : null,
    handoffNote: view.handoffNote ? noteLines(view.handoffNote, s, context) : null,
    explanation: view.explanation ? { title: ownerName ? phrase(s.whyOwner, { name: ownerName }) : s.whyNobody, text: view.explanation } : null,
    history: [...view.history].reverse().map((item) => ({
      when: formatInstant(item.at, context),
      text: historyText(item, nameOf, s),
      reason: item.reason,
    })),
    actions: ACTION_ORDER.filter((a) => view.allowedActions.includes(a)).map((action) => ({ action, label: s.action[action] })),
    handoffTargets: context.members.filter((m) => m.email !== view.owner?.email),
  };
}

function badgeOf(view: ThreadView, me: MemberSummary, s: Strings): ThreadViewModel['badge'] {
  const mine = view.owner?.email === me.email;
  const name = view.owner?.name ?? '';
  switch (view.state) {
    case 'unassigned':
      return { kind: 'unassigned', text: s.badge.unassigned };
    case 'closed':
      return { kind: 'closed', text: s.badge.closed };
    case 'needs_help':
      return { kind: 'needs_help', text: mine ? s.badge.needs_help_yours : phrase(s.badge.needs_help, { name }) };
    case 'waiting':
      if (!view.owner) return { kind: 'waiting', text: s.badge.waiting };
      return mine ? { kind: 'yours', text: s.badge.yours } : { kind: 'locked', text: phrase(s.badge.locked, { name }) };
    case 'assigned':
      return mine ? { kind: 'yours', text: s.badge.yours } : { kind: 'locked', text: phrase(s.badge.locked, { name }) };
  }
}

function categoryDetail(view: ThreadView, s: Strings): string {
  const c = view.classification;
  if (!c) return '';
  if (c.source === 'corrected') return s.correctedByHand;
  if (c.source === 'upstream') return s.fromSendingTool;
  return phrase(s.confidence, { percent: Math.round(c.confidence * 100) });
}

/** Pure: the first-response clock as a tone and a phrase, at `now`. */
export function slaModel(sla: ThreadView['sla'], now: Date, locale: Locale): SlaModel {
  const s = stringsFor(locale);
  if (!sla || sla.dueAt === null) return { tone: 'none', text: s.sla.none, remainingMs: null };
  if (sla.status === 'met') return { tone: 'met', text: s.sla.met, remainingMs: null };
  if (sla.respondedAt) return { tone: 'breached', text: s.sla.breached, remainingMs: null };
  const remainingMs = Date.parse(sla.dueAt) - now.getTime();
  if (remainingMs <= 0) return { tone: 'red', text: phrase(s.sla.overdue, { time: duration(-remainingMs, s, 'floor') }), remainingMs };
  return { tone: remainingMs <= SLA_AMBER_MS ? 'amber' : 'ok', text: phrase(s.sla.dueIn, { time: duration(remainingMs, s) }), remainingMs };
}

/**
 * A duration in whole minutes, at least one so "0 min" never shows: time left
 * rounds up (never promise less than there is), time overdue rounds down.
 */
export function duration(ms: number, s: Strings, rounding: 'ceil' | 'floor' = 'ceil'): string {
  const minutes = Math.max(1, Math[rounding](ms / 60_000));
  if (minutes < 60) return phrase(s.time.minutes, { n: minutes });
  if (minutes < 48 * 60) return phrase(s.time.hoursMinutes, { h: Math.floor(minutes / 60), m: minutes % 60 });
  return phrase(s.time.days, { n: Math.floor(minutes / (24 * 60)) });
}

function noteLines(note: NonNullable<ThreadView['handoffNote']>, s: Strings, context: SidebarContext) {
  const lines: Array<{ label: string; value: string | undefined }> = [
    { label: s.note.context, value: note.context },
    { label: s.note.whatHappened, value: note.whatHappened },
    { label: s.note.tags, value: note.tags.join(', ') },
    { label: s.note.persona, value: note.keyFacts.persona },
    { label: s.note.pain, value: note.keyFacts.pain },
    { label: s.note.tools, value: note.keyFacts.tools },
    { label: s.note.timing, value: note.keyFacts.timing },
    { label: s.note.nextStep, value: note.nextStep },
    { label: s.note.promisedAt, value: note.promisedAt ? formatInstant(note.promisedAt, context) : undefined },
  ];
  return lines.filter((l): l is { label: string; value: string } => l.value !== undefined && l.value !== '');
}

function memberName(email: string | null, members: readonly MemberSummary[], s: Strings): string {
  if (email === null) return '';
  if (email === 'routing') return s.system;
  return members.find((m) => m.email === email)?.name ?? email;
}

function historyText(item: ThreadView['history'][number], nameOf: (email: string | null) => string, s: Strings): string {
  const params = { by: nameOf(item.by), from: nameOf(item.from), to: nameOf(item.to), rule: item.rule ?? '', kind: item.kind };
  const known = s.history[item.kind as keyof Strings['history']];
  return phrase(known ?? s.history.other, params);
}

/** An instant in the user's locale and time zone, e.g. "24 Nov 2026, 09:30". */
export function formatInstant(iso: string, context: Pick<SidebarContext, 'locale' | 'timeZone'>): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(context.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(context.timeZone ? { timeZone: context.timeZone } : {}),
  }).format(date);
}
