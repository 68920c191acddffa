import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { InvalidInput } from '../../domain/errors.ts';
import { requireRole } from '../auth/roles.ts';
import type { Deps } from '../../use-cases/deps.ts';
import { importAccounts, importLeads } from '../../use-cases/import-crm.ts';
import { loadPolicy } from '../../use-cases/policy.ts';
import type { AppEnv } from '../app-env.ts';
import { validationHook } from '../errors.ts';
import { scopeOf } from '../thread-responses.ts';
import { putAccountsRoute, putLeadsRoute } from './crm.routes.ts';

/** The raw rows: row-level validation happens in the use case, so errors carry row numbers. */
async function readBody(c: Context<AppEnv>): Promise<{ json?: unknown; csv?: string }> {
  if (/csv/i.test(c.req.header('content-type') ?? '')) return { csv: await c.req.text() };
  try {
    return { json: JSON.parse(await c.req.text()) as unknown };
  } catch {
    throw new InvalidInput('The body is not valid JSON: send a JSON array of rows, or CSV with Content-Type: text/csv');
  }
}

export function crmRouter(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const handle = (run: typeof importAccounts) => async (c: Context<AppEnv>) => {
    requireRole(c.get('caller'), 'manager', 'import CRM data');
    const scope = scopeOf(deps, c);
    return c.json(await run(deps, scope, await loadPolicy(scope), await readBody(c)), 200);
  };
  // Documented with the row schema, but validated by the use case (so errors carry row numbers).
  for (const route of [putAccountsRoute, putLeadsRoute]) app.openAPIRegistry.registerPath(route);
  app.put(putAccountsRoute.path, handle(importAccounts));
  app.put(putLeadsRoute.path, handle(importLeads));
  return app;
}
