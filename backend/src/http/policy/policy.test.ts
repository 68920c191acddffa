import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { basePolicy, createTestTeam, type Json } from '../../../../test/support/test-team.ts';

describe.each(testDatabases)('the policy over HTTP on $name', (database) => {
  const handle = useDatabase(database);

  it('every change is a new version, and routing records the version that decided', async () => {
    const team = await createTestTeam(handle);
    const maya = team.as('maya@acme.test');
    expect((await maya.get('/v1/policy')).body.version).toBe(1);
    const before = await team.ingest({ from: { email: 'a@globex.com' }, category: 'question' });
    expect(before.body.state).toBe('unassigned');

    const next = basePolicy();
    next.fallback = { member: 'maya@acme.test' };
    const saved = await team.as('admin@acme.test').put('/v1/policy', next);
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    const after = await team.ingest({ from: { email: 'b@globex.com' }, category: 'question' });
    expect(after.body.owner.email).toBe('maya@acme.test');
    expect(after.body.history[0].policyVersion).toBe(2);
  });

  it('accepts YAML', async () => {
    const team = await createTestTeam(handle);
    const yaml = `
members:
  - { email: maya@acme.test, name: Maya, role: manager }
  - { email: ava@acme.test, name: Ava }
rules:
  - { name: Everything to Ava, to: { member: ava@acme.test } }
`;
    const saved = await team.as('admin@acme.test').put('/v1/policy', yaml, 'application/yaml');
    expect(saved.status).toBe(200);
    expect(saved.body.policy.rules[0].name).toBe('Everything to Ava');
    const routed = await team
      .as('maya@acme.test')
      .post('/v1/messages', { messageId: '<y1@y.example>', direction: 'inbound', from: { email: 'x@y.example' }, receivedAt: '2026-11-23T09:00:00Z' });
    expect(routed.body.owner.email).toBe('ava@acme.test');
  });

  it('refuses an invalid document with 400 naming each path, and keeps the current version', async () => {
    const team = await createTestTeam(handle);
    const bad = basePolicy();
    bad.members.push({ email: 'AVA@acme.test', name: 'Ava again' });
    bad.rules!.push({ name: 'To the east', to: { pool: 'east' } });
    bad.sla = { interested: '1 hour' };
    const response = await team.as('admin@acme.test').put('/v1/policy', bad);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('policy_invalid');
    const issues = response.body.error.details.issues as Array<{ path: string; message: string }>;
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'members.5.email', message: 'ava@acme.test is listed twice (first at members.1)' },
        { path: 'rules.6.to.pool', message: "pool 'east' is not defined in pools" },
        expect.objectContaining({ path: 'sla.interested' }),
      ]),
    );
    expect((await team.as('maya@acme.test').get('/v1/policy')).body.version).toBe(1);
  });

  it('refuses broken YAML with a message that says where', async () => {
    const team = await createTestTeam(handle);
    const response = await team.as('admin@acme.test').put('/v1/policy', 'members: [ {', 'application/yaml');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/YAML could not be read/);
  });

  it('a stale If-Match is a 409 and writes nothing; the current ETag goes through', async () => {
    const team = await createTestTeam(handle);
    const read = await team.app.request('/v1/policy', { headers: { 'x-dev-user': 'maya@acme.test', 'x-dev-org': team.slug } });
    expect(read.headers.get('etag')).toBe('"1"');
    const fresh = await team.app.request('/v1/policy', {
      method: 'PUT',
      headers: { 'x-dev-user': 'admin@acme.test', 'x-dev-org': team.slug, 'content-type': 'application/json', 'if-match': read.headers.get('etag')! },
      body: JSON.stringify(basePolicy()),
    });
    expect(fresh.status).toBe(200);
    const response = await team.app.request('/v1/policy', {
      method: 'PUT',
      headers: { 'x-dev-user': 'admin@acme.test', 'x-dev-org': team.slug, 'content-type': 'application/json', 'if-match': '"7"' },
      body: JSON.stringify(basePolicy()),
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as Json).error.code).toBe('stale_version');
    expect((await team.as('maya@acme.test').get('/v1/policy')).body.version).toBe(2);
  });

  it('a rep can read the policy but not change or simulate it; a manager can simulate but only an admin can change it', async () => {
    const team = await createTestTeam(handle);
    const byManager = await team.as('maya@acme.test').put('/v1/policy', basePolicy());
    expect(byManager.status).toBe(403);
    expect(byManager.body.error.message).toBe('Only an admin can change the policy');
    expect((await team.as('ava@acme.test').get('/v1/policy')).status).toBe(200);
    expect((await team.as('ava@acme.test').put('/v1/policy', basePolicy())).status).toBe(403);
    expect((await team.as('ava@acme.test').post('/v1/policy/simulate', { policy: basePolicy(), last: 5 })).status).toBe(403);
  });

  it('simulates a draft on recent replies: who would change, and nothing is written', async () => {
    const team = await createTestTeam(handle);
    await team.ingest({ from: { email: 'a@globex.com' }, category: 'question', lead: { region: 'US-West' } });
    await team.ingest({ from: { email: 'b@initech.example' }, category: 'question' });
    const draft = basePolicy();
    draft.rules = draft.rules!.filter((r) => r.name !== 'West territory');
    draft.fallback = { member: 'maya@acme.test' };
    const response = await team.as('maya@acme.test').post('/v1/policy/simulate', { policy: draft, last: 10 });
    expect(response.status).toBe(200);
    expect(response.body.summary.total).toBe(2);
    expect(response.body.summary.changed).toBe(2);
    const west = response.body.results.find((r: { prospect: string }) => r.prospect === 'a@globex.com');
    // Replayed now, the pool takes its next turn after Ava, who got the live reply.
    expect(west.current).toMatchObject({ owner: 'ben@acme.test', rule: 'West territory' });
    expect(west.draft).toMatchObject({ owner: 'maya@acme.test', rule: '(fallback)' });
    expect(response.body.summary.byOwner['maya@acme.test']).toEqual({ current: 0, draft: 2 });
    // Nothing written: the policy, the threads and the pool cursor are as they were.
    expect((await team.as('maya@acme.test').get('/v1/policy')).body.version).toBe(1);
    const queue = await team.as('maya@acme.test').get('/v1/queue');
    expect(queue.body.triage).toHaveLength(1);
    const again = await team.ingest({ from: { email: 'c@globex.com' }, category: 'question', lead: { region: 'US-West' } });
    expect(again.body.owner.email).toBe('ben@acme.test');
  });

  it('simulates given sample replies, and refuses an invalid draft naming the path', async () => {
    const team = await createTestTeam(handle);
    const sample = {
      messageId: '<s1@x.example>',
      direction: 'inbound',
      from: { email: 'dana@hooli.io' },
      receivedAt: '2026-11-23T09:00:00Z',
      source: 'Webinar',
    };
    const ok = await team.as('maya@acme.test').post('/v1/policy/simulate', { policy: basePolicy(), messages: [sample] });
    expect(ok.body.results[0].draft.owner).toBe('cam@acme.test');
    const bad = await team.as('maya@acme.test').post('/v1/policy/simulate', { policy: { members: [] }, messages: [sample] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('members');
    const neither = await team.as('maya@acme.test').post('/v1/policy/simulate', { policy: basePolicy() });
    expect(neither.status).toBe(400);
  });
});

