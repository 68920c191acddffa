import { OpenAPIHono } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { parse as parseYaml } from 'yaml';
import { DomainError, InvalidInput, NotFound, PolicyInvalid } from '../../domain/errors.ts';
import { policyVersion, policyVersionList } from '../../store/policies.ts';
import { requireRole } from '../auth/roles.ts';
import { withOrg, type Deps } from '../../use-cases/deps.ts';
import { loadPolicy, savePolicy, storedPolicy, zodIssues } from '../../use-cases/policy.ts';
import { simulatePolicy, type SimulationSample } from '../../use-cases/simulate-policy.ts';
import type { AppEnv } from '../app-env.ts';
import { errorBody, validationHook } from '../errors.ts';
import { scopeOf } from '../thread-responses.ts';
import {
  HolidaysFromUrl,
  getPolicyRoute,
  importHolidaysRoute,
  policyVersionRoute,
  policyVersionsRoute,
  putPolicyRoute,
  simulatePolicyRoute,
  validatePolicyRoute,
} from './policy.routes.ts';
import { checkPolicyText, policyAsYaml } from './policy-yaml.ts';
import { holidayDates } from '../../connectors/icalendar.ts';

/** A policy is one page: a draft larger than this is a mistake (a pasted log, a binary). */
const MAX_POLICY_TEXT = 512 * 1024;

/** A draft as the console sends it: YAML text, checked with line numbers; or a document, checked by the use case. */
function draftDocument(policy: unknown): unknown {
  if (typeof policy !== 'string') return policy;
  if (policy.length > MAX_POLICY_TEXT) throw new InvalidInput(`The policy text is larger than ${MAX_POLICY_TEXT / 1024} KiB`);
  const checked = checkPolicyText(policy);
  if (!checked.valid) throw new PolicyInvalid(checked.issues);
  return checked.policy;
}

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
    const caller = c.get('caller');
    requireRole(caller, 'manager', 'simulate a policy');
    const body = c.req.valid('json');
    const sample: SimulationSample = body.messages ? { messages: body.messages } : { last: body.last! };
    const draft = draftDocument(body.policy);
    if (!/application\/x-ndjson/i.test(c.req.header('accept') ?? '')) {
      return c.json(await simulatePolicy(scopeOf(deps, c), draft, sample), 200);
    }
    // Streamed: the request's own scope ends when this handler returns, so the stream opens its own.
    c.header('content-type', 'application/x-ndjson; charset=utf-8');
    c.header('cache-control', 'no-store');
    return stream(c, async (out) => {
      const line = (value: unknown) => out.write(`${JSON.stringify(value)}\n`);
      try {
        const result = await withOrg(deps, caller.orgId, (scope) =>
          simulatePolicy(scope, draft, sample, async (done, total) => {
            await line({ progress: { done, total } });
          }),
        );
        await line({ result });
      } catch (error) {
        if (error instanceof DomainError) await line(errorBody(error.code, error.message, error.details));
        else {
          deps.log.error('simulation failed', { requestId: c.get('requestId'), error: (error as Error).stack ?? String(error) });
          await line(errorBody('internal', `The simulation failed on our side; quote request id ${c.get('requestId')} when you report it`));
        }
      }
    }) as never;
  });

  app.openapi(policyVersionsRoute, async (c) => {
    requireRole(c.get('caller'), 'manager', 'see the policy history');
    const rows = await policyVersionList(scopeOf(deps, c), c.req.valid('query').limit);
    return c.json(
      rows.map((r) => ({ version: r.version, createdBy: r.createdBy, createdAt: r.createdAt.toISOString() })),
      200,
    );
  });

  app.openapi(policyVersionRoute, async (c) => {
    requireRole(c.get('caller'), 'manager', 'see the policy history');
    const { version } = c.req.valid('param');
    const stored = await policyVersion(scopeOf(deps, c), version);
    if (!stored) throw new NotFound(`Policy version ${version}`, 'GET /v1/policy/versions lists the versions there are');
    return c.json(
      {
        version: stored.version,
        createdBy: stored.createdBy,
        createdAt: stored.createdAt.toISOString(),
        policy: stored.document,
        yaml: policyAsYaml(stored.document),
      },
      200,
    );
  });

  // Checked as the console's editor types: YAML text in, problems with their lines out.
  app.openAPIRegistry.registerPath(validatePolicyRoute);
  app.post(validatePolicyRoute.path, async (c) => {
    requireRole(c.get('caller'), 'manager', 'check a policy');
    const contentType = c.req.header('content-type') ?? '';
    let text: string;
    if (/json/i.test(contentType)) {
      const body = (await c.req.json().catch(() => null)) as { yaml?: unknown } | null;
      if (typeof body?.yaml !== 'string') throw new InvalidInput('Send {"yaml": "<the policy text>"}, or the text itself as application/yaml');
      text = body.yaml;
    } else text = await c.req.text();
    if (text.length > MAX_POLICY_TEXT) throw new InvalidInput(`The policy text is larger than ${MAX_POLICY_TEXT / 1024} KiB`);
    const checked = checkPolicyText(text);
    return c.json({ valid: checked.valid, issues: checked.issues }, 200);
  });
  return app;
}
