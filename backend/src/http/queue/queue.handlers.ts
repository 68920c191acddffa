import { OpenAPIHono } from '@hono/zod-openapi';
import type { Deps } from '../../use-cases/deps.ts';
import { loadQueue } from '../../use-cases/queue.ts';
import type { AppEnv } from '../app-env.ts';
import { validationHook } from '../errors.ts';
import { scopeOf } from '../thread-responses.ts';
import { queueRoute } from './queue.routes.ts';

export function queueRouter(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(queueRoute, async (c) => c.json(await loadQueue(scopeOf(deps, c), c.get('caller').member), 200));
  return app;
}
