import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { createTestTeam } from '../../../../test/support/test-team.ts';
import { resultRows } from '../../store/database.ts';

const sales = { address: 'sales@acme.test', host: 'imap.acme.test', user: 'sales@acme.test', password: 'hunter2-very-secret' };

describe.each(testDatabases)('mailboxes API on $name', (database) => {
  const handle = useDatabase(database);

  it('an admin connects a mailbox with defaults; the password is never returned and is sealed at rest', async () => {
    const team = await createTestTeam(handle);
    const admin = team.as('admin@acme.test');
    const created = await admin.post('/v1/mailboxes', sales);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      address: 'sales@acme.test',
      port: 993,
      tls: true,
      auth: 'password',
      folders: { inbox: 'INBOX', sent: 'Sent' },
      options: { markSeen: false, move: null },
      status: { state: 'pending', message: null },
    });
    const listed = await admin.get('/v1/mailboxes');
    expect(listed.body).toHaveLength(1);
    for (const body of [created.body, listed.body, (await admin.get(`/v1/mailboxes/${created.body.id}`)).body]) {
      expect(JSON.stringify(body)).not.toContain('hunter2');
    }
    const stored = resultRows<{ credential_sealed: string }>(
      await handle.db.execute(sql`select credential_sealed from mailboxes where id = ${created.body.id}`),
    );
    // Read as the table owner, outside the org scope, only where row-level security is not armed.
    if (handle.rlsRole === null) {
      expect(stored[0]!.credential_sealed).toMatch(/^v1\./);
      expect(stored[0]!.credential_sealed).not.toContain('hunter2');
    }
  });

  it('an OAuth2 access token connects over XOAUTH2, and a new token can replace it', async () => {
    const team = await createTestTeam(handle);
    const admin = team.as('admin@acme.test');
    const created = await admin.post('/v1/mailboxes', {
      host: 'imap.gmail.com',
      user: 'ava@acme.test',
      accessToken: 'ya29.token',
      folders: { sent: '[Gmail]/Sent Mail' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ address: 'ava@acme.test', auth: 'xoauth2', folders: { inbox: 'INBOX', sent: '[Gmail]/Sent Mail' } });
    const changed = await admin.put(`/v1/mailboxes/${created.body.id}/credentials`, { accessToken: 'ya29.fresh' });
    expect(changed.status).toBe(200);
    expect(JSON.stringify(changed.body)).not.toContain('ya29');
  });

  it('says what to fix: both credentials, none, or a second connection of the same address', async () => {
    const team = await createTestTeam(handle);
    const admin = team.as('admin@acme.test');
    const both = await admin.post('/v1/mailboxes', { ...sales, accessToken: 't' });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toContain('either `password` or `accessToken`');
    const { password: _password, ...none } = sales;
    expect((await admin.post('/v1/mailboxes', none)).status).toBe(400);
    const noAddress = await admin.post('/v1/mailboxes', { host: 'imap.acme.test', user: 'sales', password: 'x' });
    expect(noAddress.status).toBe(400);
    expect(noAddress.body.error.message).toContain('address');
    expect((await admin.post('/v1/mailboxes', sales)).status).toBe(201);
    expect((await admin.post('/v1/mailboxes', sales)).status).toBe(409);
  });

  it('only an admin manages mailboxes; another org sees none of them', async () => {
    const team = await createTestTeam(handle);
    const created = await team.as('admin@acme.test').post('/v1/mailboxes', sales);
    for (const member of ['ava@acme.test', 'maya@acme.test']) {
      expect((await team.as(member).get('/v1/mailboxes')).status).toBe(403);
      expect((await team.as(member).post('/v1/mailboxes', { ...sales, address: 'other@acme.test' })).status).toBe(403);
      expect((await team.as(member).delete(`/v1/mailboxes/${created.body.id}`)).status).toBe(403);
    }
    const other = await createTestTeam(handle);
    expect((await other.as('admin@acme.test').get('/v1/mailboxes')).body).toEqual([]);
    expect((await other.as('admin@acme.test').delete(`/v1/mailboxes/${created.body.id}`)).status).toBe(404);
    expect((await team.as('admin@acme.test').delete(`/v1/mailboxes/${created.body.id}`)).status).toBe(200);
    expect((await team.as('admin@acme.test').get(`/v1/mailboxes/${created.body.id}`)).status).toBe(404);
  });
});
