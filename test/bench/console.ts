// The manager's console's weight and speed: the gzipped script it loads at
// start (and what loads on demand), and in Chromium the time from page load
// to the rendered queue, with the backend local on PGlite.
import { openDatabase } from '../../backend/src/store/database.ts';
import { chromiumAvailable, startConsoleHarness } from '../console/console-harness.ts';

type Print = (name: string, value: number | string, unit: string) => void;

export async function benchConsole(print: Print, loads = 20): Promise<void> {
  const database = await openDatabase({ dataDir: null });
  await database.migrate();
  const now = new Date();
  const harness = await startConsoleHarness({ db: database.db, rlsRole: null }, now);
  try {
    print('console.script_js_gzip', harness.build.scriptGzipBytes, 'bytes');
    print('console.on_demand_js_gzip', harness.build.lazyGzipBytes, 'bytes');
    print('console.css_gzip', harness.build.cssGzipBytes, 'bytes');
    if (!chromiumAvailable()) {
      print('console.first_render', 'skipped (no /usr/bin/chromium)', '');
      return;
    }
    // A queue worth rendering: 50 replies, some owned, some waiting.
    for (let i = 0; i < 50; i++) {
      await harness.team.ingest({ from: { email: `p${i}@company${i}.example` }, lead: i % 2 ? { region: 'US-West' } : {}, category: 'question' });
    }
    const firstRender: number[] = [];
    for (let i = 0; i < loads; i++) {
      const page = await harness.open('maya@acme.test');
      await page.getByTestId('queue').locator('tbody tr').first().waitFor();
      // Milliseconds since the navigation started: the page's own clock.
      firstRender.push(await page.evaluate(() => performance.now()));
      await page.context().close();
    }
    const p = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;
    print('console.load_to_queue_p50', p(firstRender, 0.5), 'ms');
    print('console.load_to_queue_p99', p(firstRender, 0.99), 'ms');
  } finally {
    await harness.close();
    await database.close();
  }
}
