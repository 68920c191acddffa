// Text in the form phrases are compared in: no accents, lower case, one space
// between words, padded with spaces so a whole-word test is a substring test.
// Every reply goes through it two or three times, so it is one pass over the
// characters rather than a chain of regular expressions; the chain of regular
// expressions it is equal to is in text-normalise.test.ts, which checks the two agree.

// Plain ASCII has no accents to fold.
const ASCII = /^[\x00-\x7f]*$/; // eslint-disable-line no-control-regex
const MARKS = /\p{M}/gu;
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

const WORD = 0;
const STOP = 1; // . ? ! stand alone, as words of their own
const SPACE = 2;
/** What each ASCII character is. */
const ASCII_KIND = Array.from({ length: 128 }, (_, code) => {
  const c = String.fromCharCode(code);
  if (/[a-z0-9'@]/.test(c)) return WORD;
  if (/[.?!]/.test(c)) return STOP;
  return SPACE;
});
const APOSTROPHES = new Set(['’', '‘', '`', '´']);

export function normaliseText(text: string): string {
  const folded = (ASCII.test(text) ? text : text.normalize('NFD').replace(MARKS, '')).toLowerCase();
  let out = ' ';
  let atSpace = true;
  for (const char of folded) {
    const code = char.charCodeAt(0);
    // Backquotes and typographic apostrophes are apostrophes.
    const apostrophe = code === 96 || (code >= 128 && APOSTROPHES.has(char));
    const c = apostrophe ? "'" : char;
    const kind = apostrophe ? WORD : code < 128 ? ASCII_KIND[code]! : LETTER_OR_NUMBER.test(char) ? WORD : SPACE;
    if (kind === WORD) {
      out += c;
      atSpace = false;
    } else if (kind === STOP) {
      out += atSpace ? `${c} ` : ` ${c} `;
      atSpace = true;
    } else if (!atSpace) {
      out += ' ';
      atSpace = true;
    }
  }
  // No word at all: the two padding spaces, as the definition gives.
  return out === ' ' ? '  ' : atSpace ? out : `${out} `;
}

/** A phrase in the same form, without the padding dots and marks. */
export function normalisePhrase(phrase: string): string {
  return normaliseText(phrase);
}

/** A normalised text with where each distinct word starts (at its leading space), in order of first appearance. */
export interface IndexedText {
  text: string;
  offsets: Map<string, number[]>;
}

export function indexText(normalised: string): IndexedText {
  const offsets = new Map<string, number[]>();
  for (let start = 0; start < normalised.length - 1;) {
    const end = normalised.indexOf(' ', start + 1);
    if (end < 0) break;
    const word = normalised.slice(start + 1, end);
    const at = offsets.get(word);
    if (at) at.push(start);
    else offsets.set(word, [start]);
    start = end;
  }
  return { text: normalised, offsets };
}

/**
 * Whether a normalised phrase (" word word ") occurs in the text: it does exactly when it
 * starts at one of its first word's offsets, so only those are compared, not the whole text.
 */
export function occursIn(indexed: IndexedText, phrase: string, firstWord = phrase.slice(1, phrase.indexOf(' ', 1))): boolean {
  const at = indexed.offsets.get(firstWord);
  if (!at) return false;
  for (const offset of at) if (indexed.text.startsWith(phrase, offset)) return true;
  return false;
}
