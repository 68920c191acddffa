// What a folder sync must fetch, decided from the stored checkpoint and the
// folder's state on the server. Pure: no IMAP, no database, no clock.

export interface FolderCheckpoint {
  uidValidity: number;
  /** The highest UID already ingested (0: none). */
  lastUid: number;
}

export interface FolderStatus {
  uidValidity: number;
  /** The UID the server will give the next message. */
  uidNext: number;
}

export type SyncPlan =
  /** Nothing new since the checkpoint. */
  | { kind: 'up_to_date' }
  /** Messages with a UID above `afterUid`. */
  | { kind: 'after_uid'; afterUid: number }
  /**
   * No usable checkpoint (first sync, or UIDVALIDITY changed so old UIDs mean
   * nothing): the messages received since `since`. Messages already ingested
   * come back as known (ingestion is idempotent on Message-ID), so nothing is
   * stored twice.
   */
  | { kind: 'since'; since: Date; reason: 'first_sync' | 'uidvalidity_changed' };

/** `windowStart`: how far back a sync without a checkpoint reaches (older mail is for `npm run import`). */
export function planFolderSync(checkpoint: FolderCheckpoint | null, status: FolderStatus, windowStart: Date): SyncPlan {
  if (checkpoint === null) return { kind: 'since', since: windowStart, reason: 'first_sync' };
  if (checkpoint.uidValidity !== status.uidValidity) return { kind: 'since', since: windowStart, reason: 'uidvalidity_changed' };
  if (status.uidNext <= checkpoint.lastUid + 1) return { kind: 'up_to_date' };
  return { kind: 'after_uid', afterUid: checkpoint.lastUid };
}

/** Splits ascending UIDs into IMAP sequence sets of at most `size` messages. */
export function uidBatches(uids: readonly number[], size: number): number[][] {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const out: number[][] = [];
  for (let i = 0; i < sorted.length; i += size) out.push(sorted.slice(i, i + size));
  return out;
}

/** `1,2,3,7,9,10` -> `1:3,7,9:10`: short commands for long runs of UIDs. */
export function sequenceSet(uids: readonly number[]): string {
  const parts: string[] = [];
  let start: number | undefined;
  let previous: number | undefined;
  for (const uid of uids) {
    if (previous !== undefined && uid === previous + 1) {
      previous = uid;
      continue;
    }
    if (start !== undefined) parts.push(start === previous ? `${start}` : `${start}:${previous}`);
    start = uid;
    previous = uid;
  }
  if (start !== undefined) parts.push(start === previous ? `${start}` : `${start}:${previous}`);
  return parts.join(',');
}
