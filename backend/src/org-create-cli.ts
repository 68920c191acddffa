// `npm run org:create -- --name Acme --admin alex@acme.com [--slug acme] [--ms-tenant GUID] [--google-domain acme.com]`
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DomainError } from './domain/errors.ts';
import { databaseLocation, readDatabaseEnv } from './env.ts';
import { openDatabase } from './store/database.ts';
import { createOrgWithAdmin } from './use-cases/create-org.ts';
import { consoleLogger, systemClock } from './use-cases/deps.ts';

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    slug: { type: 'string' },
    admin: { type: 'string' },
    'admin-name': { type: 'string' },
    'ms-tenant': { type: 'string' },
    'google-domain': { type: 'string' },
  },
});
if (!values.name || !values.admin) {
  console.error(
    'usage: npm run org:create -- --name <team name> --admin <email> [--admin-name <name>] [--slug <slug>] [--ms-tenant <tenant id>] [--google-domain <domain>]',
  );
  process.exit(2);
}
const env = readDatabaseEnv();
const handle = await openDatabase(databaseLocation(env));
try {
  await handle.migrate();
  const org = await createOrgWithAdmin(
    { db: handle.db, rlsRole: env.DATABASE_RLS_ROLE ?? null, clock: systemClock, newId: randomUUID, log: consoleLogger },
    {
      name: values.name,
      slug: values.slug,
      admin: { email: values.admin, name: values['admin-name'] },
      msTenantId: values['ms-tenant'],
      googleDomain: values['google-domain'],
    },
  );
  console.log(JSON.stringify(org));
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  console.error(`${error.message}${error.details ? `\n${JSON.stringify(error.details)}` : ''}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
