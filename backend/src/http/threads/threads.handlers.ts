import { OpenAPIHono } from '@hono/zod-openapi';
import { normaliseMessageId } from '#shared/email-address';
import type { Command } from '../../domain/ownership/state-machine.ts';
import type { Deps } from '../../use-cases/deps.ts';
import { correctCategory, performAction } from '../../use-cases/thread-actions.ts';
import type { AppEnv } from '../app-env.ts';
import { validationHook } from '../errors.ts';
import { respondWithView, scopeOf } from '../thread-responses.ts';
import * as routes from './threads.routes.ts';

export function threadsRouter(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(routes.lookupThreadRoute, async (c) => {
    const query = c.req.valid('query');
    const key = query.messageId
      ? { messageKey: normaliseMessageId(query.messageId) }
      : query.gmailThreadId
        ? { gmailThreadId: query.gmailThreadId }
        : { conversationId: query.conversationId! };
    return respondWithView(deps, c, key, 200, 'the backend does not know this message yet; POST it to /v1/messages to route it');
  });

  app.openapi(routes.getThreadRoute, async (c) => respondWithView(deps, c, { id: c.req.valid('param').id }, 200));

  const act = (id: string, c: Parameters<typeof respondWithView>[1], command: Exclude<Command, { type: 'route' }>) =>
    performAction(deps, scopeOf(deps, c), c.get('caller').member, id, command).then((row) => respondWithView(deps, c, { id: row.id }, 200));

  app.openapi(routes.claimRoute, (c) => act(c.req.valid('param').id, c, { type: 'claim', ...c.req.valid('json') }));
  app.openapi(routes.releaseRoute, (c) => act(c.req.valid('param').id, c, { type: 'release', ...c.req.valid('json') }));
  app.openapi(routes.handoffRoute, (c) => act(c.req.valid('param').id, c, { type: 'handoff', ...c.req.valid('json') }));
  app.openapi(routes.needsHelpRoute, (c) => act(c.req.valid('param').id, c, { type: 'needs-help', ...c.req.valid('json') }));
  app.openapi(routes.tagsRoute, (c) => act(c.req.valid('param').id, c, { type: 'tags', ...c.req.valid('json') }));
  app.openapi(routes.followUpRoute, (c) => act(c.req.valid('param').id, c, { type: 'follow-up', ...c.req.valid('json') }));
  app.openapi(routes.resolveRoute, (c) => act(c.req.valid('param').id, c, { type: 'resolve', ...c.req.valid('json') }));
  app.openapi(routes.reassignRoute, (c) => act(c.req.valid('param').id, c, { type: 'reassign', ...c.req.valid('json') }));
  app.openapi(routes.categoryRoute, async (c) => {
    const { category, reason } = c.req.valid('json');
    const row = await correctCategory(deps, scopeOf(deps, c), c.get('caller').member, c.req.valid('param').id, category, reason);
    return respondWithView(deps, c, { id: row.id }, 200);
  });
  return app;
}
