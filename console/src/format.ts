// Dates and numbers in the viewer's language and time zone.
import type { Locale } from '#shared/sidebar/strings';

const tag = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

export const formatDateTime = (iso: string, locale: Locale) =>
  new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
export const formatDate = (date: Date | string, locale: Locale) => new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium' }).format(new Date(date));
export const formatDay = (date: Date, locale: Locale) =>
  new Intl.DateTimeFormat(tag(locale), { weekday: 'short', day: 'numeric', month: 'short' }).format(date);
export const formatTime = (date: Date, locale: Locale) => new Intl.DateTimeFormat(tag(locale), { timeStyle: 'medium' }).format(date);

/** `YYYY-MM-DDTHH:mm` in local time, for a datetime-local input. */
export function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
