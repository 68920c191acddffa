// Absences on a week grid for the console's Team page: one row per member,
// one cell per day (Monday first, in the viewer's time zone). Pure.

export interface CalendarAbsence {
  id: string;
  member: string;
  startsAt: string;
  endsAt: string | null;
  reason: string;
}

export interface WeekCell {
  /** The absences that cover any part of this day. */
  absences: CalendarAbsence[];
}

/** Local midnight of the Monday of the week `at` falls in, plus `offsetWeeks` weeks. */
export function mondayOf(at: Date, offsetWeeks = 0): Date {
  const day = new Date(at.getFullYear(), at.getMonth(), at.getDate());
  const sinceMonday = (day.getDay() + 6) % 7;
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() - sinceMonday + 7 * offsetWeeks);
}

/** The seven local midnights of the week starting `monday`. */
export function weekDays(monday: Date): Date[] {
  return Array.from({ length: 7 }, (_, i) => new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i));
}

/** Per member (in the given order), per day of the week: the absences covering it. */
export function weekGrid(members: readonly string[], absences: readonly CalendarAbsence[], monday: Date): Map<string, WeekCell[]> {
  const days = weekDays(monday);
  const grid = new Map<string, WeekCell[]>();
  for (const member of members) {
    grid.set(
      member,
      days.map((start, i) => {
        const end = i < 6 ? days[i + 1]! : new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1);
        return {
          absences: absences.filter(
            (a) => a.member === member && Date.parse(a.startsAt) < end.getTime() && (a.endsAt === null || Date.parse(a.endsAt) > start.getTime()),
          ),
        };
      }),
    );
  }
  return grid;
}
