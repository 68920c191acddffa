// The Outlook task pane's weight and speed: gzipped script sizes from the
// build, and in Chromium (with the Office.js stand-in) the time from page load
// to the rendered thread view and from Claim to the updated badge, with the
// backend local on PGlite.
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../backend/src/store/database.ts';
import { chromiumAvailable, prospectReply, startPaneHarness } from '../outlook/pane-harness.ts';

type Print = (name: string, value: number | string, unit: string) => void;

export async function benchOutlookPane(print: Print, loads = 20): Promise<void> {
  if (!chromiumAvailable()) {
    print('outlook.pane', 'skipped (no /usr/bin/chromium)', '');
    return;
  }
  const database = await openDatabase({ dataDir: null });
  await database.migrate();
  const now = new Date();
  const harness = await startPaneHarness({ db: database.db, rlsRole: null }, now);
  try {
    print('outlook.taskpane_js_gzip', harness.build.taskpaneGzipBytes, 'bytes');
    print('outlook.signin_chunk_js_gzip', harness.build.signInGzipBytes, 'bytes');
    print('outlook.send_guard_js_gzip', harness.build.launchEventGzipBytes, 'bytes');
    // Known: a sending tool or the mailbox connector ingested the reply before the rep opened it (the usual case).
    // New: the pane finds nothing and ingests the reply itself, so routing runs inside the measured time.
    const firstRender = { known: [] as number[], new: [] as number[] };
    const claim: number[] = [];
    for (let i = 0; i < loads; i++) {
      const kind = i % 2 === 0 ? 'known' : 'new';
      const item = prospectReply(now);
      if (kind === 'known') {
        await harness.team.ingest({ messageId: item.internetMessageId!, conversationId: item.conversationId!, from: { email: item.from!.emailAddress } });
      }
      const page = await harness.openPane('ava@acme.test', item);
      await page.getByTestId('owner-badge').waitFor();
      // Milliseconds since the navigation started: the page's own clock.
      firstRender[kind].push(await page.evaluate(() => performance.now()));
      const started = performance.now();
      await page.getByRole('button', { name: 'Claim', exact: true }).click();
      await page.getByTestId('owner-badge').getByText('Yours').waitFor();
      claim.push(performance.now() - started);
      await page.context().close();
    }
    const p = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;
    for (const kind of ['known', 'new'] as const) {
      print(`outlook.load_to_thread_view_${kind}_p50`, p(firstRender[kind], 0.5), 'ms');
      print(`outlook.load_to_thread_view_${kind}_p99`, p(firstRender[kind], 0.99), 'ms');
    }
    print('outlook.claim_to_badge_p50', p(claim, 0.5), 'ms');
    print('outlook.claim_to_badge_p99', p(claim, 0.99), 'ms');
  } finally {
    await harness.close();
    await database.close();
  }
}
