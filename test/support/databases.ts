// The databases a store or HTTP test runs against: embedded PGlite always, and
// the PostgreSQL server of TEST_DATABASE_URL when set, each in a fresh database
// of its own that is dropped afterwards.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../backend/src/store/database.ts';

export interface TestDatabase {
  name: 'pglite' | 'postgres' | 'postgres with row-level security';
  /** The role requests assume (see backend/src/store/scope.ts), or null. */
  rlsRole: string | null;
  open(options?: { poolSize?: number }): Promise<DatabaseHandle>;
}

// Tests may read the environment directly: they are not the product.
const serverUrl = process.env.TEST_DATABASE_URL;

export const testDatabases: TestDatabase[] = [
  {
    name: 'pglite',
    rlsRole: null,
    async open() {
      const handle = await openDatabase({ dataDir: null });
      await handle.migrate();
      return handle;
    },
  },
  ...(serverUrl ? [postgresDatabase(serverUrl, null), postgresDatabase(serverUrl, 'reply_routing_app')] : []),
];

function postgresDatabase(serverUrl: string, rlsRole: string | null): TestDatabase {
  return {
    name: rlsRole ? 'postgres with row-level security' : 'postgres',
    rlsRole,
    async open(options?: { poolSize?: number }) {
      const name = `rr_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const handle = await openDatabase({ url: url.toString(), poolSize: options?.poolSize ?? 10 });
      await handle.migrate();
      return {
        ...handle,
        async close() {
          await handle.close();
          const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
          await cleanup.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await cleanup.end();
        },
      };
    },
  };
}

/**
 * Opens `database` before the tests of the enclosing describe and closes it
 * after; `.db` is the handle's database while they run.
 */
export function useDatabase(database: TestDatabase, options?: { poolSize?: number }): { readonly db: DatabaseHandle['db']; readonly rlsRole: string | null } {
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    handle = await database.open(options);
  });
  afterAll(async () => handle?.close());
  return {
    get db() {
      if (!handle) throw new Error('the test database is not open yet');
      return handle.db;
    },
    rlsRole: database.rlsRole,
  };
}
