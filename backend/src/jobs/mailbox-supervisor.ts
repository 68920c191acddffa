// Runs the IMAP connectors of this process. Each mailbox has one lease in the
// database: every tick the supervisor renews the leases it holds and claims
// free or lapsed ones, starts a connector per lease, and stops a connector
// whose lease it lost (taken over, or the mailbox deleted). A process that
// dies stops renewing, so another takes its mailboxes over once the lease
// lapses: within `leaseMs + tickMs` (55 s by default).
import { hostname } from 'node:os';
import type { SecretBox } from '../crypto/secret-box.ts';
import {
  startMailboxConnector,
  type ConnectorOptions,
  type ConnectorPort,
  type MailboxConnection,
  type RunningConnector,
} from '../connectors/imap/mailbox-connector.ts';
import { claimFreeLeases, getCheckpoint, releaseLeases, renewLeases, saveCheckpoint, setMailboxStatus, type MailboxRow } from '../store/mailboxes.ts';
import { allOrgRetentions } from '../store/orgs.ts';
import type { Scope } from '../store/scope.ts';
import { withOrg, type Deps } from '../use-cases/deps.ts';
import { ingestRaw } from '../use-cases/ingest-raw.ts';
import { openCredential } from '../use-cases/mailboxes.ts';

export interface SupervisorOptions {
  /** This process's name in the leases; unique per process. */
  holder?: string;
  leaseMs?: number;
  tickMs?: number;
  /** The most connectors one process runs. */
  maxConnectors?: number;
  /** How far back a connector's first sync reaches before the mailbox was connected. */
  windowMs?: number;
  connector?: ConnectorOptions;
  /** Starts a connector: the real IMAP one unless a test gives another. */
  start?: (mailbox: MailboxConnection, port: ConnectorPort, options: ConnectorOptions) => RunningConnector;
}

export interface MailboxSupervisor {
  /** One round of lease renewal and claiming; the timer calls it, tests may too. */
  tick(): Promise<void>;
  /** The mailboxes this process runs a connector for. */
  running(): string[];
  /** Stops every connector and gives the leases back. */
  stop(): Promise<void>;
}

export const DEFAULT_LEASE_MS = 45_000;
export const DEFAULT_TICK_MS = 10_000;

export function mailboxSupervisor(deps: Deps, secrets: SecretBox, options: SupervisorOptions = {}): MailboxSupervisor {
  const holder = options.holder ?? `${hostname()}:${process.pid}:${deps.newId().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const maxConnectors = options.maxConnectors ?? 100;
  const windowMs = options.windowMs ?? 24 * 3_600_000;
  const start = options.start ?? startMailboxConnector;
  const connectors = new Map<string, { orgId: string; version: number; connector: RunningConnector }>();
  let stopped = false;

  const portFor = (row: MailboxRow): ConnectorPort => {
    const inOrg = <T>(work: (scope: Scope) => Promise<T>) => withOrg(deps, row.orgId, work);
    return {
      getCheckpoint: (folder) => inOrg((scope) => getCheckpoint(scope, row.id, folder)),
      saveCheckpoint: (folder, checkpoint) => inOrg((scope) => saveCheckpoint(scope, row.id, folder, checkpoint, deps.clock.now())),
      async ingest(raw, direction, receivedAt) {
        const result = await inOrg((scope) => ingestRaw(deps, scope, raw, { direction, mailbox: row.address, receivedAt }));
        // Unreadable mail is skipped, not retried for ever: the checkpoint moves past it.
        if (!result.ok) deps.log.error('imap: a message could not be read, skipped', { mailbox: row.id, reason: result.reason });
      },
      async status(update) {
        const now = deps.clock.now();
        const patch =
          update.state === 'synced'
            ? { status: 'connected', statusMessage: null, lastSyncAt: now }
            : update.state === 'connected'
              ? { status: 'connected', statusMessage: null, statusAt: now }
              : { status: 'error', statusMessage: update.message, statusAt: now };
        await inOrg((scope) => setMailboxStatus(scope, row.id, holder, patch));
      },
    };
  };

  const connectionOf = (row: MailboxRow): MailboxConnection => ({
    id: row.id,
    address: row.address,
    host: row.host,
    port: row.port,
    tls: row.tls,
    user: row.username,
    credential: openCredential(secrets, row),
    inbox: row.inboxFolder,
    sent: row.sentFolder,
    markSeen: row.markSeen,
    move: row.moveTo,
    windowStart: new Date(row.createdAt.getTime() - windowMs),
  });

  async function tick(): Promise<void> {
    if (stopped) return;
    const now = deps.clock.now();
    const until = new Date(now.getTime() + leaseMs);
    const held = new Map<string, MailboxRow>();
    for (const org of await allOrgRetentions(deps.db)) {
      const renewed = await withOrg(deps, org.id, (scope) => renewLeases(scope, holder, until));
      for (const row of renewed) held.set(row.id, row);
      const room = maxConnectors - held.size;
      if (room <= 0) continue;
      const claimed = await withOrg(deps, org.id, (scope) => claimFreeLeases(scope, holder, now, until, room));
      for (const row of claimed) held.set(row.id, row);
    }
    for (const [id, running] of connectors) {
      const row = held.get(id);
      if (row && row.configVersion === running.version) continue;
      // Lost (deleted, or taken over after a lapse) or reconfigured: this connector ends.
      connectors.delete(id);
      await running.connector.stop();
      deps.log.info('imap: connector stopped', { mailbox: id, reason: row ? 'settings changed' : 'lease lost' });
    }
    if (stopped) return;
    for (const row of held.values()) {
      if (connectors.has(row.id)) continue;
      let connection: MailboxConnection;
      try {
        connection = connectionOf(row);
      } catch (error) {
        await withOrg(deps, row.orgId, (scope) =>
          setMailboxStatus(scope, row.id, holder, {
            status: 'error',
            statusMessage: `the stored credential cannot be read: ${(error as Error).message}`,
            statusAt: now,
          }),
        );
        continue;
      }
      connectors.set(row.id, {
        orgId: row.orgId,
        version: row.configVersion,
        connector: start(connection, portFor(row), { log: deps.log, ...options.connector }),
      });
      deps.log.info('imap: connector started', { mailbox: row.id, holder });
    }
  }

  return {
    tick,
    running: () => [...connectors.keys()],
    async stop() {
      stopped = true;
      const all = [...connectors.values()];
      connectors.clear();
      await Promise.all(all.map((c) => c.connector.stop()));
      for (const orgId of new Set(all.map((c) => c.orgId))) await withOrg(deps, orgId, (scope) => releaseLeases(scope, holder));
    },
  };
}

/** The supervisor on a timer, as `npm start` runs it. */
export function startMailboxSupervisor(deps: Deps, secrets: SecretBox, options: SupervisorOptions = {}): MailboxSupervisor {
  const supervisor = mailboxSupervisor(deps, secrets, options);
  let running = false;
  const beat = () => {
    if (running) return;
    running = true;
    supervisor
      .tick()
      .catch((error: unknown) => deps.log.error('imap: supervisor tick failed', { error: String(error) }))
      .finally(() => (running = false));
  };
  const timer = setInterval(beat, options.tickMs ?? DEFAULT_TICK_MS);
  timer.unref();
  beat();
  return {
    tick: supervisor.tick,
    running: supervisor.running,
    async stop() {
      clearInterval(timer);
      await supervisor.stop();
    },
  };
}
