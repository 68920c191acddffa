import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from './backoff.ts';
import { planFolderSync, sequenceSet, uidBatches } from './sync-plan.ts';

const window = new Date('2026-11-22T00:00:00Z');

describe('folder sync plan', () => {
  it('a first sync reads the mail received since the window start', () => {
    expect(planFolderSync(null, { uidValidity: 7, uidNext: 40 }, window)).toEqual({ kind: 'since', since: window, reason: 'first_sync' });
  });

  it('a checkpoint under the same UIDVALIDITY reads only the UIDs above it', () => {
    expect(planFolderSync({ uidValidity: 7, lastUid: 12 }, { uidValidity: 7, uidNext: 20 }, window)).toEqual({ kind: 'after_uid', afterUid: 12 });
    expect(planFolderSync({ uidValidity: 7, lastUid: 19 }, { uidValidity: 7, uidNext: 20 }, window)).toEqual({ kind: 'up_to_date' });
  });

  it('a changed UIDVALIDITY discards the checkpoint: the window is read again', () => {
    expect(planFolderSync({ uidValidity: 7, lastUid: 500 }, { uidValidity: 8, uidNext: 3 }, window)).toEqual({
      kind: 'since',
      since: window,
      reason: 'uidvalidity_changed',
    });
  });

  it('batches cover every UID once, in order, and sequence sets say the same UIDs', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5000 })), fc.integer({ min: 1, max: 50 }), (uids, size) => {
        const batches = uidBatches(uids, size);
        expect(batches.flat()).toEqual([...new Set(uids)].sort((a, b) => a - b));
        expect(batches.every((b) => b.length <= size)).toBe(true);
        for (const batch of batches) {
          const expanded = sequenceSet(batch)
            .split(',')
            .flatMap((part) => {
              const [from, to] = part.split(':').map(Number);
              return Array.from({ length: (to ?? from!) - from! + 1 }, (_, i) => from! + i);
            });
          expect(expanded).toEqual(batch);
        }
      }),
    );
  });
});

describe('reconnect backoff', () => {
  it('doubles per failure between half and all of the step, up to the cap', () => {
    expect(reconnectDelayMs(0, 0)).toBe(500);
    expect(reconnectDelayMs(0, 0.999)).toBe(1000);
    expect(reconnectDelayMs(3, 0)).toBe(4000);
    expect(reconnectDelayMs(40, 0)).toBe(150_000);
    expect(reconnectDelayMs(40, 0.999)).toBeLessThanOrEqual(300_000);
  });

  it('waits at least a minute after an authentication failure', () => {
    expect(reconnectDelayMs(0, 0.5, true)).toBe(60_000);
  });
});
