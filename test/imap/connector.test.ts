// The IMAP connector against a real Dovecot started by the test: arrival is
// the trigger, the sent folder stops the clock, and the connector survives
// server restarts and UIDVALIDITY changes without losing or repeating mail.
import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SECRETS_KEY, secretBox } from '../../backend/src/crypto/secret-box.ts';
import { startMailboxSupervisor, type MailboxSupervisor } from '../../backend/src/jobs/mailbox-supervisor.ts';
import { testDatabases, useDatabase } from '../support/databases.ts';
import { basePolicy, createTestTeam, type TestTeam } from '../support/test-team.ts';
import { dovecotAvailable, startDovecot, type Dovecot } from './dovecot.ts';
import { deliver, eventually, newMessageId, rawMessage, storedMessageIds, storedMessages } from './mail.ts';

const available = dovecotAvailable();
const pglite = testDatabases[0]!;

describe.skipIf(!available)('IMAP connector against a real Dovecot', () => {
  const handle = useDatabase(pglite);
  let dovecot: Dovecot;
  let imap: ImapFlow;

  beforeAll(async () => {
    dovecot = await startDovecot();
    imap = await dovecot.client();
  });
  afterAll(async () => {
    await imap?.logout().catch(() => {});
    await dovecot?.dispose();
  });

  /** A team with its own pair of folders and a connected mailbox, and a supervisor running it. */
  async function connected(options: { password?: string } = {}) {
    const team = await createTestTeam(handle, { ...basePolicy(), fallback: { member: 'ava@acme.test' } }, { now: new Date() });
    const inbox = `in-${randomUUID().slice(0, 8)}`;
    const sent = `${inbox}-sent`;
    if (!imap.usable) imap = await dovecot.client();
    await imap.mailboxCreate(inbox);
    await imap.mailboxCreate(sent);
    const created = await team.as('admin@acme.test').post('/v1/mailboxes', {
      address: 'ava@acme.test',
      host: dovecot.host,
      port: dovecot.port,
      tls: false,
      user: dovecot.user,
      password: options.password ?? dovecot.password,
      folders: { inbox, sent },
    });
    expect(created.status).toBe(201);
    const supervisor = startMailboxSupervisor({ ...team.deps, clock: { now: () => new Date() } }, secretBox(DEMO_SECRETS_KEY), {
      holder: `test-${randomUUID()}`,
      tickMs: 300,
      leaseMs: 5_000,
      connector: { recheckMs: 500 },
    });
    return { team, inbox, sent, mailboxId: created.body.id as string, supervisor };
  }

  async function done(team: TestTeam, mailboxId: string, supervisor: MailboxSupervisor) {
    await supervisor.stop();
    await team.as('admin@acme.test').delete(`/v1/mailboxes/${mailboxId}`);
  }

  it('delivered replies are ingested within seconds, routed, and left unread', async () => {
    const { team, inbox, mailboxId, supervisor } = await connected();
    try {
      const status = await eventually('the mailbox to connect', async () => {
        const view = await team.as('admin@acme.test').get(`/v1/mailboxes/${mailboxId}`);
        return view.body.status.state === 'connected' && view.body.status.lastSyncAt ? view.body : null;
      });
      expect(status.status.message).toBeNull();
      const started = Date.now();
      const messageId = newMessageId();
      await imap.append(inbox, rawMessage({ from: 'Chris Doe <chris@northwind.com>', messageId, text: 'Interested - can we talk this week?' }));
      await eventually('the reply to be ingested', async () => (await storedMessages(team.deps, team.orgId)) === 1, 10_000);
      expect(Date.now() - started).toBeLessThan(5_000);
      const thread = await team.as('ava@acme.test').get(`/v1/threads/lookup?messageId=${encodeURIComponent(messageId)}`);
      expect(thread.body).toMatchObject({ state: 'assigned', owner: { email: 'ava@acme.test' }, prospect: { email: 'chris@northwind.com' } });
      expect(thread.body.sla.status).toBe('running');
      // Read with BODY.PEEK: the prospect's reply is still unread in the mailbox.
      const lock = await imap.getMailboxLock(inbox, { readOnly: true });
      try {
        const [message] = await imap.fetchAll('1:*', { flags: true });
        expect(message?.flags?.has('\\Seen')).toBe(false);
      } finally {
        lock.release();
      }
      const view = await team.as('admin@acme.test').get(`/v1/mailboxes/${mailboxId}`);
      expect(view.body.checkpoints.find((c: { folder: string }) => c.folder === inbox)).toMatchObject({ lastUid: 1 });
    } finally {
      await done(team, mailboxId, supervisor);
    }
  });

  it('the owner’s reply in the sent folder is the first response: the clock stops', async () => {
    const { team, inbox, sent, mailboxId, supervisor } = await connected();
    try {
      const replyId = newMessageId();
      await imap.append(inbox, rawMessage({ from: 'chris@northwind.com', messageId: replyId, text: 'Interested - can we talk this week?' }));
      await eventually('the reply', async () => (await storedMessages(team.deps, team.orgId)) === 1);
      await imap.append(
        sent,
        rawMessage({
          from: 'Ava <ava@acme.test>',
          to: 'chris@northwind.com',
          inReplyTo: replyId,
          messageId: `<${randomUUID()}@acme.test>`,
          text: 'Tuesday 10am?',
        }),
      );
      const thread = await eventually('the first response', async () => {
        const view = await team.as('ava@acme.test').get(`/v1/threads/lookup?messageId=${encodeURIComponent(replyId)}`);
        return view.body.sla?.status === 'met' ? view.body : null;
      });
      expect(thread.sla.respondedAt).not.toBeNull();
      expect(await storedMessages(team.deps, team.orgId)).toBe(2);
    } finally {
      await done(team, mailboxId, supervisor);
    }
  });

  it('a refused login shows as an error with the server’s words', async () => {
    const { team, mailboxId, supervisor } = await connected({ password: 'wrong' });
    try {
      const view = await eventually('the error', async () => {
        const got = await team.as('admin@acme.test').get(`/v1/mailboxes/${mailboxId}`);
        return got.body.status.state === 'error' ? got.body : null;
      });
      expect(view.status.message).toMatch(/authentication failed/i);
      expect(JSON.stringify(view)).not.toContain('wrong');
    } finally {
      await done(team, mailboxId, supervisor);
    }
  });

  it('the server restarts: the connector reports it, comes back by itself and catches up', async () => {
    const { team, inbox, mailboxId, supervisor } = await connected();
    try {
      await deliver(imap, inbox, 3);
      await eventually('the first replies', async () => (await storedMessages(team.deps, team.orgId)) === 3);
      await dovecot.stop();
      await eventually(
        'the error status',
        async () => (await team.as('admin@acme.test').get(`/v1/mailboxes/${mailboxId}`)).body.status.state === 'error',
        10_000,
      );
      await dovecot.start();
      imap = await dovecot.client();
      await deliver(imap, inbox, 2);
      await eventually('the replies after the restart', async () => (await storedMessages(team.deps, team.orgId)) === 5, 20_000);
      expect((await team.as('admin@acme.test').get(`/v1/mailboxes/${mailboxId}`)).body.status.state).toBe('connected');
    } finally {
      await done(team, mailboxId, supervisor);
    }
  });

  it('UIDVALIDITY changes (the folder is recreated): the folder is read again, nothing is stored twice', async () => {
    const { team, inbox, mailboxId, supervisor } = await connected();
    try {
      const first = [newMessageId(), newMessageId(), newMessageId()];
      for (const messageId of first) await imap.append(inbox, rawMessage({ from: 'chris@northwind.com', messageId }));
      await eventually('the first replies', async () => (await storedMessages(team.deps, team.orgId)) === 3);
      const before = (await team.as('admin@acme.test').get(`/v1/mailboxes/${mailboxId}`)).body.checkpoints.find((c: { folder: string }) => c.folder === inbox);
      // The same messages come back under new UIDs, with one new one.
      await imap.mailboxDelete(inbox);
      await imap.mailboxCreate(inbox);
      const fresh = newMessageId();
      for (const messageId of [...first, fresh]) await imap.append(inbox, rawMessage({ from: 'chris@northwind.com', messageId }));
      const after = await eventually('the new UIDVALIDITY in the checkpoint', async () => {
        const view = await team.as('admin@acme.test').get(`/v1/mailboxes/${mailboxId}`);
        const checkpoint = view.body.checkpoints.find((c: { folder: string }) => c.folder === inbox);
        return checkpoint && checkpoint.uidValidity !== before.uidValidity && checkpoint.lastUid === 4 ? checkpoint : null;
      });
      expect(after.lastUid).toBe(4);
      const ids = await storedMessageIds(handle.db, handle, team.orgId);
      expect(ids.sort()).toEqual([...first, fresh].sort());
    } finally {
      await done(team, mailboxId, supervisor);
    }
  });

  it('a burst of 2,000 replies is ingested whole, each once', async () => {
    const { team, inbox, mailboxId, supervisor } = await connected();
    try {
      const ids = await deliver(imap, inbox, 2_000);
      await eventually('the burst', async () => (await storedMessages(team.deps, team.orgId)) === 2_000, 240_000, 500);
      const stored = await storedMessageIds(handle.db, handle, team.orgId);
      expect(new Set(stored).size).toBe(2_000);
      expect(stored.sort()).toEqual(ids.sort());
    } finally {
      await done(team, mailboxId, supervisor);
    }
  }, 300_000);
});
