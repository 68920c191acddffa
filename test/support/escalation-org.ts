// An org for escalation runs: Ava owns every thread, and a breach only notifies her.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../backend/src/store/database.ts';
import { createOrgWithAdmin } from '../../backend/src/use-cases/create-org.ts';
import { silentLogger, withOrg } from '../../backend/src/use-cases/deps.ts';
import { savePolicy } from '../../backend/src/use-cases/policy.ts';

export async function createEscalationOrg(db: Database, now: Date): Promise<string> {
  const deps = { db, rlsRole: null, clock: { now: () => now }, newId: randomUUID, log: silentLogger };
  const org = await createOrgWithAdmin(deps, { name: `Escalations ${randomUUID().slice(0, 8)}`, admin: { email: 'admin@acme.test' } });
  const policy = {
    members: [
      { email: 'admin@acme.test', name: 'Alex', role: 'admin' as const },
      { email: 'ava@acme.test', name: 'Ava' },
    ],
    escalation: [{ after: 'breach' as const, do: ['notify_owner' as const] }],
  };
  await withOrg(deps, org.id, (scope) => savePolicy(scope, policy, 'admin@acme.test', now));
  return org.id;
}

/** `count` open threads of Ava's whose clocks fall due at `dueAt`, in one statement. */
export async function insertOpenThreads(db: Database, orgId: string, count: number, dueAt: Date): Promise<void> {
  await db.execute(sql`
    insert into threads (id, org_id, state, owner, version, priority, prospect_email, subject, created_at, updated_at, last_reply_at, sla_due_at, next_escalation_at)
    select gen_random_uuid(), ${orgId}, 'assigned', 'ava@acme.test', 1, 1, 'p' || g || '@x.example', '', now(), now(), now(),
           ${dueAt.toISOString()}::timestamptz, ${dueAt.toISOString()}::timestamptz
    from generate_series(1, ${count}) g`);
}
