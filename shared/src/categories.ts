// The classified kinds of a reply, and how urgent each is for the triage order.
// Free of zod, so the add-in bundles can use it; the schema is in api.ts.

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

export type Category = (typeof CATEGORIES)[number];

/**
 * Triage priority, higher first: opt-outs and complaints (legal risk), then
 * the machine mail that must be handled (bounces, absences), then interested
 * replies (they go cold fastest), questions and referrals, objections, not
 * now, not interested, and the rest.
 */
export const CATEGORY_PRIORITY: Readonly<Record<Category, number>> = {
  complaint: 9,
  unsubscribe: 9,
  bounce: 8,
  out_of_office: 7,
  interested: 6,
  question: 5,
  referral: 5,
  objection: 4,
  not_now: 3,
  not_interested: 2,
  other: 1,
};
