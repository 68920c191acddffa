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

// Words after which an absence names the day it ends, strongest first.
const RETURN_CUES: RegExp[] = [
  /\b(back|return|returning|returns|de retour|retour|reviens|reprends|reprise)\b/gi,
  /\b(until|till|through|thru|jusqu'?au|jusqu'?à|jusqu'?a|jusqu au|jusqu a)\b/gi,
  // "du 17 octobre au 2 novembre", "from Oct 17 to Nov 2".
  /(?<=\b(du|from) [^.\n]{3,40}?)\b(au|to)\b/gi,
];

/** The day an absence ends: the date after "back"/"de retour", else after "until"/"jusqu'au", else the first future date. Pure. */
export function returnDate(text: string, language: string | null, reference: Date): string | null {
  const order = language === 'fr' ? ['fr', 'en'] : ['en', 'fr'];
  for (const cue of RETURN_CUES) {
    for (const match of text.matchAll(cue)) {
      const window = text.slice(match.index, match.index + 90);
      for (const code of order) {
        const found = parsers[code]!.parse(window, { instant: reference, timezone: 'UTC' }, { forwardDate: true })[0];
        if (found && found.index <= 40) {
          const date = found.start.date();
          // "jusqu'au 2 novembre inclus": back the day after.
          if (/^\s*(inclus|inclusivement|included|inclusive)/i.test(window.slice(found.index + found.text.length))) date.setUTCDate(date.getUTCDate() + 1);
          return date.toISOString().slice(0, 10);
        }
      }
    }
  }
  return firstFutureDate(text, language, reference);
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
