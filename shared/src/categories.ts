// The classified kinds of a reply, and how urgent each is for the triage order.
import { z } from 'zod';

export const CATEGORIES = [
  'interested',
  'question',
  'referral',
  'objection',
  'not_now',
  'not_interested',
  'out_of_office',
  'bounce',
  'unsubscribe',
  'complaint',
  'other',
] as const;

export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

/**
 * Triage priority, 0 (nothing to do) to 5 (act now). Opt-outs and complaints
 * come first because they carry legal risk; interested replies next because
 * they go cold fastest.
 */
export const CATEGORY_PRIORITY: Readonly<Record<Category, number>> = {
  complaint: 5,
  unsubscribe: 5,
  interested: 4,
  question: 3,
  referral: 3,
  objection: 2,
  not_now: 1,
  other: 1,
  not_interested: 0,
  out_of_office: 0,
  bounce: 0,
};
