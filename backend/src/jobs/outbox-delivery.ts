// Delivers outbox events to each org's sending-tool webhook: signed with
// HMAC-SHA256 like our own webhooks, retried with backoff, safe with several
// replicas (rows are claimed with FOR UPDATE SKIP LOCKED).
import { createHmac } from 'node:crypto';
import { isNotNull } from 'drizzle-orm';
import type { SecretBox } from '../crypto/secret-box.ts';
import { orgs } from '../store/schema.ts';
import { claimDueEvents, markDelivered, markFailed } from '../store/outbox.ts';
import { withOrg, type Deps } from '../use-cases/deps.ts';

export type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ ok: boolean; status: number }>;

const BATCH = 50;

/** Backoff after the nth failure: 30 s, 1 min, 2 min … up to an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts), 3_600_000);
}

/** One sweep: returns how many events were delivered and how many failed. */
export async function deliverDueEvents(deps: Deps, secrets: SecretBox, fetchImpl: Fetch): Promise<{ delivered: number; failed: number }> {
  let delivered = 0;
  let failed = 0;
  const targets = await deps.db.select({ id: orgs.id, url: orgs.webhookUrl, sealed: orgs.webhookSecretSealed }).from(orgs).where(isNotNull(orgs.webhookUrl));
  for (const org of targets) {
    if (!org.url || !org.sealed) continue;
    const secret = secrets.open(org.sealed);
    await withOrg(deps, org.id, (scope) =>
      scope.db.transaction(async (tx) => {
        const txScope = { db: tx as unknown as typeof scope.db, orgId: scope.orgId };
        const now = deps.clock.now();
        for (const event of await claimDueEvents(txScope, now, BATCH, 'sending_tool')) {
          const body = JSON.stringify({ id: event.id, type: event.kind, createdAt: event.createdAt.toISOString(), data: event.payload });
          const timestamp = String(Math.floor(now.getTime() / 1000));
          const signature = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
          try {
            const response = await fetchImpl(org.url!, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                'x-reply-routing-timestamp': timestamp,
                'x-reply-routing-signature': signature,
                'x-reply-routing-event': event.kind,
              },
              body,
              signal: AbortSignal.timeout(5_000),
            });
            if (!response.ok) throw new Error(`the receiver answered ${response.status}`);
            await markDelivered(txScope, event.id, deps.clock.now());
            delivered += 1;
          } catch (error) {
            await markFailed(txScope, event.id, (error as Error).message, new Date(now.getTime() + retryDelayMs(event.attempts)));
            failed += 1;
          }
        }
      }),
    );
  }
  return { delivered, failed };
}

export function startOutboxDelivery(deps: Deps, secrets: SecretBox, everyMs = 10_000): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverDueEvents(deps, secrets, (url, init) => fetch(url, init))
      .then(({ delivered, failed }) => {
        if (delivered + failed > 0) deps.log.info('outbox: sweep', { delivered, failed });
      })
      .catch((error: unknown) => deps.log.error('outbox: sweep failed', { error: String(error) }))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
