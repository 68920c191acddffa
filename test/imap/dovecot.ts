// A real Dovecot for the connector's tests, in a temporary folder of its own:
// plain IMAP on 127.0.0.1 and a free port, one test user, Maildir storage.
// Started as a child process (`dovecot -F`), restartable, removed afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

export const DOVECOT_BINARY = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((path) => existsSync(path)) ?? null;
const DOVEADM_BINARY = DOVECOT_BINARY?.replace(/dovecot$/, '').replace(/sbin\/$/, 'bin/') + 'doveadm';

/** Whether the IMAP tests can run here. In CI a missing binary is a failure, not a skip (see .ci/run). */
export function dovecotAvailable(): boolean {
  // Tests may read the environment directly: they are not the product.
  if (DOVECOT_BINARY === null && process.env.CI) throw new Error('Dovecot is required in CI: install dovecot-imapd (.ci/run does)');
  if (DOVECOT_BINARY === null) console.warn('Skipping the IMAP tests: the dovecot binary is absent (apt-get install dovecot-imapd)');
  return DOVECOT_BINARY !== null;
}

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** A connected client as the test user, for delivering mail (APPEND) and changing folders. */
  client(): Promise<ImapFlow>;
  /** Stops the server (SIGTERM) and waits until it has gone. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Removes the server and its folder. */
  dispose(): Promise<void>;
  /** The server's log, for a failing test's message. */
  log(): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForPort(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`dovecot did not listen on ${port} in time`);
}

/** Users Dovecot runs its unprivileged parts as, when the tests run as root. */
function serviceUsers(): { internal: string; login: string; mailUid: number; mailGid: number } {
  const me = userInfo();
  if (me.uid !== 0) return { internal: me.username, login: me.username, mailUid: me.uid, mailGid: me.gid };
  const passwd = readFileSync('/etc/passwd', 'utf8');
  const has = (name: string) => new RegExp(`^${name}:`, 'm').test(passwd);
  // Dovecot refuses to run login processes or mail as root.
  return { internal: has('dovecot') ? 'dovecot' : 'nobody', login: has('dovenull') ? 'dovenull' : 'nobody', mailUid: 65534, mailGid: 65534 };
}

export async function startDovecot(): Promise<Dovecot> {
  if (!DOVECOT_BINARY) throw new Error('dovecot is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'rr-dovecot-'));
  // The login processes run as another user and must reach the sockets under base_dir.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const users = serviceUsers();
  const user = 'sales@acme.test';
  const password = 'imap-test-password';
  mkdirSync(join(dir, 'run'));
  mkdirSync(join(dir, 'state'));
  mkdirSync(join(dir, 'mail'));
  if (userInfo().uid === 0) chownSync(join(dir, 'mail'), users.mailUid, users.mailGid);
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  const config = join(dir, 'dovecot.conf');
  writeFileSync(
    config,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
ssl = no
mail_fsync = never
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${users.internal}
default_login_user = ${users.login}
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${users.mailUid} gid=${users.mailGid} home=${dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
}
`,
  );
  let child: ChildProcess | null = null;
  let output = '';
  const start = async () => {
    rmSync(join(dir, 'run', 'master.pid'), { force: true });
    const started = spawn(DOVECOT_BINARY, ['-F', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child = started;
    try {
      await waitForPort(port, Date.now() + 10_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${output}\n${readLog()}`);
    }
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    // The sessions go with the server, as in a restart: without this, Dovecot's imap processes outlive their master for a while.
    await new Promise<void>((resolve) => {
      const kick = spawn(DOVEADM_BINARY, ['-c', config, 'kick', user], { stdio: 'ignore' });
      kick.once('exit', () => resolve());
      kick.once('error', () => resolve());
    });
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    await exited;
  };
  const readLog = () => (existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '');
  await start();
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    async client() {
      const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
      await client.connect();
      return client;
    },
    start,
    stop,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => `${output}\n${readLog()}`,
  };
}
