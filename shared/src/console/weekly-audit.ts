// The weekly audit as the API gives it (GET /v1/audit/weekly): computed by the
// backend's domain/metrics/weekly-audit.ts, shown by the console's audit page.
export interface WeeklyAudit {
  from: string;
  to: string;
  unassigned: Array<{ id: string; ageMinutes: number }>;
  pastSla: Array<{ id: string; owner: string | null; dueAt: string }>;
  /** Pools, sequences, backups and the fallback that point at members who are inactive or away. */
  pointingAtUnavailable: Array<{ where: string; member: string; why: string }>;
  rulesThatMatchedNothing: string[];
  topReassignmentReasons: Array<{ reason: string; count: number }>;
  membersWithMostBreaches: Array<{ member: string; breaches: number }>;
}
