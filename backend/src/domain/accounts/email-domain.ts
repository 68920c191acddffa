// The company domain of a prospect's address: its registrable domain, unless
// it is a free-mail provider (gmail.com tells us nothing about the company).
import { getDomain } from 'tldts';
import freeMailDomains from 'email-providers/all.json' with { type: 'json' };

const FREE_MAIL = new Set<string>(freeMailDomains);

/** `chris@eu.mail.northwind.co.uk` -> `northwind.co.uk`; free-mail and invalid -> null. Pure. */
export function companyDomainOf(email: string): string | null {
  const host = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const registrable = getDomain(host);
  if (!registrable || FREE_MAIL.has(registrable) || FREE_MAIL.has(host)) return null;
  return registrable;
}

/** The registrable form of a domain listed on an account. */
export function registrableDomain(domain: string): string {
  return getDomain(domain.toLowerCase()) ?? domain.toLowerCase();
}
