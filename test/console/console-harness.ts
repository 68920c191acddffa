// The manager's console served by the real backend (a test team on the given
// database, over HTTP on loopback) and opened in Debian's Chromium. Shared by
// the browser tests and the benchmark.
import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildConsole, type ConsoleBuildResult } from '../../console/build.ts';
import type { ConsoleSignIn } from '#shared/console/sign-in';
import type { PolicyInput } from '#shared/policy';
import type { Database } from '../../backend/src/store/database.ts';
import { CHROMIUM, CHROMIUM_FLAGS, chromiumAvailable } from '../outlook/pane-harness.ts';
import { createTestTeam, type TestTeam } from '../support/test-team.ts';

export { CHROMIUM, chromiumAvailable };

export interface ConsoleOpenOptions {
  language?: string;
  /** The browser clock's start (it then runs on). */
  at?: Date;
  width?: number;
  /** The page under /app/, e.g. `#/policy`. */
  hash?: string;
}

export interface ConsoleHarness {
  team: TestTeam;
  base: string;
  build: ConsoleBuildResult;
  /** Opens the console as `member` (null: the demo picker shows) in a fresh browser context. */
  open(member: string | null, options?: ConsoleOpenOptions): Promise<Page>;
  close(): Promise<void>;
}

export async function startConsoleHarness(
  target: { db: Database; rlsRole: string | null },
  now: Date,
  policy?: PolicyInput,
  signIn: ConsoleSignIn = { mode: 'demo' },
): Promise<ConsoleHarness> {
  const outDir = mkdtempSync(join(tmpdir(), 'console-'));
  const built = await buildConsole({ outDir });
  const team = await createTestTeam(target, policy, { now, console: { dist: outDir, signIn } });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: team.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });

  return {
    team,
    base,
    build: built,
    async open(member, options = {}) {
      const context = await browser.newContext({
        viewport: { width: options.width ?? 1360, height: 900 },
        locale: options.language ?? 'en-US',
        timezoneId: 'UTC',
        acceptDownloads: true,
      });
      const page = await context.newPage();
      // Fail a step in seconds, not at the test's deadline, so the failure names the step.
      page.setDefaultTimeout(10_000);
      if (options.at) await page.clock.install({ time: options.at });
      if (member) {
        await page.addInitScript((email) => {
          // Runs in the page: its storage, typed here without the DOM library.
          const storage = (globalThis as unknown as { localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void } }).localStorage;
          if (!storage.getItem('reply-routing.console.demo-member')) storage.setItem('reply-routing.console.demo-member', email);
        }, member);
      }
      await page.goto(`${base}/app/${options.hash ?? ''}`);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