describe.each(testDatabases)('holidays from an iCalendar file on $name', (database) => {
  const handle = useDatabase(database);
  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Acme HR//Holidays//EN',
    'BEGIN:VEVENT',
    'UID:1@acme.test',
    'DTSTART;VALUE=DATE:20261225',
    'DTEND;VALUE=DATE:20261226',
    'SUMMARY:Noël',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:2@acme.test',
    'DTSTART;VALUE=DATE:20261231',
    'DTEND;VALUE=DATE:20270102',
    'SUMMARY:Year-end closing',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');

  it('imports every day the events cover as a new policy version, and refuses what is not a calendar', async () => {
    const team = await createTestTeam(handle);
    const imported = await team.as('admin@acme.test').post('/v1/policy/holidays', undefined);
    expect(imported.status).toBe(400);
    const response = await team.app.request('/v1/policy/holidays', {
      method: 'POST',
      headers: { 'x-dev-user': 'admin@acme.test', 'x-dev-org': team.slug, 'content-type': 'text/calendar' },
      body: ics,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      version: 2,
      added: ['2026-12-25', '2026-12-31', '2027-01-01'],
      holidays: ['2026-12-25', '2026-12-31', '2027-01-01'],
    });
    const garbage = await team.app.request('/v1/policy/holidays', {
      method: 'POST',
      headers: { 'x-dev-user': 'admin@acme.test', 'x-dev-org': team.slug, 'content-type': 'text/calendar' },
      body: 'not a calendar',
    });
    expect(garbage.status).toBe(400);
    expect((await team.as('maya@acme.test').post('/v1/policy/holidays', { url: 'http://127.0.0.1:1/x.ics' })).status).toBe(403);
  });
});
