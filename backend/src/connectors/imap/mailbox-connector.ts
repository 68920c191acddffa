// One mailbox over IMAP, kept in sync the way a mail client does: connect,
// fetch what is new in the inbox and the sent folder since their checkpoints,
// then wait in IDLE (with a periodic re-check) for more; on a dropped
// connection, a server restart or a refused login, report it and reconnect
// with backoff and jitter. Messages are read with BODY.PEEK, so they stay
// unread unless the mailbox asks otherwise. What to do with each message and
// where checkpoints live are given by the caller (see jobs/mailbox-supervisor.ts).
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { MailboxCredential } from '../../use-cases/mailboxes.ts';
import { reconnectDelayMs } from './backoff.ts';
import { planFolderSync, sequenceSet, uidBatches, type FolderCheckpoint } from './sync-plan.ts';

export interface MailboxConnection {
  id: string;
  address: string;
  host: string;
  port: number;
  tls: boolean;
  user: string;
  credential: MailboxCredential;
  inbox: string;
  /** Null: outbound mail is not watched. */
  sent: string | null;
  markSeen: boolean;
  /** Move ingested inbound messages to this folder; null: leave them. */
  move: string | null;
  /** How far back a sync without a checkpoint reaches. */
  windowStart: Date;
}

export type Direction = 'inbound' | 'outbound';

/** What the connector needs from the rest of the backend. */
export interface ConnectorPort {
  getCheckpoint(folder: string): Promise<FolderCheckpoint | null>;
  saveCheckpoint(folder: string, checkpoint: FolderCheckpoint): Promise<void>;
  /** Ingests one raw message; idempotent on its Message-ID. Throws only when it should be retried. */
  ingest(raw: Buffer, direction: Direction, receivedAt: Date): Promise<void>;
  status(update: { state: 'connected' } | { state: 'error'; message: string } | { state: 'synced' }): Promise<void>;
}

export interface Timers {
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const realTimers: Timers = {
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    }),
};

export interface ConnectorOptions {
  /** How often folders are checked besides IDLE's notices (the sent folder has no IDLE of its own). */
  recheckMs?: number;
  /** Messages fetched per round trip. */
  batchSize?: number;
  timers?: Timers;
  random?: () => number;
  log?: { info(message: string, fields?: Record<string, unknown>): void; error(message: string, fields?: Record<string, unknown>): void };
  /** Test hook: called after each message is ingested. */
  afterMessage?: (folder: string, uid: number) => void | Promise<void>;
}

export interface RunningConnector {
  /** Stops at the next message boundary and closes the connection. */
  stop(): Promise<void>;
  readonly done: Promise<void>;
}

/** Checkpoints are saved at least this often within a batch, so a killed process redoes little. */
const CHECKPOINT_EVERY = 25;

/** The server's own words for an error, without anything of ours (no credentials are ever in an IMAP error). */
export function serverMessage(error: unknown): string {
  const e = error as { responseText?: string; message?: string; code?: string; authenticationFailed?: boolean };
  const text = e.responseText || e.message || String(error);
  return (e.authenticationFailed ? `authentication failed: ${text}` : e.code && !text.includes(e.code) ? `${text} (${e.code})` : text).slice(0, 500);
}

