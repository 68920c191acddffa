// The send-time guard: warn a rep who is about to reply on a conversation
// someone else owns, or to a prospect who must not be written to.
import type { ThreadView } from '../api.ts';
import { type Locale, phrase, stringsFor } from './strings.ts';

export type SendVerdict = { allow: true } | { allow: false; message: string };

/** Pure. The owner's send goes through untouched; so does a send on a thread nobody owns. */
export function sendVerdict(view: ThreadView | null, senderEmail: string, locale: Locale): SendVerdict {
  if (!view) return { allow: true };
  const s = stringsFor(locale);
  const sender = senderEmail.trim().toLowerCase();
  if (view.suppressed) return { allow: false, message: s.guard.suppressed };
  if (view.owner && view.owner.email !== sender && view.state !== 'closed' && view.state !== 'unassigned') {
    return { allow: false, message: phrase(s.guard.ownedBySomeoneElse, { name: view.owner.name }) };
  }
  return { allow: true };
}
