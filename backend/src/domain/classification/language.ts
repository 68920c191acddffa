// Which language a reply is in: franc, restricted to the languages we have data
// for; on very short replies it cannot tell, so each language's common words decide.
import { franc } from 'franc-min';
import type { Lexicon } from './lexicon.ts';
import { normaliseText } from './text-normalise.ts';

// Built once per lexicon, not per reply.
const stopwordSets = new WeakMap<Lexicon, Set<string>>();
const stopwordsOf = (lexicon: Lexicon) => {
  let set = stopwordSets.get(lexicon);
  if (!set) stopwordSets.set(lexicon, (set = new Set(lexicon.stopwords)));
  return set;
};

/** `normalised`: the same text through normaliseText, when the caller has it already. */
export function detectLanguage(text: string, lexicons: readonly Lexicon[], normalised = normaliseText(text)): string | null {
  const byCode = new Map(lexicons.map((l) => [l.francCode, l.language]));
  const trimmed = text.trim();
  // Common words first: on business replies they are the surest sign, and franc errs on short texts.
  const words = normalised.trim().split(' ');
  const counts = lexicons.map((lexicon) => {
    const stop = stopwordsOf(lexicon);
    let count = 0;
    for (const word of words) if (stop.has(word)) count++;
    return { language: lexicon.language, count };
  });
  counts.sort((a, b) => b.count - a.count);
  const [first, second] = counts;
  if (first && first.count > 0 && first.count >= 2 * (second?.count ?? 0) + 1) return first.language;
  if (trimmed.length >= 40) {
    const found = byCode.get(franc(trimmed, { only: [...byCode.keys()], minLength: 10 }));
    if (found) return found;
  }
  return first && first.count > 0 ? first.language : null;
}
