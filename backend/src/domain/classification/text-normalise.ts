// Text in the form phrases are compared in: no accents, lower case, one space
// between words, padded with spaces so a whole-word test is a substring test.
// Plain ASCII has no accents to fold.
const ASCII = /^[\x00-\x7f]*$/; // eslint-disable-line no-control-regex

export function normaliseText(text: string): string {
  const folded = ASCII.test(text) ? text : text.normalize('NFD').replace(/\p{M}/gu, '');
  return ` ${folded
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[^\p{L}\p{N}'@.?!]+/gu, ' ')
    .replace(/([.?!])/g, ' $1 ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

/** A phrase in the same form, without the padding dots and marks. */
export function normalisePhrase(phrase: string): string {
  return normaliseText(phrase);
}
