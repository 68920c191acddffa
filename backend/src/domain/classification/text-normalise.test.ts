import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseText } from './text-normalise.ts';

/** The definition normaliseText is equal to, as a chain of regular expressions. */
function normaliseTextByRegex(text: string): string {
  const folded = text.normalize('NFD').replace(/\p{M}/gu, '');
  return ` ${folded
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[^\p{L}\p{N}'@.?!]+/gu, ' ')
    .replace(/([.?!])/g, ' $1 ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

describe('normaliseText', () => {
  it('folds accents, case, apostrophes and punctuation the way phrases are compared', () => {
    expect(normaliseText("Ça m'intéresse ! On se parle Mardi?")).toBe(" ca m'interesse ! on se parle mardi ? ");
    expect(normaliseText('Don’t email me... (please)')).toBe(" don't email me . . . please ");
    expect(normaliseText('   ').trim()).toBe('');
  });

  it('is equal to its definition as a chain of regular expressions, on any text', () => {
    const chars = fc.constantFrom(..."aZé É.?!,;:'’`´@-_\n\t0 9ßİœ€😀ÿ".split(''), 'ñ', 'ü', 'ﬁ', '\u0301');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.array(chars).map((a) => a.join('')),
        ),
        (text) => {
          expect(normaliseText(text)).toBe(normaliseTextByRegex(text));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
