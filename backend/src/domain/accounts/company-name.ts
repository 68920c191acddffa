// Company names compared as a sales team would: "Northwind, Inc." is "northwind".

const LEGAL_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'llc',
  'llp',
  'lp',
  'ltd',
  'limited',
  'plc',
  'gmbh',
  'ag',
  'kg',
  'kgaa',
  'ug',
  'sa',
  'sas',
  'sasu',
  'sarl',
  'eurl',
  'sca',
  'scs',
  'bv',
  'nv',
  'srl',
  'spa',
  'sl',
  'sau',
  'oy',
  'oyj',
  'ab',
  'as',
  'asa',
  'aps',
  'pty',
  'pte',
  'kk',
  'ltda',
  'sro',
  'spzoo',
]);

/** Case, accents, punctuation, a leading "the" and trailing legal suffixes do not count. Pure. */
export function companyNameKey(name: string): string {
  const words = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    // "S.A.S." and "S.p.A." are one word once their dots go.
    .replace(/(?<=\b\p{L})\.(?=\p{L}\b)/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  if (words[0] === 'the' && words.length > 1) words.shift();
  // "GmbH & Co. KG": an "and" between legal suffixes goes with them.
  for (;;) {
    const last = words[words.length - 1]!;
    if (words.length > 1 && LEGAL_SUFFIXES.has(last)) words.pop();
    else if (words.length > 2 && last === 'and' && LEGAL_SUFFIXES.has(words[words.length - 2]!)) words.pop();
    else break;
  }
  return words.join(' ');
}
