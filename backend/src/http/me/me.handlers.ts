// Who the caller is, and what a sidebar or the console needs beside a thread:
// the members to hand off to and the team's tag set. In demo mode, the list of
// members a picker offers before anyone is signed in.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { MeView, MemberSummary } from '#shared/api';
import { TEAM_TAGS } from '#shared/tags';
import { z } from 'zod';
import { NotFound } from '../../domain/errors.ts';
import { findOrgById, findOrgBySlug } from '../../store/orgs.ts';
import { withOrg, type Deps } from '../../use-cases/deps.ts';
import { loadPolicy } from '../../use-cases/policy.ts';
import type { AppEnv } from '../app-env.ts';
import { validationHook } from '../errors.ts';
import { errors, json } from '../openapi-helpers.ts';
import type { CompiledPolicy } from '../../domain/routing/compiled-policy.ts';

export const meRoute = createRoute({
  method: 'get',
  path: '/v1/me',
  tags: ['me'],
  summary: 'The signed-in member, the team and the tag set',
  responses: { 200: json(MeView, 'The caller and their team'), ...errors },
});

function membersOf(compiled: CompiledPolicy): MemberSummary[] {
  return [...compiled.members.values()].map((m) => ({ email: m.email, name: m.name, role: m.role })).sort((a, b) => a.name.localeCompare(b.name));
}

export function meRouter() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(meRoute, async (c) => {
    const scope = c.get('scope');
    const caller = c.get('caller');
    const compiled = await loadPolicy(scope);
    const org = await findOrgById(scope.db, scope.orgId);
    return c.json({ me: caller.member, org: { name: org?.name ?? '' }, members: membersOf(compiled), tags: [...TEAM_TAGS] }, 200);
  });
  return app;
}

/** Demo mode only: the demo org's members, for the sign-in picker of the add-ins and the console. */
export function demoMembersRouter(deps: Deps, demoOrgSlug: string) {
  const app = new OpenAPIHono<AppEnv>();
  app.get('/demo/members', async (c) => {
    const org = await findOrgBySlug(deps.db, demoOrgSlug);
    if (!org) throw new NotFound(`The demo org '${demoOrgSlug}'`, 'start with SEED_DEMO=true');
    const members = await withOrg(deps, org.id, async (scope) => membersOf(await loadPolicy(scope)));
    return c.json(z.array(MemberSummary).parse(members), 200);
  });
  return app;
}
