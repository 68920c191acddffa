import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { createTestTeam } from '../../../../test/support/test-team.ts';

const note = { context: 'c', whatHappened: 'w', tags: ['t'], keyFacts: { persona: 'p' }, nextStep: 'n' };

describe.each(testDatabases)('absences on $name', (database) => {
  const handle = useDatabase(database);

  it("a planned absence sends the member's replies to their backup, and the explanation says so", async () => {
    const team = await createTestTeam(handle);
    await team.as('maya@acme.test').put('/v1/accounts', [{ name: 'Northwind', domains: ['northwind.com'], owner: 'ava@acme.test' }]);
    const planned = await team
      .as('ava@acme.test')
      .post('/v1/members/ava@acme.test/absences', { startsAt: '2026-11-23T08:00:00Z', endsAt: '2026-11-26T08:00:00Z', reason: 'pto' });
    expect(planned.status).toBe(201);
    const reply = await team.ingest({ from: { email: 'chris@northwind.com' }, category: 'question' });
    expect(reply.body.owner.email).toBe('ben@acme.test');
    expect(reply.body.explanation).toContain('Ava is away (pto) until 2026-11-26 08:00 UTC, so their backup Ben takes it');
    team.clock.advance(4 * 24 * 60);
    const later = await team.ingest({ from: { email: 'dana@northwind.com' }, category: 'question' });
    expect(later.body.owner.email).toBe('ava@acme.test');
  });

  it('a rep plans only their own absences; a manager plans and sees the team’s', async () => {
    const team = await createTestTeam(handle);
    const body = { startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-02T00:00:00Z', reason: 'sick' };
    expect((await team.as('ava@acme.test').post('/v1/members/ben@acme.test/absences', body)).status).toBe(403);
    expect((await team.as('maya@acme.test').post('/v1/members/ben@acme.test/absences', body)).status).toBe(201);
    expect((await team.as('maya@acme.test').post('/v1/members/zed@acme.test/absences', body)).status).toBe(404);
    const backwards = await team.as('ben@acme.test').post('/v1/members/ben@acme.test/absences', { ...body, endsAt: '2026-11-30T00:00:00Z' });
    expect(backwards.status).toBe(400);
    expect((await team.as('maya@acme.test').get('/v1/absences')).body).toHaveLength(1);
    expect((await team.as('ava@acme.test').get('/v1/absences')).status).toBe(403);
  });

  it('away now takes a member out of the pool and out of handoffs; back now returns them', async () => {
    const team = await createTestTeam(handle);
    expect((await team.as('ben@acme.test').post('/v1/me/away', {})).status).toBe(201);
    expect((await team.as('ben@acme.test').post('/v1/me/away', {})).status).toBe(409);
    const first = await team.ingest({ from: { email: 'a@globex.com' }, lead: { region: 'US-West' }, category: 'question' });
    const second = await team.ingest({ from: { email: 'b@globex.com' }, lead: { region: 'US-West' }, category: 'question' });
    expect([first.body.owner.email, second.body.owner.email]).toEqual(['ava@acme.test', 'ava@acme.test']);
    const handoff = await team.as('ava@acme.test').post(`/v1/threads/${first.body.id}/handoff`, { to: 'ben@acme.test', reason: 'x', note });
    expect(handoff.status).toBe(409);
    expect(handoff.body.error.code).toBe('member_unavailable');
    team.clock.advance(30);
    const back = await team.as('ben@acme.test').post('/v1/me/back');
    expect(back.body).toHaveLength(1);
    expect(back.body[0].endsAt).toBe('2026-11-23T09:30:00.000Z');
    const third = await team.ingest({ from: { email: 'c@globex.com' }, lead: { region: 'US-West' }, category: 'question' });
    expect(third.body.owner.email).toBe('ben@acme.test');
  });

  it('a cancelled future absence changes nothing', async () => {
    const team = await createTestTeam(handle);
    const planned = await team.as('ava@acme.test').post('/v1/members/ava@acme.test/absences', { startsAt: '2026-11-23T08:00:00Z', reason: 'travel' });
    const cancelled = await team.app.request(`/v1/absences/${planned.body.id}`, {
      method: 'DELETE',
      headers: { 'x-dev-user': 'ava@acme.test', 'x-dev-org': team.slug },
    });
    expect(cancelled.status).toBe(200);
    const reply = await team.ingest({ from: { email: 'a@globex.com' }, lead: { region: 'US-West' }, category: 'question' });
    expect(reply.body.owner.email).toBe('ava@acme.test');
  });
});
