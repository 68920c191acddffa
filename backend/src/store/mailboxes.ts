// Mailboxes the IMAP connector watches, their per-folder checkpoints, and the
// lease that names the one process running each connector.
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Scope } from './scope.ts';
import { mailboxCheckpoints, mailboxes } from './schema.ts';

export type MailboxRow = typeof mailboxes.$inferSelect;
export type NewMailbox = Omit<typeof mailboxes.$inferInsert, 'orgId'>;
export type MailboxCheckpoint = { uidValidity: number; lastUid: number };
export type MailboxStatusPatch = Partial<Pick<MailboxRow, 'status' | 'statusMessage' | 'statusAt' | 'lastSyncAt'>>;

export async function insertMailbox(scope: Scope, mailbox: NewMailbox): Promise<MailboxRow | null> {
  const [row] = await scope.db
    .insert(mailboxes)
    .values({ ...mailbox, orgId: scope.orgId })
    .onConflictDoNothing({ target: [mailboxes.orgId, mailboxes.address] })
    .returning();
  return row ?? null;
}

export async function listMailboxes(scope: Scope): Promise<MailboxRow[]> {
  return scope.db.select().from(mailboxes).where(eq(mailboxes.orgId, scope.orgId)).orderBy(asc(mailboxes.createdAt));
}

export async function getMailbox(scope: Scope, id: string): Promise<MailboxRow | null> {
  const [row] = await scope.db
    .select()
    .from(mailboxes)
    .where(and(eq(mailboxes.orgId, scope.orgId), eq(mailboxes.id, id)));
  return row ?? null;
}

/** Removes the mailbox and its checkpoints; the running connector loses its lease at its next renewal. */
export async function deleteMailbox(scope: Scope, id: string): Promise<boolean> {
  const rows = await scope.db
    .delete(mailboxes)
    .where(and(eq(mailboxes.orgId, scope.orgId), eq(mailboxes.id, id)))
    .returning({ id: mailboxes.id });
  return rows.length > 0;
}

export async function updateMailboxCredential(scope: Scope, id: string, auth: string, credentialSealed: string): Promise<MailboxRow | null> {
  const [row] = await scope.db
    .update(mailboxes)
    .set({ auth, credentialSealed, configVersion: sql`${mailboxes.configVersion} + 1`, status: 'pending', statusMessage: null })
    .where(and(eq(mailboxes.orgId, scope.orgId), eq(mailboxes.id, id)))
    .returning();
  return row ?? null;
}

/**
 * Renews the leases `holder` still has and returns those mailboxes. A lease
 * lost meanwhile (lapsed and taken, or the mailbox deleted) is not returned.
 */
export async function renewLeases(scope: Scope, holder: string, until: Date): Promise<MailboxRow[]> {
  return scope.db
    .update(mailboxes)
    .set({ leaseUntil: until })
    .where(and(eq(mailboxes.orgId, scope.orgId), eq(mailboxes.leaseHolder, holder)))
    .returning();
}

/**
 * Takes up to `limit` mailboxes whose lease is free or lapsed. Rows another
 * process is claiming are skipped, not waited for; of processes racing for a
 * row, the row lock lets exactly one win.
 */
export async function claimFreeLeases(scope: Scope, holder: string, now: Date, until: Date, limit: number): Promise<MailboxRow[]> {
  if (limit <= 0) return [];
  const free = scope.db
    .select({ id: mailboxes.id })
    .from(mailboxes)
    .where(and(eq(mailboxes.orgId, scope.orgId), or(isNull(mailboxes.leaseUntil), lt(mailboxes.leaseUntil, now))))
    .orderBy(asc(mailboxes.leaseUntil))
    .limit(limit)
    .for('update', { skipLocked: true });
  return scope.db
    .update(mailboxes)
    .set({ leaseHolder: holder, leaseUntil: until })
    .where(and(eq(mailboxes.orgId, scope.orgId), inArray(mailboxes.id, free), or(isNull(mailboxes.leaseUntil), lt(mailboxes.leaseUntil, now))))
    .returning();
}

/** Gives leases back (a clean shutdown), so another process need not wait for them to lapse. */
export async function releaseLeases(scope: Scope, holder: string): Promise<void> {
  await scope.db
    .update(mailboxes)
    .set({ leaseHolder: null, leaseUntil: null })
    .where(and(eq(mailboxes.orgId, scope.orgId), eq(mailboxes.leaseHolder, holder)));
}

/** Status written by the lease holder only: a process that lost the lease cannot overwrite the new holder's. */
export async function setMailboxStatus(scope: Scope, id: string, holder: string, patch: MailboxStatusPatch): Promise<void> {
  await scope.db
    .update(mailboxes)
    .set(patch)
    .where(and(eq(mailboxes.orgId, scope.orgId), eq(mailboxes.id, id), eq(mailboxes.leaseHolder, holder)));
}

export async function getCheckpoint(scope: Scope, mailboxId: string, folder: string): Promise<MailboxCheckpoint | null> {
  const [row] = await scope.db
    .select({ uidValidity: mailboxCheckpoints.uidValidity, lastUid: mailboxCheckpoints.lastUid })
    .from(mailboxCheckpoints)
    .where(and(eq(mailboxCheckpoints.orgId, scope.orgId), eq(mailboxCheckpoints.mailboxId, mailboxId), eq(mailboxCheckpoints.folder, folder)));
  return row ?? null;
}

export async function saveCheckpoint(scope: Scope, mailboxId: string, folder: string, checkpoint: MailboxCheckpoint, at: Date): Promise<void> {
  await scope.db
    .insert(mailboxCheckpoints)
    .values({ orgId: scope.orgId, mailboxId, folder, ...checkpoint, updatedAt: at })
    .onConflictDoUpdate({ target: [mailboxCheckpoints.mailboxId, mailboxCheckpoints.folder], set: { ...checkpoint, updatedAt: at } });
}

export async function listCheckpoints(scope: Scope, mailboxId: string): Promise<Array<MailboxCheckpoint & { folder: string; updatedAt: Date }>> {
  return scope.db
    .select({
      folder: mailboxCheckpoints.folder,
      uidValidity: mailboxCheckpoints.uidValidity,
      lastUid: mailboxCheckpoints.lastUid,
      updatedAt: mailboxCheckpoints.updatedAt,
    })
    .from(mailboxCheckpoints)
    .where(and(eq(mailboxCheckpoints.orgId, scope.orgId), eq(mailboxCheckpoints.mailboxId, mailboxId)));
}
