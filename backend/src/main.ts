// `npm start`: migrate, seed the demo team on first start, serve.
import { serve } from '@hono/node-server';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { seedDemoTeam } from './demo/demo-team.ts';
import { databaseLocation, readEnv } from './env.ts';
import { createApp } from './http/app.ts';
import { devAuthenticator } from './http/auth/dev-authenticator.ts';
import { openDatabase } from './store/database.ts';
import { consoleLogger, systemClock, type Deps } from './use-cases/deps.ts';

const env = readEnv();
if (!env.DATABASE_URL) mkdirSync(env.DATA_DIR, { recursive: true });
const database = await openDatabase(databaseLocation(env));
await database.migrate();
const deps: Deps = { db: database.db, clock: systemClock, newId: randomUUID, log: consoleLogger };
const demo = env.SEED_DEMO ? await seedDemoTeam(deps, env.DEMO_ORG) : null;

const app = createApp({ ...deps, authenticator: devAuthenticator(database.db, env.DEMO_ORG) });
const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
  const base = `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`;
  console.log(
    [
      '',
      `Reply routing is up at ${base} (${database.kind === 'pglite' ? `embedded PGlite in ${env.DATA_DIR}` : 'PostgreSQL'}, demo mode).`,
      `  API reference:  ${base}/v1/reference`,
      `  Health:         ${base}/healthz`,
      demo
        ? `  Demo team (${demo.created ? 'just seeded' : 'already there'}): maya@acme.test (manager), ava@, ben@, cam@acme.test (reps), admin@acme.test (admin)`
        : '',
      `  Act as a member with the header  X-Dev-User: maya@acme.test`,
      `  e.g. curl -H 'X-Dev-User: maya@acme.test' ${base}/v1/queue`,
      '',
    ]
      .filter((line) => line !== '')
      .join('\n'),
  );
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  consoleLogger.info('stopping', { signal });
  server.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