export function startMailboxConnector(mailbox: MailboxConnection, port: ConnectorPort, options: ConnectorOptions = {}): RunningConnector {
  const timers = options.timers ?? realTimers;
  const random = options.random ?? Math.random;
  const recheckMs = options.recheckMs ?? 30_000;
  const batchSize = options.batchSize ?? 100;
  const log = options.log;
  const stopping = new AbortController();
  let client: ImapFlow | null = null;

  const clientOptions = (): ImapFlowOptions => ({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.tls,
    auth:
      'password' in mailbox.credential
        ? { user: mailbox.user, pass: mailbox.credential.password }
        : { user: mailbox.user, accessToken: mailbox.credential.accessToken },
    // imapflow's own logger would print the protocol, credentials included.
    logger: false,
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 5 * 60_000,
    maxIdleTime: Math.max(recheckMs, 60_000),
    // IDLE starts soon after each sync, so new mail is announced at once.
    autoIdleDelay: 1_000,
  });

  async function syncFolder(imap: ImapFlow, folder: string, direction: Direction): Promise<number> {
    const status = await imap.status(folder, { uidNext: true, uidValidity: true });
    if (!status || status.uidValidity === undefined || status.uidNext === undefined) throw new Error(`the server gave no UIDVALIDITY for ${folder}`);
    const uidValidity = Number(status.uidValidity);
    const checkpoint = await port.getCheckpoint(folder);
    const plan = planFolderSync(checkpoint, { uidValidity, uidNext: status.uidNext }, mailbox.windowStart);
    if (plan.kind === 'up_to_date') return 0;
    const lock = await imap.getMailboxLock(folder, { readOnly: !(direction === 'inbound' && (mailbox.markSeen || mailbox.move)) });
    let ingested = 0;
    try {
      // The folder as selected now: its UIDVALIDITY is the one the UIDs below belong to.
      const selected = imap.mailbox ? Number(imap.mailbox.uidValidity) : uidValidity;
      if (plan.kind === 'since' && plan.reason === 'uidvalidity_changed')
        log?.info('imap: UIDVALIDITY changed, re-reading the folder', { mailbox: mailbox.id, folder });
      const found =
        plan.kind === 'since' ? await imap.search({ since: plan.since }, { uid: true }) : await imap.search({ uid: `${plan.afterUid + 1}:*` }, { uid: true });
      // `n:*` always names the last message, even below n.
      const afterUid = plan.kind === 'after_uid' ? plan.afterUid : 0;
      const uids = (found || []).filter((uid) => uid > afterUid);
      let lastUid = checkpoint && checkpoint.uidValidity === selected ? checkpoint.lastUid : 0;
      for (const batch of uidBatches(uids, batchSize)) {
        const fetched: Array<{ uid: number; source: Buffer; internalDate: Date }> = [];
        // The whole batch is read first: the connection stays free while the database works.
        for await (const message of imap.fetch(sequenceSet(batch), { uid: true, source: true, internalDate: true }, { uid: true })) {
          if (!message.source) continue;
          const internalDate = message.internalDate ? new Date(message.internalDate) : new Date();
          fetched.push({ uid: message.uid, source: message.source, internalDate });
        }
        fetched.sort((a, b) => a.uid - b.uid);
        let sinceSave = 0;
        for (const message of fetched) {
          if (stopping.signal.aborted) break;
          await port.ingest(message.source, direction, message.internalDate);
          lastUid = Math.max(lastUid, message.uid);
          ingested += 1;
          await options.afterMessage?.(folder, message.uid);
          if (++sinceSave >= CHECKPOINT_EVERY) {
            await port.saveCheckpoint(folder, { uidValidity: selected, lastUid });
            sinceSave = 0;
          }
        }
        if (fetched.length > 0) await port.saveCheckpoint(folder, { uidValidity: selected, lastUid });
        if (stopping.signal.aborted) return ingested;
        if (direction === 'inbound' && mailbox.markSeen) await imap.messageFlagsAdd(sequenceSet(batch), ['\\Seen'], { uid: true });
        if (direction === 'inbound' && mailbox.move) await imap.messageMove(sequenceSet(batch), mailbox.move, { uid: true });
      }
      // Nothing new in the window: remember where the folder stands, so the next sync reads only what comes.
      if (uids.length === 0) await port.saveCheckpoint(folder, { uidValidity: selected, lastUid: Math.max(lastUid, (status.uidNext ?? 1) - 1) });
    } finally {
      lock.release();
    }
    return ingested;
  }

  async function syncAll(imap: ImapFlow): Promise<void> {
    // A server may answer STATUS on the selected folder from the session's own view, and that view outlives
    // the folder when it is deleted and recreated (a new UIDVALIDITY): NOOP does not refresh it, and
    // getMailboxLock keeps a folder that looks open. Closing it makes every sync read the folders afresh;
    // waitForChange selects the inbox again for IDLE.
    if (imap.mailbox) await imap.mailboxClose();
    const inbound = await syncFolder(imap, mailbox.inbox, 'inbound');
    if (stopping.signal.aborted) return;
    const outbound = mailbox.sent ? await syncFolder(imap, mailbox.sent, 'outbound') : 0;
    if (inbound + outbound > 0) log?.info('imap: ingested', { mailbox: mailbox.id, inbound, outbound });
    await port.status({ state: 'synced' });
  }

  /** Resolves when the inbox announces new mail (IDLE), the re-check is due, the connection drops, or the connector stops. */
  async function waitForChange(imap: ImapFlow): Promise<void> {
    const wake = new AbortController();
    const onExists = () => wake.abort();
    const onClose = () => wake.abort();
    imap.on('exists', onExists);
    imap.on('close', onClose);
    const onStop = () => wake.abort();
    stopping.signal.addEventListener('abort', onStop, { once: true });
    try {
      // Selected, the connection falls into IDLE by itself (imapflow's auto-IDLE) and hears of new mail at once.
      if (imap.usable && (!imap.mailbox || imap.mailbox.path !== mailbox.inbox)) await imap.mailboxOpen(mailbox.inbox, { readOnly: true });
      if (imap.usable && !wake.signal.aborted) await timers.sleep(recheckMs, wake.signal);
    } finally {
      imap.off('exists', onExists);
      imap.off('close', onClose);
      stopping.signal.removeEventListener('abort', onStop);
    }
  }

  async function run(): Promise<void> {
    let attempt = 0;
    while (!stopping.signal.aborted) {
      let authFailed = false;
      const imap = new ImapFlow(clientOptions());
      client = imap;
      // A dropped connection also emits 'error'; the loop below sees it as the end of `usable`.
      imap.on('error', () => {});
      try {
        await imap.connect();
        attempt = 0;
        await port.status({ state: 'connected' });
        while (!stopping.signal.aborted && imap.usable) {
          await syncAll(imap);
          await waitForChange(imap);
        }
        if (!stopping.signal.aborted) throw new Error(`the server closed the connection${imap.byeReason ? `: ${imap.byeReason}` : ''}`);
      } catch (error) {
        if (stopping.signal.aborted) break;
        authFailed = (error as { authenticationFailed?: boolean }).authenticationFailed === true;
        const message = serverMessage(error);
        log?.error('imap: connection failed', { mailbox: mailbox.id, error: message, attempt });
        await port.status({ state: 'error', message }).catch(() => {});
      } finally {
        client = null;
        if (imap.usable) await imap.logout().catch(() => imap.close());
        else imap.close();
      }
      if (stopping.signal.aborted) break;
      await timers.sleep(reconnectDelayMs(attempt, random(), authFailed), stopping.signal);
      attempt += 1;
    }
  }

  const done = run().catch((error: unknown) => log?.error('imap: connector stopped on an error', { mailbox: mailbox.id, error: String(error) }));
  return {
    done,
    async stop() {
      stopping.abort();
      // A command stuck on the network (a connect, a fetch) is cut after a grace period.
      const grace = new AbortController();
      const ended = await Promise.race([done.then(() => true), timers.sleep(5_000, grace.signal).then(() => false)]);
      grace.abort();
      if (!ended) client?.close();
      await done;
    },
  };
}
