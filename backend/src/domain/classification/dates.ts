// Dates written in words ("back on Tuesday", "de retour le 3 décembre",
// "next quarter"), resolved against the message's own date with chrono.
import * as chrono from 'chrono-node';

const parsers: Record<string, chrono.Chrono> = { en: chrono.en.casual, fr: chrono.fr.casual };

/** The first future date the text names, as YYYY-MM-DD in UTC, or null. Pure. */
export function firstFutureDate(text: string, language: string | null, reference: Date): string | null {
  const order = language === 'fr' ? ['fr', 'en'] : ['en', 'fr'];
  for (const code of order) {
    const results = parsers[code]!.parse(text, { instant: reference, timezone: 'UTC' }, { forwardDate: true });
    for (const result of results) {
      const date = result.start.date();
      if (date.getTime() > reference.getTime() - 86_400_000) return date.toISOString().slice(0, 10);
    }
  }
  return null;
}

const QUARTER_WORDS = /\b(next quarter|prochain trimestre|trimestre prochain)\b/i;

/** A follow-up date for "not now" replies: a named date, else next quarter's first day. Pure. */
export function followUpDate(text: string, language: string | null, reference: Date): string | null {
  if (QUARTER_WORDS.test(text.normalize('NFD').replace(/\p{M}/gu, ''))) {
    const quarterStart = Math.floor(reference.getUTCMonth() / 3) * 3 + 3;
    return new Date(Date.UTC(reference.getUTCFullYear(), quarterStart, 1)).toISOString().slice(0, 10);
  }
  return firstFutureDate(text, language, reference);
}
