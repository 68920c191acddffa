// The retention job: every hour, message bodies past their org's retention go.
// Safe with many replicas: the purge takes a database advisory lock.
import type { Deps } from '../use-cases/deps.ts';
import { purgeExpiredBodies } from '../use-cases/privacy.ts';

export function startRetentionJob(deps: Deps, everyMs = 60 * 60_000): { stop(): void } {
  const run = () =>
    purgeExpiredBodies(deps, deps.clock.now())
      .then((purged) => {
        const total = Object.values(purged).reduce((a, b) => a + b, 0);
        if (total > 0) deps.log.info('retention: message bodies purged', { total });
      })
      .catch((error: unknown) => deps.log.error('retention: purge failed', { error: String(error) }));
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
