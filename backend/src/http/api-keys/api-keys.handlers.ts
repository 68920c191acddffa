import { OpenAPIHono } from '@hono/zod-openapi';
import type { SecretBox } from '../../crypto/secret-box.ts';
import { createApiKey, listKeys, revokeApiKey, rotateApiKey } from '../../use-cases/api-keys.ts';
import type { Deps } from '../../use-cases/deps.ts';
import type { AppEnv } from '../app-env.ts';
import { requireRole } from '../auth/roles.ts';
import { validationHook } from '../errors.ts';
import { scopeOf } from '../thread-responses.ts';
import { createApiKeyRoute, listApiKeysRoute, revokeApiKeyRoute, rotateApiKeyRoute } from './api-keys.routes.ts';

export function apiKeysRouter(deps: Deps, secrets: SecretBox) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(createApiKeyRoute, async (c) => {
    requireRole(c.get('caller'), 'admin', 'manage API keys');
    return c.json(await createApiKey(deps, secrets, scopeOf(deps, c), c.req.valid('json').name, c.get('caller').member.email), 201);
  });
  app.openapi(listApiKeysRoute, async (c) => {
    requireRole(c.get('caller'), 'admin', 'manage API keys');
    return c.json(await listKeys(scopeOf(deps, c)), 200);
  });
  app.openapi(revokeApiKeyRoute, async (c) => {
    requireRole(c.get('caller'), 'admin', 'manage API keys');
    return c.json(await revokeApiKey(deps, scopeOf(deps, c), c.req.valid('param').id), 200);
  });
  app.openapi(rotateApiKeyRoute, async (c) => {
    requireRole(c.get('caller'), 'admin', 'manage API keys');
    const { overlapMinutes } = c.req.valid('json');
    return c.json(await rotateApiKey(deps, secrets, scopeOf(deps, c), c.req.valid('param').id, overlapMinutes ?? 1440, c.get('caller').member.email), 200);
  });
  return app;
}
