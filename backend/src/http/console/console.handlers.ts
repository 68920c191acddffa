// The manager's console: its built page under /app/ with the sign-in settings
// it reads at start, and the reads it needs beside the core API (the team now,
// a thread's messages and whole ledger).
import type { ConsoleSignIn } from '#shared/console/sign-in';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { availabilityFromPolicy } from '../../domain/availability/availability.ts';
import { isWorkingTime } from '../../domain/business-time/business-time.ts';
import { NotFound } from '../../domain/errors.ts';
import { calendarFor } from '../../domain/sla/sla-clock.ts';
import { currentAbsences, listAbsences } from '../../store/absences.ts';
import { allEvents } from '../../store/ledger.ts';
import type { Scope } from '../../store/scope.ts';
import { messagesOfThread } from '../../store/thread-messages.ts';
import { getThread, openThreadCounts } from '../../store/threads.ts';
import { absenceView } from '../../use-cases/absences.ts';
import type { Deps } from '../../use-cases/deps.ts';
import { loadPolicy } from '../../use-cases/policy.ts';
import type { AppEnv } from '../app-env.ts';
import { requireRole } from '../auth/roles.ts';
import { errorBody, validationHook } from '../errors.ts';
import { teamRoute, threadLedgerRoute, threadMessagesRoute } from './console.routes.ts';

export interface ConsoleOptions {
  /** The folder `npm run build:console` writes (index.html, assets/). */
  dist: string;
  signIn: ConsoleSignIn;
}

/**
 * The console is a top-level page: never framed. Google Identity Services
 * loads its script, styles and frames from accounts.google.com; MSAL renews
 * tokens in a hidden frame on login.microsoftonline.com.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self' https://accounts.google.com/gsi/client",
  "style-src 'self' 'unsafe-inline' https://accounts.google.com/gsi/style",
  "img-src 'self' data:",
  "connect-src 'self' https://login.microsoftonline.com https://accounts.google.com/gsi/",
  'frame-src https://login.microsoftonline.com https://accounts.google.com/gsi/',
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const MESSAGES_LIMIT = 500;

/** The page and its settings: public, like the add-in's. */
export function consolePageRouter(options: ConsoleOptions) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/app/*', async (c, next) => {
    await next();
    c.header('Cache-Control', c.req.path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  app.get('/app', (c) => c.redirect('/app/', 301));
  app.get('/app/config.json', (c) => c.json(options.signIn));
  app.use('/app/*', serveStatic({ root: options.dist, rewriteRequestPath: (path) => path.replace(/^\/app/, '') }));
  app.get('/app/*', (c) =>
    c.json(
      errorBody(
        'not_found',
        existsSync(join(options.dist, 'index.html'))
          ? `No console file ${c.req.path}`
          : 'The console is not built: run `npm run build:console` (npm start does it for you)',
      ),
      404,
    ),
  );
  return app;
}

/** Behind authentication, like every /v1 route. */
export function consoleRouter(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(teamRoute, async (c) => {
    requireRole(c.get('caller'), 'manager', 'see the team');
    const scope = c.get('scope');
    const now = deps.clock.now();
    const { policy } = await loadPolicy(scope);
    const [away, planned, open] = await Promise.all([currentAbsences(scope, now), listAbsences(scope, now), openThreadCounts(scope)]);
    const availability = availabilityFromPolicy(policy, away);
    return c.json(
      {
        timezone: policy.timezone,
        now: now.toISOString(),
        members: policy.members.map((m) => ({
          email: m.email,
          name: m.name,
          role: m.role,
          timezone: m.timezone ?? policy.timezone,
          hours: m.hours ?? policy.hours ?? null,
          capacity: m.capacity ?? null,
          backup: m.backup ?? null,
          active: m.active,
          available: availability.get(m.email)?.available ?? false,
          unavailableReason: availability.get(m.email)?.reason ?? null,
          workingNow: isWorkingTime(calendarFor(policy, m.email), now),
          openThreads: open.get(m.email) ?? 0,
        })),
        absences: planned.map(absenceView),
      },
      200,
    );
  });

  app.openapi(threadMessagesRoute, async (c) => {
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    await requireThread(scope, id);
    const rows = await messagesOfThread(scope, id, MESSAGES_LIMIT);
    return c.json(
      rows.map((m) => ({
        id: m.id,
        direction: m.direction === 'outbound' ? ('outbound' as const) : ('inbound' as const),
        from: { email: m.fromEmail, name: m.fromName },
        to: m.to as Array<{ email: string; name?: string }>,
        subject: m.subject,
        text: m.bodyPurgedAt ? '' : m.text,
        receivedAt: m.receivedAt.toISOString(),
        category: m.category,
        purged: m.bodyPurgedAt !== null,
      })),
      200,
    );
  });

  app.openapi(threadLedgerRoute, async (c) => {
    const scope = c.get('scope');
    const { id } = c.req.valid('param');
    await requireThread(scope, id);
    const events = await allEvents(scope, id);
    return c.json(
      events.map((e) => ({
        seq: Number(e.seq),
        at: e.at.toISOString(),
        kind: e.kind,
        actor: e.actor,
        fromState: e.fromState,
        toState: e.toState,
        fromOwner: e.fromOwner,
        toOwner: e.toOwner,
        reason: e.reason,
        rule: e.rule,
        policyVersion: e.policyVersion,
        explanation: e.explanation,
      })),
      200,
    );
  });
  return app;
}

async function requireThread(scope: Scope, id: string): Promise<void> {
  if (!(await getThread(scope, id))) throw new NotFound('The thread');
}
