import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { createTestTeam, uniqueMessageId, type TestTeam } from '../../../../test/support/test-team.ts';
import { sweepEscalations } from '../../jobs/escalation-worker.ts';

describe.each(testDatabases)('metrics and the weekly audit on $name', (database) => {
  const handle = useDatabase(database);

  /** A small week: an answered reply, a missed one reassigned by the worker, a booked meeting, an opt-out and one in the queue. */
  async function week(team: TestTeam) {
    const answeredId = uniqueMessageId();
    await team.ingest({ messageId: answeredId, from: { email: 'jo@gmail.com' }, sequence: 'founders-q3', category: 'interested' });
    team.clock.advance(20);
    await team.ingest({ direction: 'outbound', from: { email: 'ben@acme.test' }, to: [{ email: 'jo@gmail.com' }], inReplyTo: answeredId });
    const missed = await team.ingest({ from: { email: 'a@globex.com' }, lead: { region: 'US-West' }, category: 'interested' });
    const booked = await team.ingest({ from: { email: 'b@globex.com' }, lead: { region: 'US-West' }, category: 'question' });
    await team.as('ben@acme.test').post(`/v1/threads/${booked.body.id}/resolve`, { outcome: 'meeting_booked' });
    await team.ingest({ from: { email: 'c@unknown.example' }, text: 'Please remove me from your list.' });
    await team.ingest({ from: { email: 'd@unknown.example' }, category: 'question' });
    team.clock.advance(95);
    await sweepEscalations(team.deps);
    team.clock.advance(31);
    await sweepEscalations(team.deps);
    return { missed };
  }

  it('reports response times in business minutes, SLA met and breached, reassignments and rates, by member', async () => {
    const team = await createTestTeam(handle);
    await week(team);
    const metrics = await team.as('maya@acme.test').get('/v1/metrics?groupBy=member');
    expect(metrics.status).toBe(200);
    const ben = metrics.body.rows.find((r: { group: string }) => r.group === 'ben@acme.test');
    expect(ben).toMatchObject({ firstResponseMedianMinutes: 20, slaMet: 1 });
    expect(metrics.body.reassignmentReasons).toEqual([{ reason: 'SLA missed', count: 1 }]);
    expect(metrics.body.unassignedNow).toBeGreaterThanOrEqual(1);
    const byCategory = await team.as('maya@acme.test').get('/v1/metrics?groupBy=category');
    expect(byCategory.body.rows.find((r: { group: string }) => r.group === 'unsubscribe')).toMatchObject({ replies: 1, unsubscribeRate: 1 });
    const csv = await team.app.request('/v1/metrics?groupBy=category', {
      headers: { 'x-dev-user': 'maya@acme.test', 'x-dev-org': team.slug, accept: 'text/csv' },
    });
    expect((await csv.text()).split('\n')[0]).toBe(
      'group,replies,firstResponseMedianMinutes,firstResponseP90Minutes,slaMet,slaBreached,reassignments,handoffsPerThread,meetingsPer100Replies,qualifiedReplyRate,unsubscribeRate,complaintRate',
    );
    expect((await team.as('ava@acme.test').get('/v1/metrics')).status).toBe(403);
  });

  it('the weekly audit lists the queue, missed clocks, idle rules, reassignment reasons and who breached most', async () => {
    const team = await createTestTeam(handle);
    await week(team);
    await team.as('ben@acme.test').post('/v1/me/away', {});
    const audit = await team.as('maya@acme.test').get('/v1/audit/weekly');
    expect(audit.status).toBe(200);
    expect(audit.body.unassigned.length).toBeGreaterThanOrEqual(1);
    expect(audit.body.rulesThatMatchedNothing).toEqual(expect.arrayContaining(['Bounces need no owner', 'Webinar follow-up']));
    expect(audit.body.rulesThatMatchedNothing).not.toContain('Sequence owner');
    expect(audit.body.topReassignmentReasons[0]).toEqual({ reason: 'SLA missed', count: 1 });
    expect(audit.body.membersWithMostBreaches[0].breaches).toBeGreaterThanOrEqual(1);
    expect(audit.body.pointingAtUnavailable).toEqual(expect.arrayContaining([expect.objectContaining({ where: 'pool west', member: 'ben@acme.test' })]));
  });
});
