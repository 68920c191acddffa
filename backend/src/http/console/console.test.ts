import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { basePolicy, createTestTeam, uniqueMessageId, type Json } from '../../../../test/support/test-team.ts';

describe.each(testDatabases)('the console’s routes on $name', (database) => {
  const handle = useDatabase(database);

  it('serves the console’s page under /app/ with its own CSP, and its sign-in settings', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dist, 'assets', 'console.js'), 'export {}');
    const team = await createTestTeam(handle, undefined, { console: { dist, signIn: { mode: 'demo' } } });
    const page = await team.app.request('/app/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>console</title>');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('https://accounts.google.com/gsi/client');
    expect(csp).not.toContain("'unsafe-eval'");
    expect((await team.app.request('/app/assets/console.js')).headers.get('cache-control')).toContain('immutable');
    expect(await (await team.app.request('/app/config.json')).json()).toEqual({ mode: 'demo' });
    expect((await team.app.request('/app/nope.js')).status).toBe(404);
    // The API keeps its own policy.
    expect((await team.app.request('/healthz')).headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('shows the team now: hours, availability, absences and open load against capacity', async () => {
    const policy = basePolicy();
    policy.members[1] = { ...policy.members[1]!, hours: { 'mon-fri': '09:00-17:30' }, timezone: 'America/New_York', capacity: 10 };
    const team = await createTestTeam(handle, policy);
    await team.ingest({ from: { email: 'jo@gmail.com' }, lead: { region: 'US-West' }, category: 'interested' });
    await team.as('maya@acme.test').post('/v1/members/cam@acme.test/absences', { startsAt: team.clock.now().toISOString(), reason: 'pto' });
    const response = await team.as('maya@acme.test').get('/v1/team');
    expect(response.status).toBe(200);
    const ava = response.body.members.find((m: Json) => m.email === 'ava@acme.test');
    // 09:00 UTC on a Monday is 04:00 in New York.
    expect(ava).toMatchObject({
      timezone: 'America/New_York',
      hours: { 'mon-fri': '09:00-17:30' },
      capacity: 10,
      workingNow: false,
      available: true,
      openThreads: 1,
    });
    const cam = response.body.members.find((m: Json) => m.email === 'cam@acme.test');
    expect(cam).toMatchObject({ available: false, workingNow: true });
    expect(cam.unavailableReason).toMatch(/away \(pto\)/);
    expect(response.body.absences).toEqual([expect.objectContaining({ member: 'cam@acme.test', reason: 'pto', endsAt: null })]);
    expect((await team.as('ava@acme.test').get('/v1/team')).status).toBe(403);
  });

  it('gives a thread’s messages and whole ledger, oldest first', async () => {
    const team = await createTestTeam(handle);
    const first = uniqueMessageId();
    const routed = await team.ingest({ messageId: first, from: { email: 'jo@gmail.com', name: 'Jo' }, sequence: 'founders-q3', text: 'Tell me more' });
    team.clock.advance(5);
    await team.ingest({ direction: 'outbound', from: { email: 'ben@acme.test' }, to: [{ email: 'jo@gmail.com' }], inReplyTo: first, text: 'Here it is' });
    await team.as('maya@acme.test').post(`/v1/threads/${routed.body.id}/reassign`, { to: 'cam@acme.test', reason: 'Cam covers Jo' });
    const messages = await team.as('maya@acme.test').get(`/v1/threads/${routed.body.id}/messages`);
    expect(messages.body.map((m: Json) => [m.direction, m.text])).toEqual([
      ['inbound', 'Tell me more'],
      ['outbound', 'Here it is'],
    ]);
    expect(messages.body[0].from).toEqual({ email: 'jo@gmail.com', name: 'Jo' });
    const ledger = await team.as('maya@acme.test').get(`/v1/threads/${routed.body.id}/ledger`);
    expect(ledger.body.map((e: Json) => e.kind)).toEqual(['routed', 'reassigned']);
    expect(ledger.body[1]).toMatchObject({ actor: 'maya@acme.test', fromOwner: 'ben@acme.test', toOwner: 'cam@acme.test', reason: 'Cam covers Jo' });
    expect((await team.as('maya@acme.test').get('/v1/threads/00000000-0000-4000-8000-000000000000/ledger')).status).toBe(404);
  });

  it('lists tags and the sequence of each queued thread', async () => {
    const team = await createTestTeam(handle);
    const routed = await team.ingest({ from: { email: 'jo@gmail.com' }, sequence: 'founders-q3', category: 'interested' });
    await team.as('ben@acme.test').post(`/v1/threads/${routed.body.id}/tags`, { add: ['pricing'] });
    const queue = await team.as('maya@acme.test').get('/v1/queue');
    expect(queue.body.open[0]).toMatchObject({ sequence: 'founders-q3', tags: ['pricing'] });
  });
});
