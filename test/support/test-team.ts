// Small factories for HTTP tests: a fresh org with its own policy per test (so
// tests share nothing), and a client that speaks to the real app as a member.
import type { IngestMessageInput } from '#shared/api';
import type { PolicyInput } from '#shared/policy';
import { randomUUID } from 'node:crypto';
import { DEMO_SECRETS_KEY, secretBox } from '../../backend/src/crypto/secret-box.ts';
import { createApp, type App } from '../../backend/src/http/app.ts';
import type { AddinOptions } from '../../backend/src/http/addin/addin.handlers.ts';
import type { ConsoleOptions } from '../../backend/src/http/console/console.handlers.ts';
import { devAuthenticator } from '../../backend/src/http/auth/dev-authenticator.ts';
import type { Database } from '../../backend/src/store/database.ts';
import { createOrg } from '../../backend/src/store/orgs.ts';
import { silentLogger, withOrg, type Clock, type Deps } from '../../backend/src/use-cases/deps.ts';
import { savePolicy } from '../../backend/src/use-cases/policy.ts';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  private current: Date;
  constructor(start?: Date) {
    this.current = start ?? new Date('2026-11-23T09:00:00Z');
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export const basePolicy = (): PolicyInput => ({
  timezone: 'Europe/Paris',
  members: [
    { email: 'maya@acme.test', name: 'Maya', role: 'manager' },
    { email: 'ava@acme.test', name: 'Ava', role: 'rep', backup: 'ben@acme.test' },
    { email: 'ben@acme.test', name: 'Ben', role: 'rep' },
    { email: 'cam@acme.test', name: 'Cam', role: 'rep' },
    { email: 'admin@acme.test', name: 'Alex', role: 'admin' },
  ],
  pools: { west: { members: ['ava@acme.test', 'ben@acme.test'], strategy: 'round_robin' } },
  sequences: { 'founders-q3': { owner: 'ben@acme.test', backup: 'ava@acme.test' } },
  sources: { webinar: ['Webinar', 'webinar-2026-10'] },
  rules: [
    { name: 'Keep the thread with its owner', when: { thread: 'owned' }, to: 'thread_owner' },
    { name: 'Bounces need no owner', when: { category: ['bounce'] }, to: 'none' },
    { name: 'Account owner first', when: { account: 'owned' }, to: 'account_owner' },
    { name: 'Webinar follow-up', when: { source: ['webinar'] }, to: { member: 'cam@acme.test' } },
    { name: 'Sequence owner', when: { sequence: 'owned' }, to: 'sequence_owner' },
    { name: 'West territory', when: { region: ['US-West'] }, to: { pool: 'west' } },
  ],
  fallback: 'triage',
  sla: { interested: '60m', question: '2h' },
});

export interface Response<T = unknown> {
  status: number;
  body: T;
}

export interface TestTeam {
  orgId: string;
  slug: string;
  app: App;
  clock: TestClock;
  deps: Deps;
  /** A request as the given member. */
  as(email: string): MemberClient;
  ingest(message: Partial<IngestMessageInput> & { from: { email: string } }): Promise<Response<Json>>;
}

/**
 * A response body as a test reads it. `any` is right here: each test asserts
 * the fields it uses, and a wrong guess fails the assertion, not the compiler.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface MemberClient {
  get<T = Json>(path: string): Promise<Response<T>>;
  post<T = Json>(path: string, body?: unknown): Promise<Response<T>>;
  put<T = Json>(path: string, body: unknown, contentType?: string): Promise<Response<T>>;
  delete<T = Json>(path: string): Promise<Response<T>>;
}

let messageCounter = 0;
export const uniqueMessageId = () => `<test-${randomUUID()}-${++messageCounter}@prospects.example>`;

/** `target`: the test database, and the role that arms row-level security on it (or null). */
export async function createTestTeam(
  target: { db: Database; rlsRole: string | null },
  policy: PolicyInput = basePolicy(),
  options: { now?: Date; addin?: AddinOptions; console?: ConsoleOptions } = {},
): Promise<TestTeam> {
  const { db, rlsRole } = target;
  const clock = new TestClock(options.now);
  const deps: Deps = { db, rlsRole, clock, newId: randomUUID, log: silentLogger };
  const slug = `org-${randomUUID().slice(0, 8)}`;
  const org = await createOrg(db, { id: randomUUID(), slug, name: `Team ${slug}` });
  await withOrg(deps, org.id, (scope) => savePolicy(scope, policy, 'admin@acme.test', clock.now()));
  // Demo mode acts in this team's org when a request names none (as a sidebar's requests do).
  const app = createApp({
    ...deps,
    authenticator: devAuthenticator(deps, slug),
    secrets: secretBox(DEMO_SECRETS_KEY),
    demoOrg: slug,
    addin: options.addin,
    console: options.console,
  });

  const request = async (email: string, method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const headers: Record<string, string> = { 'x-dev-user': email, 'x-dev-org': slug };
    if (body !== undefined) headers['content-type'] = contentType;
    const response = await app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const as = (email: string): MemberClient => ({
    get: (path) => request(email, 'GET', path),
    post: (path, body) => request(email, 'POST', path, body ?? {}),
    put: (path, body, contentType) => request(email, 'PUT', path, body, contentType),
    delete: (path) => request(email, 'DELETE', path),
  });
  return {
    orgId: org.id,
    slug,
    app,
    clock,
    deps,
    as,
    ingest: (message) =>
      as('admin@acme.test').post('/v1/messages', {
        messageId: uniqueMessageId(),
        direction: 'inbound',
        subject: 'Re: Quick question',
        text: 'Sounds good, tell me more.',
        receivedAt: clock.now().toISOString(),
        ...message,
      }),
  };
}
