// The Outlook task pane served by the real backend (a test team on the given
// database, over HTTP on loopback) and opened in Debian's Chromium with the
// typed Office.js stand-in in place of Microsoft's office.js. Shared by the
// browser tests and the benchmark.
import { serve, type ServerType } from '@hono/node-server';
import { build } from 'esbuild';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildOutlookAddin, type BuildResult } from '../../addin-outlook/build.ts';
import type { AddinSignIn } from '#shared/addin-config';
import type { Database } from '../../backend/src/store/database.ts';
import { createTestTeam, type TestTeam } from '../support/test-team.ts';
import type { StandInConfig, StandInGlobals, StandInItem } from './office-stand-in-config.ts';

export const CHROMIUM = '/usr/bin/chromium';
/** What this machine needs to run Chromium as root, headless, with no network but loopback. */
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
export const chromiumAvailable = () => existsSync(CHROMIUM);

export interface PaneOptions {
  language?: string;
  dark?: boolean;
  /** The browser clock's start (it then runs on; `page.clock` moves it). */
  at?: Date;
  /** `commands.html` for the send guard's page. */
  path?: string;
  /** Whether the host offers Nested App Authentication. */
  nestedAppAuth?: boolean;
}

export interface PaneHarness {
  team: TestTeam;
  base: string;
  build: BuildResult;
  /** Opens the pane as `member` (null: the demo picker shows) in a fresh browser context. */
  openPane(member: string | null, item: StandInItem | null, options?: PaneOptions): Promise<Page>;
  close(): Promise<void>;
}

export async function startPaneHarness(
  target: { db: Database; rlsRole: string | null },
  now: Date,
  signIn: AddinSignIn = { mode: 'demo' },
): Promise<PaneHarness> {
  const outDir = mkdtempSync(join(tmpdir(), 'outlook-addin-'));
  const team = await createTestTeam(target, undefined, { now, addin: { outlookDist: outDir, signIn } });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: team.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const built = await buildOutlookAddin({ baseUrl: base, outDir });
  const bundle = await build({ entryPoints: [join(import.meta.dirname, 'office-stand-in.ts')], bundle: true, format: 'iife', write: false });
  const standIn = bundle.outputFiles[0]!.text;
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });

  return {
    team,
    base,
    build: built,
    async openPane(member, item, options = {}) {
      const context = await browser.newContext({ viewport: { width: 360, height: 760 } });
      const page = await context.newPage();
      if (options.at) await page.clock.install({ time: options.at });
      await page.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: standIn }));
      const config: StandInConfig = {
        userEmail: member ?? 'someone@acme.test',
        displayLanguage: options.language ?? 'en-US',
        dark: options.dark,
        item,
        nestedAppAuth: options.nestedAppAuth,
      };
      await page.addInitScript(
        ({ config, member }) => {
          const page = globalThis as unknown as StandInGlobals;
          page.officeStandIn = config;
          if (member) page.localStorage.setItem('reply-routing.demo-member', member);
        },
        { config, member },
      );
      await page.goto(`${base}/addin/outlook/${options.path ?? 'index.html'}`);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
/** A fresh reply from a prospect, as Outlook shows it in the reading pane. */
export function prospectReply(receivedAt: Date, text = 'Sounds interesting: can we book a demo this week? What does pricing look like?'): StandInItem {
  counter++;
  const unique = `${counter}-${Date.now()}`;
  return {
    mode: 'read',
    internetMessageId: `<outlook-${unique}@northwind.example>`,
    conversationId: `AAQkAD-conversation-${unique}`,
    from: { emailAddress: `chris${counter}@northwind.example`, displayName: 'Chris Doe' },
    subject: `Re: Routing for your team (${counter})`,
    body: text,
    dateTimeCreated: receivedAt.toISOString(),
  };
}
