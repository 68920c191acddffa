import { OpenAPIHono } from '@hono/zod-openapi';
import type { Deps } from '../../use-cases/deps.ts';
import { ingestMessage } from '../../use-cases/ingest-message.ts';
import type { AppEnv } from '../app-env.ts';
import { validationHook } from '../errors.ts';
import { respondWithView, scopeOf } from '../thread-responses.ts';
import { ingestMessageRoute } from './messages.routes.ts';

export function messagesRouter(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(ingestMessageRoute, async (c) => {
    const scope = scopeOf(deps, c);
    const result = await ingestMessage(deps, scope, c.req.valid('json'));
    return respondWithView(deps, c, { id: result.threadId }, result.created ? 201 : 200);
  });
  return app;
}
