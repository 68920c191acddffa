// Retention of message bodies and erasure of a prospect's personal data.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { resultRows, type Database } from '../store/database.ts';
import { allOrgRetentions } from '../store/orgs.ts';
import { eraseProspect, purgeMessageBodies, type ErasureCounts } from '../store/privacy.ts';
import { inTransaction, type Scope } from '../store/scope.ts';
import { withOrg, type Deps } from './deps.ts';

const DAY_MS = 86_400_000;
/** Any number, the same in every replica: only one of them purges at a time. */
const RETENTION_LOCK = 7270302;

/** Blanks the bodies of messages older than their org's retention. Returns how many per org; {} when another replica holds the lock. */
export async function purgeExpiredBodies(deps: Deps, now: Date): Promise<Record<string, number>> {
  return deps.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    const lock = await db.execute(sql`select pg_try_advisory_xact_lock(${RETENTION_LOCK}) as got`);
    const got = resultRows<{ got: boolean }>(lock)[0];
    if (!got?.got) return {};
    const purged: Record<string, number> = {};
    for (const org of await allOrgRetentions(db)) {
      const before = new Date(now.getTime() - org.retentionDays * DAY_MS);
      purged[org.id] = await withOrg({ db, rlsRole: deps.rlsRole }, org.id, (scope) => purgeMessageBodies(scope, before, now));
    }
    return purged;
  });
}

/** A stable stand-in for an erased address: the same prospect erased twice gets the same one. */
export function pseudonymOf(orgId: string, email: string): string {
  return `erased-${createHash('sha256').update(`${orgId}:${email}`).digest('hex').slice(0, 16)}@erased.invalid`;
}

export async function eraseProspectData(deps: Deps, scope: Scope, email: string): Promise<ErasureCounts & { pseudonym: string }> {
  const pseudonym = pseudonymOf(scope.orgId, email);
  const counts = await inTransaction(scope, (tx) => eraseProspect(tx, email, pseudonym, deps.clock.now()));
  return { ...counts, pseudonym };
}
