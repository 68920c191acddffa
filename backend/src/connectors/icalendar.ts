// Holidays from an iCalendar file (an HR calendar, a public-holiday feed):
// every day an event covers, as local dates. Parsed with ical.js.
import ICAL from 'ical.js';

const DAY = 86_400_000;

/** The dates (YYYY-MM-DD) the calendar's events cover; all-day ranges end the day before DTEND. Throws on a text that is not iCalendar. */
export function holidayDates(text: string): string[] {
  const component = new ICAL.Component(ICAL.parse(text));
  const dates = new Set<string>();
  for (const event of component.getAllSubcomponents('vevent')) {
    const start = event.getFirstPropertyValue('dtstart');
    if (!(start instanceof ICAL.Time)) continue;
    const end = event.getFirstPropertyValue('dtend');
    const first = Date.UTC(start.year, start.month - 1, start.day);
    const last = end instanceof ICAL.Time ? Date.UTC(end.year, end.month - 1, end.day) - (end.isDate ? DAY : 0) : first;
    for (let day = first; day <= Math.max(first, last) && day - first < 366 * DAY; day += DAY) dates.add(new Date(day).toISOString().slice(0, 10));
  }
  return [...dates].sort();
}
