import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { createTestTeam } from '../../../../test/support/test-team.ts';

describe.each(testDatabases)('who am I, on $name', (database) => {
  const handle = useDatabase(database);

  it('tells a rep their role, the team to hand off to and the tag set', async () => {
    const team = await createTestTeam({ db: handle.db, rlsRole: null });
    const me = await team.as('ava@acme.test').get('/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.me).toEqual({ email: 'ava@acme.test', name: 'Ava', role: 'rep' });
    expect(me.body.org.name).toBe(`Team ${team.slug}`);
    expect(me.body.members.map((m: { email: string }) => m.email)).toEqual(expect.arrayContaining(['ava@acme.test', 'ben@acme.test', 'maya@acme.test']));
    expect(me.body.members.find((m: { email: string }) => m.email === 'maya@acme.test').role).toBe('manager');
    expect(me.body.tags).toEqual(expect.arrayContaining(['pricing', 'demo', 'security']));
  });

  it('in demo mode lists the members for the sign-in picker without a signed-in member', async () => {
    const team = await createTestTeam({ db: handle.db, rlsRole: null });
    const response = await team.app.request('/demo/members');
    expect(response.status).toBe(200);
    const members = (await response.json()) as Array<{ email: string; role: string }>;
    expect(members).toContainEqual({ email: 'maya@acme.test', name: 'Maya', role: 'manager' });
  });

  it('without a member, /v1/me says how to sign in', async () => {
    const team = await createTestTeam({ db: handle.db, rlsRole: null });
    const response = await team.app.request('/v1/me');
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/X-Dev-User/);
  });
});
