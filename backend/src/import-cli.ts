// `npm run import -- --org <slug> [--route] [--mailbox sales@acme.com] [--format mbox|eml|csv] FILE`
// Imports past replies and sends from an mbox, a folder of .eml files or a CSV
// export; record-only unless --route (see use-cases/import-history.ts).
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { countItems, detectFormat, readHistory, type HistoryFormat } from './connectors/history/history-files.ts';
import { databaseLocation, readDatabaseEnv } from './env.ts';
import { openDatabase } from './store/database.ts';
import { findOrgBySlug } from './store/orgs.ts';
import { consoleLogger, systemClock, withOrg, type Deps } from './use-cases/deps.ts';
import { importItem, memberAddresses, tally, type ImportTotals } from './use-cases/import-history.ts';

const USAGE = 'usage: npm run import -- --org <slug> [--route] [--mailbox <address>] [--format mbox|eml|csv] <file.mbox | folder of .eml | file.csv>';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    org: { type: 'string' },
    route: { type: 'boolean', default: false },
    mailbox: { type: 'string' },
    format: { type: 'string' },
  },
});
const path = positionals[0];
if (!values.org || !path || positionals.length > 1) {
  console.error(USAGE);
  process.exit(2);
}
if (!existsSync(path)) {
  console.error(`${path}: no such file or folder`);
  process.exit(2);
}
if (values.format && !['mbox', 'eml', 'csv'].includes(values.format)) {
  console.error(`--format must be mbox, eml or csv\n${USAGE}`);
  process.exit(2);
}
const format = (values.format as HistoryFormat | undefined) ?? detectFormat(path);

const env = readDatabaseEnv();
const handle = await openDatabase(databaseLocation(env));
try {
  await handle.migrate();
  const deps: Deps = { db: handle.db, rlsRole: env.DATABASE_RLS_ROLE ?? null, clock: systemClock, newId: randomUUID, log: consoleLogger };
  const org = await findOrgBySlug(handle.db, values.org);
  if (!org) {
    console.error(`No org '${values.org}': create it with npm run org:create`);
    process.exit(1);
  }
  const members = await withOrg(deps, org.id, (scope) => memberAddresses(scope));
  const totals: ImportTotals = { stored: 0, known: 0, skipped: 0, problems: [] };
  // A bar on a terminal; one summary line elsewhere (CI logs, pipes).
  const bar = process.stderr.isTTY
    ? new SingleBar(
        { format: ' {bar} {value}/{total} messages | {stored} stored, {known} known, {skipped} skipped | {eta_formatted} left', stream: process.stderr },
        Presets.shades_classic,
      )
    : null;
  bar?.start(countItems(path, format) ?? 0, 0, { stored: 0, known: 0, skipped: 0 });
  for await (const item of readHistory(path, format)) {
    const outcome = await withOrg(deps, org.id, (scope) => importItem(deps, scope, item, { route: values.route, mailbox: values.mailbox }, members));
    tally(totals, outcome, item.where);
    if (bar) {
      if (bar.getTotal() < totals.stored + totals.known + totals.skipped) bar.setTotal(totals.stored + totals.known + totals.skipped);
      bar.increment(1, { stored: totals.stored, known: totals.known, skipped: totals.skipped });
    }
  }
  bar?.stop();
  console.log(
    `${format} import into ${org.slug} (${values.route ? 'routed as new' : 'record-only'}): ${totals.stored} stored, ${totals.known} already known, ${totals.skipped} skipped`,
  );
  for (const problem of totals.problems) console.log(`  skipped ${problem}`);
  if (totals.skipped > totals.problems.length) console.log(`  … and ${totals.skipped - totals.problems.length} more skipped`);
} finally {
  await handle.close();
}
