import { OpenAPIHono } from '@hono/zod-openapi';
import type { SecretBox } from '../../crypto/secret-box.ts';
import type { Deps } from '../../use-cases/deps.ts';
import { changeMailboxCredential, connectMailbox, disconnectMailbox, mailboxView, mailboxViews } from '../../use-cases/mailboxes.ts';
import type { AppEnv } from '../app-env.ts';
import { requireRole } from '../auth/roles.ts';
import { validationHook } from '../errors.ts';
import { scopeOf } from '../thread-responses.ts';
import { createMailboxRoute, deleteMailboxRoute, getMailboxRoute, listMailboxesRoute, putCredentialRoute } from './mailboxes.routes.ts';

export function mailboxesRouter(deps: Deps, secrets: SecretBox) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const what = 'connect or see mailboxes';
  app.openapi(createMailboxRoute, async (c) => {
    requireRole(c.get('caller'), 'admin', what);
    const { password, accessToken, ...body } = c.req.valid('json');
    const credential = accessToken !== undefined ? { accessToken } : { password: password! };
    return c.json(await connectMailbox(deps, secrets, scopeOf(deps, c), { ...body, credential }, c.get('caller').member.email), 201);
  });
  app.openapi(listMailboxesRoute, async (c) => {
    requireRole(c.get('caller'), 'admin', what);
    return c.json(await mailboxViews(scopeOf(deps, c)), 200);
  });
  app.openapi(getMailboxRoute, async (c) => {
    requireRole(c.get('caller'), 'admin', what);
    return c.json(await mailboxView(scopeOf(deps, c), c.req.valid('param').id), 200);
  });
  app.openapi(deleteMailboxRoute, async (c) => {
    requireRole(c.get('caller'), 'admin', what);
    await disconnectMailbox(scopeOf(deps, c), c.req.valid('param').id);
    return c.json({ deleted: true as const }, 200);
  });
  app.openapi(putCredentialRoute, async (c) => {
    requireRole(c.get('caller'), 'admin', what);
    return c.json(await changeMailboxCredential(secrets, scopeOf(deps, c), c.req.valid('param').id, c.req.valid('json')), 200);
  });
  return app;
}
