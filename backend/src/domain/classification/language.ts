// Which language a reply is in: franc, restricted to the languages we have data
// for; on very short replies it cannot tell, so each language's common words decide.
import { franc } from 'franc-min';
import type { Lexicon } from './lexicon.ts';
import { normaliseText } from './text-normalise.ts';

export function detectLanguage(text: string, lexicons: readonly Lexicon[]): string | null {
  const byCode = new Map(lexicons.map((l) => [l.francCode, l.language]));
  const trimmed = text.trim();
  if (trimmed.length >= 40) {
    const code = franc(trimmed, { only: [...byCode.keys()], minLength: 10 });
    const found = byCode.get(code);
    if (found) return found;
  }
  const words = normaliseText(trimmed).trim().split(' ');
  let best: string | null = null;
  let bestCount = 0;
  for (const lexicon of lexicons) {
    const stop = new Set(lexicon.stopwords);
    const count = words.filter((w) => stop.has(w)).length;
    if (count > bestCount) {
      best = lexicon.language;
      bestCount = count;
    }
  }
  return best;
}
