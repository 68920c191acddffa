import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { createTestTeam, uniqueMessageId } from '../../../../test/support/test-team.ts';

describe.each(testDatabases)('the metrics over time on $name', (database) => {
  const handle = useDatabase(database);

  it('gives weekly response times, SLA, reassignments, meetings and the queue over the day, and each series as CSV', async () => {
    const team = await createTestTeam(handle);
    const answered = uniqueMessageId();
    await team.ingest({ messageId: answered, from: { email: 'jo@gmail.com' }, sequence: 'founders-q3', category: 'interested' });
    team.clock.advance(20);
    await team.ingest({ direction: 'outbound', from: { email: 'ben@acme.test' }, to: [{ email: 'jo@gmail.com' }], inReplyTo: answered });
    const queued = await team.ingest({ from: { email: 'd@unknown.example' }, category: 'question' });
    expect(queued.body.state).toBe('unassigned');
    const booked = await team.ingest({ from: { email: 'b@globex.com' }, lead: { region: 'US-West' }, category: 'question' });
    await team.as('maya@acme.test').post(`/v1/threads/${booked.body.id}/reassign`, { to: 'cam@acme.test', reason: 'Cam knows Globex' });
    await team.as('cam@acme.test').post(`/v1/threads/${booked.body.id}/resolve`, { outcome: 'meeting_booked' });
    team.clock.advance(180);

    const maya = team.as('maya@acme.test');
    const series = await maya.get('/v1/metrics/series');
    expect(series.status).toBe(200);
    const last = series.body.weeks.length - 1;
    expect(series.body.firstResponseByMember['ben@acme.test'][last]).toMatchObject({ medianMinutes: 20, replies: 1 });
    expect(series.body.sla[last].met).toBe(1);
    expect(series.body.reassignments[last].count).toBe(1);
    expect(series.body.reassignmentReasons).toEqual([{ reason: 'Cam knows Globex', count: 1 }]);
    expect(series.body.meetings[last]).toMatchObject({ replies: 3, meetings: 1 });
    // The clock started at 09:00 UTC, 10:00 in Paris: the question waited in the queue through the next hours.
    expect(series.body.queueDepth.find((h: { hour: number }) => h.hour === 11).max).toBe(1);

    const csv = await team.app.request('/v1/metrics/series?series=sla&format=csv', { headers: { 'x-dev-user': 'maya@acme.test', 'x-dev-org': team.slug } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="sla-/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('week,met,breached');
    expect(lines.at(-1)).toMatch(/^\d{4}-\d{2}-\d{2},1,/);
    expect((await maya.get('/v1/metrics/series?format=csv')).status).toBe(400);
    expect((await maya.get('/v1/metrics/series?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z')).status).toBe(400);
    expect((await team.as('ava@acme.test').get('/v1/metrics/series')).status).toBe(403);
  });
});
