// One series of the metrics over time as CSV: one row per week (and group), or
// per hour of the day, or per reason. Pure.
import type { MetricsSeriesView, SeriesName } from '#shared/console/api';

const field = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const table = (header: string[], rows: unknown[][]) => [header, ...rows].map((row) => row.map(field).join(',')).join('\n') + '\n';
const day = (iso: string) => iso.slice(0, 10);

export function seriesCsv(view: MetricsSeriesView, name: SeriesName): string {
  const byGroup = (groups: MetricsSeriesView['firstResponseByCategory'], column: string) =>
    table(
      ['week', column, 'replies', 'median_minutes', 'p90_minutes'],
      Object.entries(groups).flatMap(([group, weeks]) => weeks.map((w, i) => [day(view.weeks[i]!), group, w.replies, w.medianMinutes, w.p90Minutes])),
    );
  switch (name) {
    case 'first-response-by-category':
      return byGroup(view.firstResponseByCategory, 'category');
    case 'first-response-by-member':
      return byGroup(view.firstResponseByMember, 'member');
    case 'sla':
      return table(
        ['week', 'met', 'breached'],
        view.sla.map((w, i) => [day(view.weeks[i]!), w.met, w.breached]),
      );
    case 'reassignments':
      return table(
        ['week', 'reassignments'],
        view.reassignments.map((w, i) => [day(view.weeks[i]!), w.count]),
      );
    case 'reassignment-reasons':
      return table(
        ['reason', 'count'],
        view.reassignmentReasons.map((r) => [r.reason, r.count]),
      );
    case 'queue-depth':
      return table(
        [`hour_${view.timezone}`, 'mean_depth', 'max_depth'],
        view.queueDepth.map((h) => [h.hour, h.mean, h.max]),
      );
    case 'meetings':
      return table(
        ['week', 'replies', 'meetings_booked', 'meetings_per_100_replies'],
        view.meetings.map((w, i) => [day(view.weeks[i]!), w.replies, w.meetings, w.per100Replies]),
      );
  }
}
