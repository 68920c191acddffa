// `npm start`: migrate, seed the demo team on first start, serve.
import { serve } from '@hono/node-server';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { fileURLToPath } from 'node:url';
import { DEMO_SECRETS_KEY, secretBox } from './crypto/secret-box.ts';
import { seedDemoTeam } from './demo/demo-team.ts';
import { databaseLocation, readEnv } from './env.ts';
import { createApp } from './http/app.ts';
import { startEscalationWorker } from './jobs/escalation-worker.ts';
import { startMailboxSupervisor } from './jobs/mailbox-supervisor.ts';
import { createTransport } from 'nodemailer';
import { startNotifications } from './jobs/notifications.ts';
import { startOutboxDelivery } from './jobs/outbox-delivery.ts';
import { startRetentionJob } from './jobs/retention.ts';
import { devAuthenticator } from './http/auth/dev-authenticator.ts';
import { tokenAuthenticator } from './http/auth/token-authenticator.ts';
import { tokenVerifier } from './http/auth/token-verifiers.ts';
import { openDatabase } from './store/database.ts';
import { consoleLogger, systemClock, type Deps } from './use-cases/deps.ts';

const env = readEnv();
const demoMode = env.AUTH_MODE === 'dev';
if (!env.DATABASE_URL) mkdirSync(env.DATA_DIR, { recursive: true });
if (!demoMode && !env.DATABASE_URL) {
  consoleLogger.info(`warning: DATABASE_URL is not set, so data lives in the embedded PGlite folder ${env.DATA_DIR}; use PostgreSQL for a real team`);
}
const database = await openDatabase(databaseLocation(env));
await database.migrate();
const deps: Deps = { db: database.db, rlsRole: env.DATABASE_RLS_ROLE ?? null, clock: systemClock, newId: randomUUID, log: consoleLogger };
const demo = demoMode && env.SEED_DEMO ? await seedDemoTeam(deps, env.DEMO_ORG) : null;

// The console's Google sign-in gives ID tokens for its own OAuth client: accept it beside the add-on's.
const googleAudiences = [...env.AUTH_GOOGLE_AUDIENCE, ...(env.CONSOLE_GOOGLE_CLIENT_ID ? [env.CONSOLE_GOOGLE_CLIENT_ID] : [])];
const consoleMicrosoftClientId = env.CONSOLE_MICROSOFT_CLIENT_ID ?? env.OUTLOOK_CLIENT_ID;
const authenticator = demoMode
  ? devAuthenticator(deps, env.DEMO_ORG)
  : tokenAuthenticator(
      deps,
      tokenVerifier({
        microsoft:
          env.AUTH_MICROSOFT_AUDIENCE.length > 0
            ? { jwksUrl: env.AUTH_MICROSOFT_JWKS_URL, audiences: env.AUTH_MICROSOFT_AUDIENCE, scope: env.AUTH_MICROSOFT_SCOPE }
            : null,
        google: googleAudiences.length > 0 ? { jwksUrl: env.AUTH_GOOGLE_JWKS_URL, audiences: googleAudiences } : null,
        clockToleranceSeconds: env.AUTH_CLOCK_TOLERANCE_SECONDS,
      }),
      systemClock,
    );
