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
import { HolidaysFromUrl, getPolicyRoute, importHolidaysRoute, putPolicyRoute, simulatePolicyRoute } from './policy.routes.ts';
import { holidayDates } from '../../connectors/icalendar.ts';

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

  // Holidays from an iCalendar file (text/calendar) or its URL ({"url"}), merged into a new policy version.
  app.openAPIRegistry.registerPath(importHolidaysRoute);
  app.post(importHolidaysRoute.path, async (c) => {
    const caller = c.get('caller');
    requireRole(caller, 'admin', 'change the policy');
    let text: string;
    if (/text\/calendar/i.test(c.req.header('content-type') ?? '')) text = await c.req.text();
    else {
      const body = HolidaysFromUrl.safeParse(await c.req.json().catch(() => null));
      if (!body.success)
        throw new InvalidInput('Send the iCalendar file with Content-Type: text/calendar, or {"url": "https://…/holidays.ics"}', zodIssues(body.error));
      const response = await fetch(body.data.url, { signal: AbortSignal.timeout(10_000) }).catch((error: Error) => {
        throw new InvalidInput(`The calendar could not be fetched: ${error.message}`);
      });
      if (!response.ok) throw new InvalidInput(`The calendar URL answered ${response.status}`);
      text = await response.text();
    }
    let dates: string[];
    try {
      dates = holidayDates(text);
    } catch (error) {
      throw new InvalidInput(`This is not an iCalendar file (${(error as Error).message})`);
    }
    const scope = scopeOf(deps, c);
    const current = (await storedPolicy(scope))!;
    const policy = current.document as { holidays?: string[] };
    const known = new Set(policy.holidays ?? []);
    const added = dates.filter((d) => !known.has(d));
    const saved = await savePolicy(scope, { ...policy, holidays: [...known, ...added].sort() }, caller.member.email, deps.clock.now(), current.version);
    return c.json({ version: saved.version, added, holidays: saved.policy.holidays }, 200);
  });

  app.openapi(simulatePolicyRoute, async (c) => {
    requireRole(c.get('caller'), 'manager', 'simulate a policy');
    const body = c.req.valid('json');
    const sample = body.messages ? { messages: body.messages } : { last: body.last! };
    return c.json(await simulatePolicy(scopeOf(deps, c), body.policy, sample), 200);
  });
  return app;
}
