// The one place where queries get their org. Every store function takes a
// Scope, and every Scope comes from `withOrg`: on PostgreSQL with row-level
// security (DATABASE_RLS_ROLE set) it runs the work in a transaction that
// assumes the restricted role and sets the org, so even a query that forgot
// its org filter sees only that org's rows.
import { sql } from 'drizzle-orm';
import type { Database } from './database.ts';

export interface Scope {
  /** The database, or the transaction the caller is in. */
  db: Database;
  orgId: string;
}

export interface OrgScoper {
  /** Runs `work` with the org's rows in reach, and only those. */
  withOrg<T>(orgId: string, work: (scope: Scope) => Promise<T>): Promise<T>;
  /** Runs an authentication lookup (API keys, identities) that must find a row before its org is known. */
  forAuthentication<T>(work: (db: Database) => Promise<T>): Promise<T>;
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** `rlsRole` null: no row-level security to arm (PGlite, or a deployment without it); queries still filter by org. */
export function orgScoper(db: Database, rlsRole: string | null): OrgScoper {
  if (rlsRole === null) {
    return { withOrg: (orgId, work) => work({ db, orgId }), forAuthentication: (work) => work(db) };
  }
  if (!ROLE_NAME.test(rlsRole)) throw new Error(`DATABASE_RLS_ROLE '${rlsRole}' is not a plain role name`);
  const assume = sql.raw(`SET LOCAL ROLE ${rlsRole}`);
  return {
    withOrg: (orgId, work) =>
      db.transaction(async (tx) => {
        await tx.execute(assume);
        await tx.execute(sql`select set_config('app.org_id', ${orgId}, true)`);
        return work({ db: tx as unknown as Database, orgId });
      }),
    forAuthentication: (work) =>
      db.transaction(async (tx) => {
        await tx.execute(assume);
        await tx.execute(sql`select set_config('app.auth_lookup', 'on', true)`);
        return work(tx as unknown as Database);
      }),
  };
}

export function inTransaction<T>(scope: Scope, work: (tx: Scope) => Promise<T>): Promise<T> {
  return scope.db.transaction((tx) => work({ db: tx as unknown as Database, orgId: scope.orgId }));
}
