// Normalised forms of addresses and Message-IDs, shared so every part compares them the same way.

/** Lower-cases an address: the local part is case-insensitive at every provider we route for. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A Message-ID without angle brackets or surrounding space, with the domain
 * part lower-cased (RFC 5322: the local part is case-sensitive, the domain is not).
 */
export function normaliseMessageId(raw: string): string {
  const bare = raw.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
  const at = bare.lastIndexOf('@');
  if (at < 0) return bare;
  return bare.slice(0, at) + '@' + bare.slice(at + 1).toLowerCase();
}
