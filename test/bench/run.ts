// `npm run bench`: prints figures as `name: value unit`, one per line.
// Starts the real backend (PostgreSQL when DATABASE_URL is set, else PGlite in
// a temporary folder) and loads it over HTTP on loopback from this process.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { PolicyDocument } from '#shared/policy';
import { matchAccount, type Account } from '../../backend/src/domain/accounts/account-matching.ts';
import { companyNameKey } from '../../backend/src/domain/accounts/company-name.ts';
import { companyDomainOf } from '../../backend/src/domain/accounts/email-domain.ts';
import { availabilityFromPolicy } from '../../backend/src/domain/availability/availability.ts';
import { compilePolicy } from '../../backend/src/domain/routing/compiled-policy.ts';
import { route } from '../../backend/src/domain/routing/router.ts';
import { benchAccounts, benchPolicy, BENCH_REPS } from './bench-policy.ts';
import { benchEscalations } from './escalation-bench.ts';
import { benchImapBurst } from './imap-burst.ts';
import { benchGmailBundle } from './gmail-bundle.ts';
import { benchOutlookPane } from './outlook-pane.ts';
import { benchConsole } from './console.ts';
import { benchClassifier } from './classifier.ts';

// The benchmark is a tool, not the product: it reads its own settings here.
const DATABASE_URL = process.env.DATABASE_URL || undefined;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const ROOT = new URL('../../', import.meta.url).pathname;

const print = (name: string, value: number | string, unit: string) =>
  console.log(`${name}: ${typeof value === 'number' ? (Number.isInteger(value) ? value : value.toFixed(2)) : value} ${unit}`);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function benchPureRouting(): void {
  const compiled = compilePolicy(PolicyDocument.parse(benchPolicy()), 1);
  const accounts: Account[] = benchAccounts().map((row, i) => ({
    id: `a${i}`,
    name: row.name,
    nameKey: companyNameKey(row.name),
    domains: row.domains,
    crmId: row.crmId ?? null,
    parentCrmId: row.parent ?? null,
    owner: row.owner ?? null,
    segment: null,
    region: row.region ?? null,
    country: null,
    vip: false,
  }));
  const byDomain = new Map(accounts.map((a) => [a.domains[0]!, a]));
  const byCrm = new Map(accounts.map((a) => [a.crmId!, a]));
  const state = { availability: availabilityFromPolicy(compiled.policy), openThreads: new Map<string, number>(), cursors: new Map<string, string>() };
  const decide = (i: number) => {
    const email = `p${i}@company${i % 6000}.example`;
    const domain = companyDomainOf(email);
    const found = domain ? byDomain.get(domain) : undefined;
    const candidates = found ? [found, ...(found.parentCrmId ? [byCrm.get(found.parentCrmId)!] : [])] : [];
    const account = matchAccount({ email, company: null, crmAccountId: null }, { accounts: candidates });
    const decision = route(
      compiled,
      {
        category: 'interested',
        text: 'Back from the event - can we talk this week about pricing?',
        prospectEmail: email,
        source: i % 7 === 0 ? 'apollo.io' : null,
        language: 'en',
        region: account?.account.region ?? null,
        country: null,
        segment: null,
        mailbox: 'sales@acme.test',
        sequence: null,
        threadOwner: null,
        account,
        lead: null,
      },
      state,
    );
    if (decision.cursor) state.cursors.set(decision.cursor.pool, decision.cursor.member);
  };
  for (let i = 0; i < 20_000; i++) decide(i);
  const count = 200_000;
  const started = performance.now();
  for (let i = 0; i < count; i++) decide(i);
  const seconds = (performance.now() - started) / 1000;
  print('routing.pure.decisions_per_s', count / seconds, 'ops/s');
  print('routing.pure.mean_latency', (seconds / count) * 1e6, 'us');
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Target {
  base: string;
  stop(): Promise<void>;
}

async function startBackend(databaseUrl: string | undefined): Promise<Target> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'rr-bench-'));
  // BENCH_PROFILE_DIR: write a CPU profile of the backend there, to see where the time goes.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', 'backend/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      AUTH_MODE: 'dev',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? '',
      DATABASE_POOL_SIZE: String(CLIENTS),
      RATE_LIMIT_PER_MINUTE: '100000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    base,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const headers = (email: string) => ({ 'x-dev-user': email, 'content-type': 'application/json' });

