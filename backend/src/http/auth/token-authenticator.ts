// Real sign-in: a verified Microsoft or Google token, the org bound to its
// tenant or domain, and the member of that org's policy it stands for.
import type { Context } from 'hono';
import { DomainError } from '../../domain/errors.ts';
import { findIdentity, findIdentityByEmail, recordIdentity } from '../../store/member-identities.ts';
import { findOrgByGoogleDomain, findOrgByTenant } from '../../store/orgs.ts';
import { forAuthentication, withOrg, type Clock, type Deps } from '../../use-cases/deps.ts';
import { loadPolicy } from '../../use-cases/policy.ts';
import type { AppEnv, Caller } from '../app-env.ts';
import type { Authenticator } from './authenticator.ts';
import type { Verifier } from './token-verifiers.ts';

const forbidden = (message: string) => new DomainError('forbidden', message);

export function tokenAuthenticator(deps: Pick<Deps, 'db' | 'rlsRole'>, verify: Verifier, clock: Clock): Authenticator {
  const { db } = deps;
  return {
    async authenticate(c: Context<AppEnv>): Promise<Caller> {
      const header = c.req.header('authorization') ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new DomainError('unauthenticated', 'Sign in: send Authorization: Bearer <token> from the Outlook or Gmail add-in');
      const person = await verify(match[1]!);

      const org =
        'microsoftTenantId' in person.tenant
          ? await findOrgByTenant(db, person.tenant.microsoftTenantId)
          : await findOrgByGoogleDomain(db, person.tenant.googleDomain);
      if (!org) throw forbidden('Your organisation is not connected to reply routing yet: ask your admin to add you');

      // A known person keeps the address they were first seen with, even if their token now says another.
      const known = await forAuthentication(deps, (tx) => findIdentity(tx, person.provider, person.subject));
      let email = person.email;
      if (known) {
        if (known.orgId !== org.id) throw forbidden('This account belongs to another organisation: ask your admin to add you');
        email = known.email;
      } else {
        const holder = await forAuthentication(deps, (tx) => findIdentityByEmail(tx, org.id, person.provider, person.email));
        if (holder) throw forbidden(`${person.email} is already bound to another account: ask your admin to check who uses this address`);
      }

      const compiled = await withOrg(deps, org.id, loadPolicy);
      const member = compiled.members.get(email);
      if (!member) throw forbidden(`${email} is not a member of ${org.name}: ask your admin to add you to the team's policy`);
      const identity = { orgId: org.id, provider: person.provider, subject: person.subject, email };
      if (!known && !(await forAuthentication(deps, (tx) => recordIdentity(tx, identity, clock.now())))) {
        // Another request bound this subject or address a moment ago: check again against what it wrote.
        const now = await forAuthentication(deps, (tx) => findIdentity(tx, person.provider, person.subject));
        if (!now || now.email !== email || now.orgId !== org.id) throw forbidden(`${email} is already bound to another account: ask your admin`);
      }
      return { orgId: org.id, member: { email: member.email, name: member.name, role: member.role } };
    },
  };
}
