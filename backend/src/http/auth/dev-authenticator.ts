// Demo mode: `X-Dev-User: <email>` names the member, `X-Dev-Org: <slug>` the
// org (the demo org when absent). Only for a backend bound to loopback.
import type { Context } from 'hono';
import { DomainError } from '../../domain/errors.ts';
import { withOrg, type Deps } from '../../use-cases/deps.ts';
import { findOrgBySlug, type Org } from '../../store/orgs.ts';
import { loadPolicy } from '../../use-cases/policy.ts';
import type { AppEnv, Caller } from '../app-env.ts';
import type { Authenticator } from './authenticator.ts';

export function devAuthenticator(deps: Pick<Deps, 'db' | 'rlsRole'>, defaultOrgSlug: string): Authenticator {
  const { db } = deps;
  // Slugs never change hands, so a found org can be remembered.
  const orgs = new Map<string, Org>();
  return {
    async authenticate(c: Context<AppEnv>): Promise<Caller> {
      const email = c.req.header('x-dev-user')?.trim().toLowerCase();
      if (!email) throw new DomainError('unauthenticated', 'Demo mode: name yourself with the header X-Dev-User: <member email>, e.g. ava@acme.test');
      const slug = c.req.header('x-dev-org')?.trim() || defaultOrgSlug;
      const org = orgs.get(slug) ?? (await findOrgBySlug(db, slug));
      if (org) orgs.set(slug, org);
      if (!org) throw new DomainError('unauthenticated', `Demo mode: there is no org '${slug}'`);
      const compiled = await withOrg(deps, org.id, loadPolicy);
      const member = compiled.members.get(email);
      if (!member) throw new DomainError('unauthenticated', `Demo mode: ${email} is not a member of ${org.name}'s policy`);
      return { orgId: org.id, member: { email: member.email, name: member.name, role: member.role } };
    },
  };
}
