// The IMAP connector's ingest rate: a burst of replies waiting in a real
// Dovecot's inbox, read and ingested by one connector (messages per second
// from the connector's start to the last reply stored).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DEMO_SECRETS_KEY, secretBox } from '../../backend/src/crypto/secret-box.ts';
import { mailboxSupervisor } from '../../backend/src/jobs/mailbox-supervisor.ts';
import { openDatabase, type DatabaseLocation } from '../../backend/src/store/database.ts';
import { systemClock } from '../../backend/src/use-cases/deps.ts';
import { DOVECOT_BINARY, startDovecot } from '../imap/dovecot.ts';
import { deliver, storedMessages } from '../imap/mail.ts';
import { basePolicy, createTestTeam } from '../support/test-team.ts';

export async function benchImapBurst(
  location: DatabaseLocation,
  total: number,
  print: (name: string, value: number | string, unit: string) => void,
): Promise<void> {
  if (!DOVECOT_BINARY) {
    print(`imap.burst_${total}`, 'skipped', '(dovecot is not installed)');
    return;
  }
  const dovecot = await startDovecot();
  const handle = await openDatabase(location);
  await handle.migrate();
  try {
    const team = await createTestTeam({ db: handle.db, rlsRole: null }, { ...basePolicy(), fallback: { member: 'ava@acme.test' } }, { now: new Date() });
    const imap = await dovecot.client();
    const delivering = performance.now();
    await deliver(imap, 'INBOX', total);
    print(`imap.burst_${total}.append_per_s`, total / ((performance.now() - delivering) / 1000), 'msg/s');
    await imap.logout();
    const created = await team.as('admin@acme.test').post('/v1/mailboxes', {
      host: dovecot.host,
      port: dovecot.port,
      tls: false,
      user: dovecot.user,
      password: dovecot.password,
    });
    if (created.status !== 201) throw new Error(`mailbox: ${created.status} ${JSON.stringify(created.body)}`);
    const supervisor = mailboxSupervisor({ ...team.deps, clock: systemClock }, secretBox(DEMO_SECRETS_KEY), { holder: `bench-${randomUUID()}` });
    const started = performance.now();
    await supervisor.tick();
    while ((await storedMessages(team.deps, team.orgId)) < total) await new Promise((r) => setTimeout(r, 100));
    const seconds = (performance.now() - started) / 1000;
    await supervisor.stop();
    print(`imap.burst_${total}.ingested`, total, 'messages');
    print(`imap.burst_${total}.seconds`, seconds, 's');
    print(`imap.burst_${total}.messages_per_s`, total / seconds, 'msg/s');
  } finally {
    await handle.close();
    await dovecot.dispose();
  }
}
