import { OpenAPIHono } from '@hono/zod-openapi';
import { parse as parseYaml } from 'yaml';
import { InvalidInput, PolicyInvalid } from '../../domain/errors.ts';
import { requireRole } from '../auth/roles.ts';
import type { Deps } from '../../use-cases/deps.ts';
import { loadPolicy, savePolicy, storedPolicy, zodIssues } from '../../use-cases/policy.ts';
import { simulatePolicy } from '../../use-cases/simulate-policy.ts';
import type { AppEnv } from '../app-env.ts';
import { validationHook } from '../errors.ts';
import { scopeOf } from '../thread-responses.ts';
import { getPolicyRoute, putPolicyRoute, simulatePolicyRoute } from './policy.routes.ts';

export function policyRouter(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(getPolicyRoute, async (c) => {
    const scope = scopeOf(deps, c);
    await loadPolicy(scope); // 409 with guidance when the org has none yet
    const stored = (await storedPolicy(scope))!;
    // The version is the ETag: send it back as If-Match with the next PUT.
    c.header('ETag', `"${stored.version}"`);
    return c.json({ version: stored.version, createdBy: stored.createdBy, createdAt: stored.createdAt.toISOString(), policy: stored.document }, 200);
  });

  app.openapi(
    putPolicyRoute,
    async (c) => {
      const caller = c.get('caller');
      requireRole(caller, 'admin', 'change the policy');
      const contentType = c.req.header('content-type') ?? '';
      let document: unknown;
      if (/yaml/i.test(contentType)) {
        const text = await c.req.text();
        try {
          document = parseYaml(text);
        } catch (error) {
          throw new InvalidInput(`The YAML could not be read: ${(error as Error).message}`);
        }
      } else {
        document = c.req.valid('json');
      }
      const ifMatch = c.req.header('if-match');
      const expected = ifMatch === undefined ? undefined : Number(ifMatch.replace(/^W\//, '').replace(/"/g, ''));
      if (expected !== undefined && !Number.isInteger(expected)) throw new InvalidInput('If-Match must be the policy version you read, e.g. If-Match: "3"');
      const now = deps.clock.now();
      const saved = await savePolicy(scopeOf(deps, c), document, caller.member.email, now, expected);
      return c.json({ version: saved.version, createdBy: caller.member.email, createdAt: now.toISOString(), policy: saved.policy }, 200);
    },
    // The JSON body is checked here against the policy schema: report it as a policy problem.
    (result) => {
      if (!result.success) throw new PolicyInvalid(zodIssues(result.error));
      return undefined;
    },
  );

  app.openapi(simulatePolicyRoute, async (c) => {
    requireRole(c.get('caller'), 'manager', 'simulate a policy');
    const body = c.req.valid('json');
    const sample = body.messages ? { messages: body.messages } : { last: body.last! };
    return c.json(await simulatePolicy(scopeOf(deps, c), body.policy, sample), 200);
  });
  return app;
}
