// `npm run db:migrate`: applies the migrations to DATABASE_URL, else to the PGlite folder DATA_DIR.
import { databaseLocation, readDatabaseEnv } from '../env.ts';
import { openDatabase } from './database.ts';

const env = readDatabaseEnv();
const handle = await openDatabase(databaseLocation(env));
try {
  await handle.migrate();
  console.log(`migrated ${handle.kind === 'postgres' ? 'PostgreSQL' : `PGlite at ${env.DATA_DIR}`}`);
} finally {
  await handle.close();
}
