import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { basePolicy, createTestTeam } from '../../../../test/support/test-team.ts';

describe.each(testDatabases)('on-call coverage on $name', (database) => {
  const handle = useDatabase(database);

  const policy = () => {
    const p = basePolicy();
    p.members = p.members.map((m) => (m.email === 'ava@acme.test' ? { ...m, timezone: 'America/New_York', hours: { 'mon-fri': '09:00-17:30' } } : m));
    p.coverage = [{ member: 'cam@acme.test', days: ['sat', 'sun'], hours: '10:00-12:00' }];
    return p;
  };

  it('a weekend reply whose target runs out before its owner is back goes to whoever is on call, and says why', async () => {
    const team = await createTestTeam(handle, policy(), { now: new Date('2026-11-21T09:30:00Z') }); // Saturday 10:30 in Paris
    await team.as('maya@acme.test').put('/v1/accounts', [{ name: 'Northwind', domains: ['northwind.com'], owner: 'ava@acme.test' }]);
    const reply = await team.ingest({ from: { email: 'chris@northwind.com' }, category: 'interested' });
    expect(reply.body.owner.email).toBe('cam@acme.test');
    expect(reply.body.explanation).toContain('Cam owns it as the on-call cover: Ava is out of hours until 2026-11-23 14:00 UTC');
    expect(reply.body.explanation).toContain("rule 'Account owner first'");
  });

  it('with nobody on duty, or within the owner’s hours, the owner keeps it', async () => {
    const evening = await createTestTeam(handle, policy(), { now: new Date('2026-11-21T15:00:00Z') }); // Saturday 16:00 in Paris
    await evening.as('maya@acme.test').put('/v1/accounts', [{ name: 'Northwind', domains: ['northwind.com'], owner: 'ava@acme.test' }]);
    expect((await evening.ingest({ from: { email: 'chris@northwind.com' }, category: 'interested' })).body.owner.email).toBe('ava@acme.test');
    const weekday = await createTestTeam(handle, policy(), { now: new Date('2026-11-23T15:00:00Z') }); // Monday 10:00 in New York
    await weekday.as('maya@acme.test').put('/v1/accounts', [{ name: 'Northwind', domains: ['northwind.com'], owner: 'ava@acme.test' }]);
    expect((await weekday.ingest({ from: { email: 'chris@northwind.com' }, category: 'interested' })).body.owner.email).toBe('ava@acme.test');
  });

  it('refuses a coverage entry for someone who is not on the team', async () => {
    const team = await createTestTeam(handle);
    const bad = policy();
    bad.coverage = [{ member: 'zed@acme.test', days: ['sat'], hours: '10:00-12:00' }];
    const response = await team.as('admin@acme.test').put('/v1/policy', bad);
    expect(response.status).toBe(400);
    expect(response.body.error.details.issues[0].path).toBe('coverage.0.member');
  });
});
