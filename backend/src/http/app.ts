// The HTTP application: public routes (health, docs), then every /v1 route
// behind the one authentication middleware, with one error path.
import { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { rateLimiter } from 'hono-rate-limiter';
import type { SecretBox } from '../crypto/secret-box.ts';
import { DomainError, Forbidden } from '../domain/errors.ts';
import { withOrg, type Deps } from '../use-cases/deps.ts';
import type { AppEnv } from './app-env.ts';
import { absencesRouter } from './absences/absences.handlers.ts';
import { ADDIN_CSP, addinRouter, type AddinOptions } from './addin/addin.handlers.ts';
import { apiKeysRouter } from './api-keys/api-keys.handlers.ts';
import { CONSOLE_CSP, consolePageRouter, consoleRouter, type ConsoleOptions } from './console/console.handlers.ts';
import { requireCaller, withApiKeys, type Authenticator } from './auth/authenticator.ts';
import { crmRouter } from './crm/crm.handlers.ts';
import { mountDocs } from './docs/docs.handlers.ts';
import { errorBody, onError, validationHook } from './errors.ts';
import { demoMembersRouter, meRouter } from './me/me.handlers.ts';
import { mailboxesRouter } from './mailboxes/mailboxes.handlers.ts';
import { messagesRouter } from './messages/messages.handlers.ts';
import { metricsRouter } from './metrics/metrics.handlers.ts';
import { operatorRouter } from './operator/operator.handlers.ts';
import { orgRouter } from './org/org.handlers.ts';
import { operatorMetrics } from './operator/prometheus.ts';
import { tasksRouter } from './tasks/tasks.handlers.ts';
import { policyRouter } from './policy/policy.handlers.ts';
import { queueRouter } from './queue/queue.handlers.ts';
import { threadsRouter } from './threads/threads.handlers.ts';
import { fieldMappingRouter } from './webhooks/field-mapping.handlers.ts';
import { webhooksRouter } from './webhooks/webhooks.handlers.ts';

export interface AppOptions extends Deps {
  /** How people sign in; API keys are accepted besides, for ingestion only. */
  authenticator: Authenticator;
  secrets: SecretBox;
  /** Requests a member or an API key may make per minute (per process). */
  rateLimitPerMinute?: number;
  /** Origins allowed to call from a browser beside the backend's own (the add-ins' hosts). */
  corsOrigins?: string[];
  /** Enables POST /v1/operator/orgs for the deployment's operator. */
  operatorToken?: string;
  /** Serves the built Outlook add-in under /addin/outlook/ and its sign-in settings. */
  addin?: AddinOptions;
  /** Serves the built manager's console under /app/ and its sign-in settings. */
  console?: ConsoleOptions;
  /** Demo mode: GET /demo/members lists this org's members for the sign-in pickers. */
  demoOrg?: string;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function createApp(options: AppOptions) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use(requestId());
  const operator = operatorMetrics(options);
  app.use(operator.middleware);
  app.get('/metrics', async (c) => {
    // Scraped by the operator's Prometheus: counts only, no personal data; the operator token when one is set.
    if (options.operatorToken && c.req.header('authorization') !== `Bearer ${options.operatorToken}`) {
      throw new DomainError('unauthenticated', 'The operator token is missing or wrong');
    }
    return c.body(await operator.registry.metrics(), 200, { 'content-type': operator.registry.contentType });
  });
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // One line per request: no bodies, no tokens.
    const caller = c.var.caller;
    options.log.info('request', {
      requestId: c.var.requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      org: caller?.orgId,
      member: caller?.member.email,
    });
  });
  const apiHeaders = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
    },
    // The Outlook task pane is framed by Outlook on the web: it sets its own frame policy.
    xFrameOptions: false,
  });
  const addinHeaders = secureHeaders({ contentSecurityPolicy: {}, xFrameOptions: false });
  app.use(async (c, next) => {
    const page = c.req.path.startsWith('/addin/') ? ADDIN_CSP : c.req.path === '/app' || c.req.path.startsWith('/app/') ? CONSOLE_CSP : null;
    if (!page) return apiHeaders(c, next);
    await addinHeaders(c, next);
    c.header('Content-Security-Policy', page);
  });
  app.use('/v1/*', cors({ origin: options.corsOrigins ?? [], allowHeaders: ['authorization', 'content-type', 'if-match'], maxAge: 600 }));
  app.onError(onError(options.log));
  app.notFound((c) => c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}; see /v1/reference`), 404));

  app.get('/healthz', async (c) => {
    await options.db.execute(sql`select 1`);
    return c.json({ status: 'ok' });
  });
  mountDocs(app);
  if (options.addin) app.route('/', addinRouter(options.addin));
  if (options.console) app.route('/', consolePageRouter(options.console));
  if (options.demoOrg) app.route('/', demoMembersRouter(options, options.demoOrg));
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
  const limit = rateLimiter<AppEnv>({
    windowMs: 60_000,
    limit: options.rateLimitPerMinute ?? 600,
    standardHeaders: 'draft-7',
    keyGenerator: (c) => {
      const caller = c.get('caller');
      return caller.apiKey ? `key:${caller.apiKey.id}` : `member:${caller.orgId}:${caller.member.email}`;
    },
    handler: () => {
      throw new DomainError('rate_limited', 'Too many requests: slow down and try again in a minute');
    },
  });
  const authenticate = requireCaller(withApiKeys(options.authenticator, options, options.clock));
  app.use('/v1/*', async (c, next) => {
    // The docs are public and webhooks carry their own signature; everything else needs a caller.
    if (
      c.req.path === '/v1/openapi.json' ||
      c.req.path.startsWith('/v1/reference') ||
      c.req.path.startsWith('/v1/webhooks/') ||
      c.req.path.startsWith('/v1/operator/')
    )
      return next();
    return authenticate(c, async () => {
      const caller = c.get('caller');
      if (caller.apiKey && !(c.req.method === 'POST' && c.req.path === '/v1/messages')) {
        throw new Forbidden('An API key may only ingest messages (POST /v1/messages); people sign in with Microsoft or Google');
      }
      await limit(c, () =>
        withOrg(options, caller.orgId, async (scope) => {
          c.set('scope', scope);
          await next();
        }),
      );
    });
  });

  app.route('/', meRouter());
  app.route('/', messagesRouter(options));
  app.route('/', threadsRouter(options));
  app.route('/', queueRouter(options));
  app.route('/', policyRouter(options));
  app.route('/', crmRouter(options));
  app.route('/', apiKeysRouter(options, options.secrets));
  app.route('/', mailboxesRouter(options, options.secrets));
  app.route('/', fieldMappingRouter(options));
  app.route('/', orgRouter(options, options.secrets));
  app.route('/', tasksRouter(options));
  app.route('/', absencesRouter(options));
  app.route('/', metricsRouter(options));
  app.route('/', consoleRouter(options));
  app.route('/', operatorRouter(options, options.operatorToken));
  app.route('/', webhooksRouter(options, options.secrets));
  return app;
}

export type App = ReturnType<typeof createApp>;
