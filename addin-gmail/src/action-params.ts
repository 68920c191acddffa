// The one place card actions are encoded into Apps Script action parameters
// (a map of strings) and decoded back. Every button of every card goes
// through here, so a parameter the handler cannot read never ships.
import type { ThreadAction } from '#shared/api';
import { STRINGS } from '#shared/sidebar/strings';

/** What a button asks the add-on to do. */
export type CardAction =
  /** Run a thread action that needs no form (claim). */
  | { kind: 'run'; action: ThreadAction; threadId: string }
  /** Open the form of a thread action. */
  | { kind: 'form'; action: ThreadAction; threadId: string }
  /** Submit a form: its fields arrive in formInputs. */
  | { kind: 'submit'; action: ThreadAction; threadId: string }
  | { kind: 'remove-tag'; tag: string; threadId: string }
  /** Demo mode: act as this member. */
  | { kind: 'pick-member'; email: string }
  /** Demo mode: pick another member. */
  | { kind: 'switch-member' }
  /** Load the current message's thread again. */
  | { kind: 'reload' }
  /** Back from a form to the thread card. */
  | { kind: 'back' };

/** The single function name every card button calls; index.ts exports it. */
export const ACTION_FUNCTION = 'onCardAction';
const KEY = 'action';

export function encodeAction(action: CardAction): Record<string, string> {
  return { [KEY]: JSON.stringify(action) };
}

/** The action of an event's parameters, or null when they are missing or malformed. */
export function decodeAction(parameters: Record<string, string> | undefined): CardAction | null {
  const raw = parameters?.[KEY];
  if (typeof raw !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const isText = (x: unknown): x is string => typeof x === 'string' && x !== '';
  // The action labels name every thread action; api.ts's list would pull zod into the bundle.
  const isAction = (x: unknown): x is ThreadAction => typeof x === 'string' && Object.prototype.hasOwnProperty.call(STRINGS.en.action, x);
  switch (v.kind) {
    case 'run':
    case 'form':
    case 'submit':
      return isAction(v.action) && isText(v.threadId) ? { kind: v.kind, action: v.action, threadId: v.threadId } : null;
    case 'remove-tag':
      return isText(v.tag) && isText(v.threadId) ? { kind: 'remove-tag', tag: v.tag, threadId: v.threadId } : null;
    case 'pick-member':
      return isText(v.email) ? { kind: 'pick-member', email: v.email } : null;
    case 'switch-member':
    case 'reload':
    case 'back':
      return { kind: v.kind };
    default:
      return null;
  }
}
