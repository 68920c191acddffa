// The HTTP application: public routes (health, docs), then every /v1 route
// behind the one authentication middleware, with one error path.
import { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { SecretBox } from '../crypto/secret-box.ts';
import { DomainError, Forbidden } from '../domain/errors.ts';
import type { Deps } from '../use-cases/deps.ts';
import type { AppEnv } from './app-env.ts';
import { apiKeysRouter } from './api-keys/api-keys.handlers.ts';
import { requireCaller, withApiKeys, type Authenticator } from './auth/authenticator.ts';
import { crmRouter } from './crm/crm.handlers.ts';
import { mountDocs } from './docs/docs.handlers.ts';
import { errorBody, onError, validationHook } from './errors.ts';
import { messagesRouter } from './messages/messages.handlers.ts';
import { policyRouter } from './policy/policy.handlers.ts';
import { queueRouter } from './queue/queue.handlers.ts';
import { threadsRouter } from './threads/threads.handlers.ts';
import { webhooksRouter } from './webhooks/webhooks.handlers.ts';

export interface AppOptions extends Deps {
  /** How people sign in; API keys are accepted besides, for ingestion only. */
  authenticator: Authenticator;
  secrets: SecretBox;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function createApp(options: AppOptions) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use(requestId());
  app.onError(onError(options.log));
  app.notFound((c) => c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}; see /v1/reference`), 404));

  app.get('/healthz', async (c) => {
    await options.db.execute(sql`select 1`);
    return c.json({ status: 'ok' });
  });
  mountDocs(app);
  app.openAPIRegistry.registerComponent('securitySchemes', 'devUser', { type: 'apiKey', in: 'header', name: 'X-Dev-User' });

  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new DomainError('invalid_input', `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB; split it into several requests`);
      },
    }),
  );
  const authenticate = requireCaller(withApiKeys(options.authenticator, options.db, options.clock));
  app.use('/v1/*', async (c, next) => {
    // The docs are public and webhooks carry their own signature; everything else needs a caller.
    if (c.req.path === '/v1/openapi.json' || c.req.path.startsWith('/v1/reference') || c.req.path.startsWith('/v1/webhooks/')) return next();
    return authenticate(c, async () => {
      const caller = c.get('caller');
      if (caller.apiKey && !(c.req.method === 'POST' && c.req.path === '/v1/messages')) {
        throw new Forbidden('An API key may only ingest messages (POST /v1/messages); people sign in with Microsoft or Google');
      }
      await next();
    });
  });

  app.route('/', messagesRouter(options));
  app.route('/', threadsRouter(options));
  app.route('/', queueRouter(options));
  app.route('/', policyRouter(options));
  app.route('/', crmRouter(options));
  app.route('/', apiKeysRouter(options, options.secrets));
  app.route('/', webhooksRouter(options, options.secrets));
  return app;
}

export type App = ReturnType<typeof createApp>;
