// What each category sets in motion, from the policy's `categories` section
// over these defaults. Pure: returns the actions as data for the shell.
import type { Category } from '#shared/categories';
import type { Policy } from '#shared/policy';
import { addBusinessDays, morningOf, type WorkingCalendar } from '../business-time/business-time.ts';
import type { Classification } from './classify.ts';

export interface CategoryActions {
  /** Route by the policy, keep the current owner, or place it with no owner. */
  placement: 'route' | 'keep_owner' | 'none';
  /** The thread waits (nothing due now) rather than being worked. */
  waiting: boolean;
  /** A task for the owner, due on this day (YYYY-MM-DD). */
  task: { title: string; dueOn: string } | null;
  /** A follow-up date for the thread (ISO instant). */
  followUpAt: string | null;
  /** Put this address on the suppression list, for this reason. */
  suppress: { email: string; reason: 'opt_out' | 'complaint' | 'invalid' } | null;
  /** What the sending tool should do with the sequence. */
  sequence: 'pause' | 'stop' | null;
  /** SLA target to use when the policy names none for this category. */
  defaultSla: string | null;
}

const DAY = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Pure. `receivedAt`: the reply's arrival; `prospect`: its sender. */
export function categoryActions(
  policy: Policy,
  classification: Classification,
  receivedAt: Date,
  prospect: string,
  calendar: WorkingCalendar,
): CategoryActions {
  const category: Category = classification.category;
  const configured = policy.categories[category] ?? {};
  const none: CategoryActions = { placement: 'route', waiting: false, task: null, followUpAt: null, suppress: null, sequence: null, defaultSla: null };
  switch (category) {
    case 'interested': {
      const due = configured.task === 'tomorrow' ? new Date(receivedAt.getTime() + DAY) : receivedAt;
      return { ...none, task: { title: 'Answer an interested reply', dueOn: isoDay(due) } };
    }
    case 'out_of_office': {
      // The owner's first business morning on the return date; without one, five business days later.
      const back = (
        classification.returnDate ? morningOf(calendar, classification.returnDate) : addBusinessDays(calendar, receivedAt, configured.follow_up_days ?? 5)
      ).toISOString();
      return {
        ...none,
        placement: 'keep_owner',
        waiting: true,
        followUpAt: configured.follow_up === undefined || configured.follow_up === 'return_date' ? back : null,
        sequence: configured.pause_sequence === false ? null : 'pause',
      };
    }
    case 'bounce': {
      const hard = classification.bounce?.kind !== 'soft';
      const recipient = classification.bounce?.recipient ?? null;
      return {
        ...none,
        placement: 'none',
        waiting: true,
        suppress: hard && recipient ? { email: recipient.toLowerCase(), reason: 'invalid' } : null,
        sequence: hard && configured.stop_sequence !== false ? 'stop' : null,
      };
    }
    case 'unsubscribe':
      return { ...none, suppress: { email: prospect, reason: 'opt_out' }, sequence: configured.stop_sequence === false ? null : 'stop', defaultSla: '0m' };
    case 'complaint':
      return { ...none, suppress: { email: prospect, reason: 'complaint' }, sequence: 'stop', defaultSla: '0m' };
    case 'not_now':
      return { ...none, followUpAt: classification.followUpDate ? morningOf(calendar, classification.followUpDate).toISOString() : null };
    default:
      return none;
  }
}
