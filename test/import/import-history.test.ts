// History import: mbox, a folder of .eml files and CSV, record-only by default
// (simulate can replay them), routed as new with --route, idempotent; and the
// CLI end to end on a PGlite folder.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { count, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFormat, readHistory } from '../../backend/src/connectors/history/history-files.ts';
import { openDatabase } from '../../backend/src/store/database.ts';
import { createOrg } from '../../backend/src/store/orgs.ts';
import { threadEvents } from '../../backend/src/store/schema.ts';
import { withOrg } from '../../backend/src/use-cases/deps.ts';
import { importItem, memberAddresses, tally, type ImportTotals } from '../../backend/src/use-cases/import-history.ts';
import { savePolicy } from '../../backend/src/use-cases/policy.ts';
import { newMessageId, rawMessage, storedMessages } from '../imap/mail.ts';
import { testDatabases, useDatabase } from '../support/databases.ts';
import { basePolicy, createTestTeam, type TestTeam } from '../support/test-team.ts';

const folder = mkdtempSync(join(tmpdir(), 'rr-import-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function mbox(messages: string[]): string {
  const path = join(folder, `history-${Math.random().toString(36).slice(2)}.mbox`);
  writeFileSync(path, messages.map((m) => `From MAILER-DAEMON Mon Nov 23 09:00:00 2026\n${m.replace(/\r\n/g, '\n').replace(/^From /gm, '>From ')}\n`).join(''));
  return path;
}

async function importFile(team: TestTeam, path: string, route = false): Promise<ImportTotals> {
  const totals: ImportTotals = { stored: 0, known: 0, skipped: 0, problems: [] };
  const members = await withOrg(team.deps, team.orgId, (scope) => memberAddresses(scope));
  for await (const item of readHistory(path, detectFormat(path))) {
    tally(
      totals,
      await withOrg(team.deps, team.orgId, (scope) => importItem(team.deps, scope, item, { route, mailbox: 'sales@acme.test' }, members)),
      item.where,
    );
  }
  return totals;
}

const ledgerEvents = (team: TestTeam) =>
  withOrg(team.deps, team.orgId, async (scope) => (await scope.db.select({ n: count() }).from(threadEvents).where(eq(threadEvents.orgId, team.orgId)))[0]!.n);

describe.each(testDatabases)('history import on $name', (database) => {
  const handle = useDatabase(database);

  it('an mbox is recorded without routing; simulate replays its replies; a second import stores nothing', async () => {
    const team = await createTestTeam(handle);
    const reply = newMessageId();
    const path = mbox([
      rawMessage({
        from: 'Chris Doe <chris@northwind.com>',
        messageId: reply,
        text: 'Interested, can we talk next week?',
        date: new Date('2026-10-01T09:00:00Z'),
      }),
      rawMessage({ from: 'ava@acme.test', to: 'chris@northwind.com', inReplyTo: reply, text: 'Sure, Tuesday?', date: new Date('2026-10-01T10:00:00Z') }),
      rawMessage({ from: 'dana@contoso.com', text: 'Not interested, thanks.', date: new Date('2026-10-02T09:00:00Z') }),
    ]);
    expect(await importFile(team, path)).toMatchObject({ stored: 3, known: 0, skipped: 0 });
    expect(await ledgerEvents(team)).toBe(0);
    const queue = await team.as('maya@acme.test').get('/v1/queue');
    expect(JSON.stringify(queue.body)).not.toContain('northwind');
    const thread = await team.as('maya@acme.test').get(`/v1/threads/lookup?messageId=${encodeURIComponent(reply)}`);
    expect(thread.body).toMatchObject({ state: 'closed', owner: null });

    const simulated = await team
      .as('admin@acme.test')
      .post('/v1/policy/simulate', { policy: { ...basePolicy(), fallback: { member: 'cam@acme.test' } }, last: 10 });
    expect(simulated.status).toBe(200);
    expect(simulated.body.results.map((r: { prospect: string }) => r.prospect).sort()).toEqual(['chris@northwind.com', 'dana@contoso.com']);
    expect(simulated.body.results.every((r: { draft: { owner: string } }) => r.draft.owner === 'cam@acme.test')).toBe(true);

    expect(await importFile(team, path)).toMatchObject({ stored: 0, known: 3 });
    expect(await storedMessages(team.deps, team.orgId)).toBe(3);
  });

  it('--route routes each reply as new: an owner, a clock and a ledger event', async () => {
    const team = await createTestTeam(handle, { ...basePolicy(), fallback: { member: 'ava@acme.test' } }, { now: new Date('2026-10-01T09:30:00Z') });
    const path = mbox([rawMessage({ from: 'chris@northwind.com', text: 'Interested, can we talk?', date: new Date('2026-10-01T09:00:00Z') })]);
    expect(await importFile(team, path, true)).toMatchObject({ stored: 1 });
    expect(await ledgerEvents(team)).toBe(1);
    const queue = await team.as('ava@acme.test').get('/v1/queue');
    expect(JSON.stringify(queue.body)).toContain('chris@northwind.com');
  });

  it('a folder of .eml files, with an unreadable file reported and skipped', async () => {
    const team = await createTestTeam(handle);
    const emls = join(folder, `eml-${Math.random().toString(36).slice(2)}`);
    mkdirSync(join(emls, 'nested'), { recursive: true });
    writeFileSync(join(emls, 'a.eml'), rawMessage({ from: 'chris@northwind.com' }));
    writeFileSync(join(emls, 'nested', 'b.eml'), rawMessage({ from: 'dana@contoso.com' }));
    writeFileSync(join(emls, 'broken.eml'), 'this is not a message');
    writeFileSync(join(emls, 'notes.txt'), 'ignored');
    const totals = await importFile(team, emls);
    expect(totals).toMatchObject({ stored: 2, skipped: 1 });
    expect(totals.problems[0]).toMatch(/broken\.eml: .*From/);
  });

  it('a CSV export with the documented columns; a bad row names its line and what to fix', async () => {
    const team = await createTestTeam(handle);
    const path = join(folder, `export-${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(
      path,
      [
        'message_id,from_email,from_name,to,subject,text,received_at,sequence,source,lead_company,lead_region',
        `${newMessageId()},chris@northwind.com,Chris Doe,sales@acme.test,Re: hello,"Interested, let's talk",2026-10-01T09:00:00Z,founders-q3,apollo.io,Northwind,US-West`,
        `${newMessageId()},dana@contoso.com,,sales@acme.test,Re: hello,Not now,not a date,,,,`,
      ].join('\n'),
    );
    const totals = await importFile(team, path);
    expect(totals).toMatchObject({ stored: 1, skipped: 1 });
    expect(totals.problems[0]).toMatch(/row 3: receivedAt/);
    const simulated = await team.as('admin@acme.test').post('/v1/policy/simulate', { policy: basePolicy(), last: 5 });
    expect(simulated.body.results[0]).toMatchObject({ prospect: 'chris@northwind.com', draft: { owner: 'ben@acme.test', rule: 'Sequence owner' } });
  });
});

describe('npm run import (the CLI)', () => {
  it('imports an mbox into the org by slug and says what it did', async () => {
    const dataDir = join(folder, 'pglite');
    const handle = await openDatabase({ dataDir });
    await handle.migrate();
    const deps = { db: handle.db, rlsRole: null };
    const org = await createOrg(handle.db, { id: crypto.randomUUID(), slug: 'cli-team', name: 'CLI team' });
    await withOrg(deps, org.id, (scope) => savePolicy(scope, basePolicy(), 'admin@acme.test', new Date()));
    await handle.close();
    const path = mbox([rawMessage({ from: 'chris@northwind.com' }), rawMessage({ from: 'dana@contoso.com' })]);
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const { stdout } = await promisify(execFile)(join(root, 'node_modules/.bin/tsx'), [join(root, 'backend/src/import-cli.ts'), '--org', 'cli-team', path], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    });
    expect(stdout).toContain('mbox import into cli-team (record-only): 2 stored, 0 already known, 0 skipped');
    const reopened = await openDatabase({ dataDir });
    try {
      expect(await storedMessages({ db: reopened.db, rlsRole: null }, org.id)).toBe(2);
    } finally {
      await reopened.close();
    }
  }, 120_000);
});
