// A database handle bound to one org: every store function takes one, so no
// query can forget whose data it reads.
import type { Database } from './database.ts';

export interface Scope {
  /** The database, or the transaction the caller is in. */
  db: Database;
  orgId: string;
}

export function inTransaction<T>(scope: Scope, work: (tx: Scope) => Promise<T>): Promise<T> {
  return scope.db.transaction((tx) => work({ db: tx as unknown as Database, orgId: scope.orgId }));
}
