// A new team in this deployment: the org, bound to its identity providers, and
// a first policy whose only member is its admin.
import { z } from 'zod';
import { DomainError, InvalidInput } from '../domain/errors.ts';
import { createOrg, findOrgByGoogleDomain, findOrgBySlug, findOrgByTenant, type Org } from '../store/orgs.ts';
import type { Database } from '../store/database.ts';
import { withOrg, type Deps } from './deps.ts';
import { savePolicy, zodIssues } from './policy.ts';

export const NewOrgInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'must be 2 to 63 lower-case letters, digits or dashes' })
    .optional(),
  admin: z.strictObject({ email: z.email().transform((v) => v.toLowerCase()), name: z.string().trim().min(1).max(200).optional() }),
  msTenantId: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: 'must be the Entra tenant id, a GUID' })
    .optional(),
  googleDomain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, { message: 'must be the Workspace primary domain, e.g. acme.com' })
    .optional(),
});
export type NewOrgInput = z.input<typeof NewOrgInput>;

const slugOf = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63) || 'team';

export async function createOrgWithAdmin(deps: Deps, raw: unknown): Promise<Org> {
  const parsed = NewOrgInput.safeParse(raw);
  if (!parsed.success) throw new InvalidInput(`Invalid org: ${parsed.error.issues[0]!.message}`, zodIssues(parsed.error));
  const input = parsed.data;
  const slug = input.slug ?? slugOf(input.name);
  return deps.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    if (await findOrgBySlug(db, slug)) throw new DomainError('stale_version', `An org named '${slug}' exists already: pick another slug`);
    if (input.msTenantId && (await findOrgByTenant(db, input.msTenantId)))
      throw new DomainError('stale_version', 'That Microsoft tenant is bound to another org already');
    if (input.googleDomain && (await findOrgByGoogleDomain(db, input.googleDomain))) {
      throw new DomainError('stale_version', 'That Google Workspace domain is bound to another org already');
    }
    const org = await createOrg(db, {
      id: deps.newId(),
      slug,
      name: input.name,
      msTenantId: input.msTenantId ?? null,
      googleDomain: input.googleDomain ?? null,
    });
    const adminName = input.admin.name ?? input.admin.email.split('@')[0]!;
    await withOrg({ db, rlsRole: deps.rlsRole }, org.id, (scope) =>
      savePolicy(scope, { members: [{ email: input.admin.email, name: adminName, role: 'admin' }], fallback: 'triage' }, input.admin.email, deps.clock.now()),
    );
    return org;
  });
}
