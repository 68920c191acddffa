// Leases: one connector per mailbox across processes, taken over once its
// holder stops renewing. Connectors are stand-ins here; the clock is simulated.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../test/support/databases.ts';
import { createTestTeam } from '../../../test/support/test-team.ts';
import { DEMO_SECRETS_KEY, secretBox } from '../crypto/secret-box.ts';
import type { MailboxConnection } from '../connectors/imap/mailbox-connector.ts';
import { mailboxSupervisor } from './mailbox-supervisor.ts';

describe.each(testDatabases)('mailbox leases on $name', (database) => {
  const handle = useDatabase(database);

  async function setUp() {
    const team = await createTestTeam(handle);
    const created = await team
      .as('admin@acme.test')
      .post('/v1/mailboxes', { address: 'sales@acme.test', host: 'imap.acme.test', user: 'sales', password: 'pw' });
    const started: Array<{ holder: string; mailbox: MailboxConnection }> = [];
    const supervisor = (holder: string) =>
      mailboxSupervisor(team.deps, secretBox(DEMO_SECRETS_KEY), {
        holder,
        leaseMs: 45_000,
        start: (mailbox) => {
          started.push({ holder, mailbox });
          return { stop: async () => {}, done: Promise.resolve() };
        },
      });
    return { team, mailboxId: created.body.id as string, started, supervisor };
  }

  it('of two processes, one runs the connector; the other takes over within a minute of the holder dying', async () => {
    const { team, mailboxId, started, supervisor } = await setUp();
    const a = supervisor(`a-${randomUUID()}`);
    const b = supervisor(`b-${randomUUID()}`);
    await a.tick();
    await b.tick();
    expect(a.running()).toContain(mailboxId);
    expect(b.running()).not.toContain(mailboxId);
    // A renews while it lives.
    team.clock.advance(0.5);
    await a.tick();
    team.clock.advance(0.5);
    await b.tick();
    expect(b.running()).not.toContain(mailboxId);
    // A dies (no more ticks): 45 s later its lease has lapsed, and B's next tick takes it.
    team.clock.advance(0.8);
    await b.tick();
    expect(b.running()).toContain(mailboxId);
    expect(started.filter((s) => s.mailbox.id === mailboxId).map((s) => s.holder.slice(0, 1))).toEqual(['a', 'b']);
    // A comes back: it finds its lease gone and stops its connector.
    await a.tick();
    expect(a.running()).not.toContain(mailboxId);
  });

  it('the connector gets the opened credential; a clean stop hands the lease over at once', async () => {
    const { mailboxId, started, supervisor } = await setUp();
    const a = supervisor(`a-${randomUUID()}`);
    await a.tick();
    expect(started.find((s) => s.mailbox.id === mailboxId)?.mailbox.credential).toEqual({ password: 'pw' });
    await a.stop();
    const b = supervisor(`b-${randomUUID()}`);
    await b.tick();
    expect(b.running()).toContain(mailboxId);
  });

  it('a deleted mailbox or new credentials stop or restart its connector', async () => {
    const { team, mailboxId, started, supervisor } = await setUp();
    const a = supervisor(`a-${randomUUID()}`);
    await a.tick();
    await team.as('admin@acme.test').put(`/v1/mailboxes/${mailboxId}/credentials`, { accessToken: 'ya29.new' });
    await a.tick();
    expect(started.filter((s) => s.mailbox.id === mailboxId).map((s) => s.mailbox.credential)).toEqual([{ password: 'pw' }, { accessToken: 'ya29.new' }]);
    await team.as('admin@acme.test').delete(`/v1/mailboxes/${mailboxId}`);
    await a.tick();
    expect(a.running()).not.toContain(mailboxId);
  });
});
