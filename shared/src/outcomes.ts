// How a thread can end. Free of zod, so the add-in bundles can use it.
export const OUTCOMES = ['meeting_booked', 'opportunity_created', 'not_interested', 'no_response', 'disqualified', 'duplicate', 'handled'] as const;
export type Outcome = (typeof OUTCOMES)[number];