async function load(name: string, run: (worker: number, i: number) => Promise<void>): Promise<{ perSecond: number; latencies: number[] }> {
  const latencies: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  let counter = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, worker) => {
      while (performance.now() < deadline) {
        const i = counter++;
        const t0 = performance.now();
        await run(worker, i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  print(`${name}_per_s`, latencies.length / seconds, 'ops/s');
  print(`${name}.p50`, percentile(latencies, 50), 'ms');
  print(`${name}.p99`, percentile(latencies, 99), 'ms');
  return { perSecond: latencies.length / seconds, latencies };
}

async function expectOk(response: Response, what: string): Promise<unknown> {
  const body = await response.json();
  if (!response.ok) throw new Error(`${what}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

async function benchBackend(base: string): Promise<{ ingest: number; lookup: number }> {
  await expectOk(await fetch(`${base}/v1/policy`, { method: 'PUT', headers: headers('admin@acme.test'), body: JSON.stringify(benchPolicy()) }), 'policy');
  await expectOk(await fetch(`${base}/v1/accounts`, { method: 'PUT', headers: headers('admin@acme.test'), body: JSON.stringify(benchAccounts()) }), 'accounts');
  const run = randomUUID().slice(0, 8);
  const messageIds: string[] = [];
  const ingestOne = async (i: number) => {
    const messageId = `<bench-${run}-${i}@prospects.example>`;
    const response = await fetch(`${base}/v1/messages`, {
      method: 'POST',
      headers: headers('admin@acme.test'),
      body: JSON.stringify({
        messageId,
        direction: 'inbound',
        from: { email: `p${i}@company${i % 6000}.example` },
        to: [{ email: 'sales@acme.test' }],
        mailbox: 'sales@acme.test',
        subject: 'Re: Quick question',
        text: 'Back from the event - can we talk this week about pricing?',
        receivedAt: new Date().toISOString(),
        category: 'interested',
      }),
    });
    if (response.status !== 201) throw new Error(`ingest: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    messageIds.push(messageId);
  };
  for (let i = 0; i < 200; i++) await ingestOne(-1 - i);
  const ingest = await load('ingest.http', (_, i) => ingestOne(i));
  const lookup = await load('lookup.http', async (_, i) => {
    const id = messageIds[(i * 7919) % messageIds.length]!;
    const response = await fetch(`${base}/v1/threads/lookup?messageId=${encodeURIComponent(id)}`, { headers: headers(BENCH_REPS[i % BENCH_REPS.length]!) });
    if (response.status !== 200) throw new Error(`lookup: ${response.status}`);
    await response.arrayBuffer();
  });

  // The claim race: one unowned thread, every client claims it at once.
  const thread = (await expectOk(
    await fetch(`${base}/v1/messages`, {
      method: 'POST',
      headers: headers('admin@acme.test'),
      body: JSON.stringify({
        messageId: `<race-${run}@x.example>`,
        direction: 'inbound',
        from: { email: 'race@nowhere.example' },
        receivedAt: new Date().toISOString(),
      }),
    }),
    'race message',
  )) as { id: string };
  await fetch(`${base}/v1/threads/${thread.id}/release`, { method: 'POST', headers: headers('maya@acme.test'), body: JSON.stringify({ reason: 'race' }) });
  const statuses = await Promise.all(
    BENCH_REPS.slice(0, Math.min(CLIENTS, BENCH_REPS.length)).map((rep) =>
      fetch(`${base}/v1/threads/${thread.id}/claim`, { method: 'POST', headers: headers(rep), body: '{}' }).then((r) => r.status),
    ),
  );
  print('claim_race.claimers', statuses.length, 'requests');
  print('claim_race.winners', statuses.filter((s) => s === 200).length, 'requests');
  print('claim_race.conflicts_409', statuses.filter((s) => s === 409).length, 'requests');
  return { ingest: ingest.perSecond, lookup: lookup.perSecond };
}

/** pgbench on the same server, same client count: the yardstick that travels from machine to machine. */
function pgbench(url: string, mode: '-N' | '-S'): number {
  const output = execFileSync('pgbench', [mode, '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), '-n', url], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tps = /tps = ([\d.]+)/.exec(output);
  const latency = /latency average = ([\d.]+) ms/.exec(output);
  const name = mode === '-N' ? 'pgbench.simple_update' : 'pgbench.select_only';
  print(`${name}.tps`, Number(tps?.[1]), 'tx/s');
  print(`${name}.latency_avg`, Number(latency?.[1]), 'ms');
  return Number(tps?.[1]);
}

async function withDatabase<T>(serverUrl: string, prefix: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

print('bench.clients', CLIENTS, 'clients');
print('bench.seconds_per_load', SECONDS, 's');
print('bench.database', DATABASE_URL ? 'postgresql' : 'pglite', '');
benchPureRouting();
await benchClassifier(print);
const measured = DATABASE_URL
  ? await withDatabase(DATABASE_URL, 'rr_bench', async (url) => {
      const backend = await startBackend(url);
      try {
        return await benchBackend(backend.base);
      } finally {
        await backend.stop();
      }
    })
  : await (async () => {
      const backend = await startBackend(undefined);
      try {
        return await benchBackend(backend.base);
      } finally {
        await backend.stop();
      }
    })();
// The escalation worker against the open-thread count (PGlite: the smaller sizes only, it holds everything in one process).
if (DATABASE_URL) {
  await withDatabase(DATABASE_URL, 'rr_escalation', (url) => benchEscalations({ url }, [10_000, 100_000, 1_000_000], print));
} else {
  await benchEscalations({ dataDir: null }, [10_000, 100_000], print);
}

// The IMAP connector: a burst of 2,000 replies in a real Dovecot, ingested by one connector.
if (DATABASE_URL) {
  await withDatabase(DATABASE_URL, 'rr_imap', (url) => benchImapBurst({ url }, 2_000, print));
} else {
  await benchImapBurst({ dataDir: null }, 2_000, print);
}

if (DATABASE_URL) {
  await withDatabase(DATABASE_URL, 'rr_pgbench', async (url) => {
    execFileSync('pgbench', ['-i', '-s', '10', '-q', url], { stdio: 'ignore' });
    const update = pgbench(url, '-N');
    const select = pgbench(url, '-S');
    print('ratio.ingest_to_pgbench_simple_update', measured.ingest / update, 'x');
    print('ratio.lookup_to_pgbench_select_only', measured.lookup / select, 'x');
  });
}

// The Outlook task pane: bundle sizes and, in Chromium, load and claim times.
await benchOutlookPane(print);

// The Gmail add-on: the size of the Code.js Apps Script loads.
await benchGmailBundle(print);

// The manager's console: its gzipped script and, in Chromium, the time to the rendered queue.
await benchConsole(print);
