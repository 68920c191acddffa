// The team's tag set: what the classifier suggests and what a sidebar offers
// as chips. A thread may carry other tags (a handoff note's, a manager's).
export const TEAM_TAGS = ['pricing', 'demo', 'competitor', 'timing', 'referral', 'security', 'procurement'] as const;
export type TeamTag = (typeof TEAM_TAGS)[number];