const secrets = secretBox(env.SECRETS_KEY ?? DEMO_SECRETS_KEY);
const app = createApp({
  ...deps,
  authenticator,
  secrets,
  rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
  corsOrigins: env.CORS_ORIGINS,
  operatorToken: env.OPERATOR_TOKEN,
  demoOrg: demoMode ? env.DEMO_ORG : undefined,
  addin: {
    outlookDist: fileURLToPath(new URL('../../addin-outlook/dist', import.meta.url)),
    signIn: demoMode
      ? { mode: 'demo' }
      : env.OUTLOOK_CLIENT_ID && env.AUTH_MICROSOFT_AUDIENCE[0]
        ? { mode: 'microsoft', clientId: env.OUTLOOK_CLIENT_ID, apiScope: `${env.AUTH_MICROSOFT_AUDIENCE[0]}/${env.AUTH_MICROSOFT_SCOPE}` }
        : { mode: 'unconfigured', hint: 'Set OUTLOOK_CLIENT_ID and AUTH_MICROSOFT_AUDIENCE on the backend to enable Microsoft sign-in' },
  },
  console: {
    dist: fileURLToPath(new URL('../../console/dist', import.meta.url)),
    signIn: demoMode
      ? { mode: 'demo' }
      : (consoleMicrosoftClientId && env.AUTH_MICROSOFT_AUDIENCE[0]) || env.CONSOLE_GOOGLE_CLIENT_ID
        ? {
            mode: 'accounts',
            microsoft:
              consoleMicrosoftClientId && env.AUTH_MICROSOFT_AUDIENCE[0]
                ? { clientId: consoleMicrosoftClientId, apiScope: `${env.AUTH_MICROSOFT_AUDIENCE[0]}/${env.AUTH_MICROSOFT_SCOPE}` }
                : null,
            google: env.CONSOLE_GOOGLE_CLIENT_ID ? { clientId: env.CONSOLE_GOOGLE_CLIENT_ID } : null,
          }
        : {
            mode: 'unconfigured',
            hint: 'Set CONSOLE_MICROSOFT_CLIENT_ID (or OUTLOOK_CLIENT_ID) with AUTH_MICROSOFT_AUDIENCE, and/or CONSOLE_GOOGLE_CLIENT_ID, to enable sign-in to the console',
          },
  },
});
const tls = env.TLS_CERT_FILE && env.TLS_KEY_FILE ? { cert: readFileSync(env.TLS_CERT_FILE), key: readFileSync(env.TLS_KEY_FILE) } : null;
const listen = { fetch: app.fetch, hostname: env.HOST, port: env.PORT };
const server = serve(tls ? { ...listen, createServer: createHttpsServer, serverOptions: tls } : listen, (info) => {
  const base = `${tls ? 'https' : 'http'}://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`;
  console.log(
    [
      '',
      `Reply routing is up at ${base} (${database.kind === 'pglite' ? `embedded PGlite in ${env.DATA_DIR}` : 'PostgreSQL'}, ${demoMode ? 'demo mode' : 'Microsoft and Google sign-in'}).`,
      `  API reference:  ${base}/v1/reference`,
      `  Console:        ${base}/app/`,
      `  Outlook add-in: ${base}/addin/outlook/index.html (manifest: addin-outlook/dist/manifest.xml)`,
      `  Health:         ${base}/healthz`,
      demo
        ? `  Demo team (${demo.created ? 'just seeded' : 'already there'}): maya@acme.test (manager), ava@, ben@, cam@acme.test (reps), admin@acme.test (admin)`
        : '',
      demoMode ? `  Act as a member with the header  X-Dev-User: maya@acme.test` : '',
      demoMode ? `  e.g. curl -H 'X-Dev-User: maya@acme.test' ${base}/v1/queue` : '  Create a team with: npm run org:create -- --name … --admin …',
      '',
    ]
      .filter((line) => line !== '')
      .join('\n'),
  );
});

const retention = startRetentionJob(deps);
const outbox = startOutboxDelivery(deps, secrets);
const escalations = startEscalationWorker(deps);
// Connected mailboxes (IMAP): one connector per mailbox across all processes, by lease.
const mailboxes = startMailboxSupervisor(deps, secrets);
const mailer = env.SMTP_URL ? createTransport(env.SMTP_URL) : null;
const notifications = startNotifications(
  deps,
  {
    async sendMail(message) {
      if (!mailer) throw new Error('SMTP_URL is not set');
      await mailer.sendMail({ from: env.NOTIFY_FROM, ...message });
    },
    async postSlack(url, body) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) throw new Error(`Slack answered ${response.status}`);
    },
  },
  env.APP_BASE_URL,
);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  consoleLogger.info('stopping', { signal });
  retention.stop();
  outbox.stop();
  escalations.stop();
  await mailboxes.stop();
  notifications.stop();
  server.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
