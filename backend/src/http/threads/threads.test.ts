import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { createTestTeam, type TestTeam } from '../../../../test/support/test-team.ts';

const note = {
  context: 'Founders sequence, offered a 20% pilot discount',
  whatHappened: 'They want a demo for their security team next week.',
  tags: ['pricing', 'security'],
  keyFacts: { persona: 'VP Engineering', pain: 'manual triage', timing: 'Q1' },
  nextStep: 'Book the demo with their CISO',
  promisedAt: '2026-11-30T15:00:00Z',
};

describe.each(testDatabases)('thread ownership over HTTP on $name', (database) => {
  const handle = useDatabase(database);

  /** A reply that no rule places: it waits in the triage queue. */
  const queued = async (team: TestTeam) => (await team.ingest({ from: { email: `p${Math.random()}@unknownco.example` }, category: 'question' })).body;

  it('the first claimer wins; the next gets 409 naming the owner', async () => {
    const team = await createTestTeam(handle);
    const thread = await queued(team);
    const ava = await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/claim`);
    expect(ava.status).toBe(200);
    expect(ava.body).toMatchObject({ state: 'assigned', owner: { email: 'ava@acme.test' }, lockedForMe: false });
    const ben = await team.as('ben@acme.test').post(`/v1/threads/${thread.id}/claim`);
    expect(ben.status).toBe(409);
    expect(ben.body.error).toMatchObject({ code: 'thread_locked', details: { owner: { email: 'ava@acme.test', name: 'Ava' } } });
    expect(ben.body.error.message).toContain('Ava');
    const seenByBen = await team.as('ben@acme.test').get(`/v1/threads/${thread.id}`);
    expect(seenByBen.body.lockedForMe).toBe(true);
    expect(seenByBen.body.allowedActions).not.toContain('claim');
  });

  it('only the owner can release; the thread goes back to the queue, claimable', async () => {
    const team = await createTestTeam(handle);
    const thread = await queued(team);
    await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/claim`);
    const byBen = await team.as('ben@acme.test').post(`/v1/threads/${thread.id}/release`, { reason: 'not mine' });
    expect(byBen.status).toBe(403);
    expect(byBen.body.error.code).toBe('not_owner');
    const noReason = await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/release`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.issues[0].path).toBe('reason');
    const released = await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/release`, { reason: 'Wrong territory' });
    expect(released.body).toMatchObject({ state: 'unassigned', owner: null });
    expect(released.body.history[0]).toMatchObject({ kind: 'released', by: 'ava@acme.test', from: 'ava@acme.test', to: null, reason: 'Wrong territory' });
    expect((await team.as('ben@acme.test').post(`/v1/threads/${thread.id}/claim`)).status).toBe(200);
  });

  it('a handoff carries the note to the new owner, and a follow-up date survives it', async () => {
    const team = await createTestTeam(handle);
    const thread = await queued(team);
    await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/claim`);
    await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/follow-up`, { at: '2026-11-28T09:00:00Z' });
    const handed = await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/handoff`, { to: 'cam@acme.test', reason: 'French speaker', note });
    expect(handed.status).toBe(200);
    expect(handed.body.owner.email).toBe('cam@acme.test');
    expect(handed.body.handoffNote).toEqual(note);
    expect(handed.body.followUpAt).toBe('2026-11-28T09:00:00.000Z');
    expect(handed.body.explanation).toBe('Cam owns it: Ava handed it off (French speaker).');
    const asCam = await team.as('cam@acme.test').get(`/v1/threads/${thread.id}`);
    expect(asCam.body.allowedActions).toEqual(expect.arrayContaining(['release', 'handoff', 'needs-help', 'resolve']));
  });

  it('a handoff with an incomplete note is refused, naming each missing field', async () => {
    const team = await createTestTeam(handle);
    const thread = await queued(team);
    await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/claim`);
    const response = await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/handoff`, {
      to: 'cam@acme.test',
      reason: 'x',
      note: { context: '', whatHappened: 'They asked for a demo.', tags: ['a', 'b', 'c'], keyFacts: {}, promisedAt: 'next week' },
    });
    expect(response.status).toBe(400);
    const paths = response.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['note.context', 'note.tags', 'note.keyFacts', 'note.nextStep', 'note.promisedAt']));
    expect((await team.as('ava@acme.test').get(`/v1/threads/${thread.id}`)).body.owner.email).toBe('ava@acme.test');
  });

  it('a handoff to someone who is not on the team, or is away, is refused', async () => {
    const team = await createTestTeam(handle);
    const thread = await queued(team);
    await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/claim`);
    const stranger = await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/handoff`, { to: 'zed@acme.test', reason: 'x', note });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.message).toContain('zed@acme.test is not a member of the team');
  });

  it('needs-help keeps the owner until a teammate takes it', async () => {
    const team = await createTestTeam(handle);
    const thread = await queued(team);
    await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/claim`);
    const help = await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/needs-help`, { reason: 'They want German' });
    expect(help.body).toMatchObject({ state: 'needs_help', owner: { email: 'ava@acme.test' } });
    const queue = await team.as('ben@acme.test').get('/v1/queue');
    expect(queue.body.needsHelp.map((t: { id: string }) => t.id)).toContain(thread.id);
    const taken = await team.as('ben@acme.test').post(`/v1/threads/${thread.id}/claim`);
    expect(taken.body).toMatchObject({ state: 'assigned', owner: { email: 'ben@acme.test' } });
    expect(taken.body.history[0]).toMatchObject({ kind: 'claimed', from: 'ava@acme.test', to: 'ben@acme.test' });
  });

  it('only a manager can reassign, and must say why', async () => {
    const team = await createTestTeam(handle);
    const thread = await queued(team);
    await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/claim`);
    const byRep = await team.as('ben@acme.test').post(`/v1/threads/${thread.id}/reassign`, { to: 'ben@acme.test', reason: 'mine now' });
    expect(byRep.status).toBe(403);
    expect(byRep.body.error.code).toBe('forbidden');
    const byManager = await team.as('maya@acme.test').post(`/v1/threads/${thread.id}/reassign`, { to: 'cam@acme.test', reason: 'Ava is overloaded' });
    expect(byManager.body.owner.email).toBe('cam@acme.test');
    expect(byManager.body.history[0]).toMatchObject({ kind: 'reassigned', by: 'maya@acme.test', reason: 'Ava is overloaded' });
  });

  it('tags and resolve: a closed thread reopens with the next reply, for the same owner', async () => {
    const team = await createTestTeam(handle);
    const thread = await queued(team);
    await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/claim`);
    const tagged = await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/tags`, { add: ['pricing', 'pilot'] });
    expect(tagged.body.tags).toEqual(['pricing', 'pilot']);
    const untagged = await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/tags`, { remove: ['pilot'] });
    expect(untagged.body.tags).toEqual(['pricing']);
    expect((await team.as('ben@acme.test').post(`/v1/threads/${thread.id}/tags`, { add: ['x'] })).status).toBe(403);
    const resolved = await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/resolve`, { outcome: 'meeting_booked' });
    expect(resolved.body).toMatchObject({ state: 'closed', outcome: 'meeting_booked' });
    expect((await team.as('ben@acme.test').post(`/v1/threads/${thread.id}/claim`)).status).toBe(409);
  });

  it('a member of another org sees nothing: 404 for the thread, the lookup and the actions', async () => {
    const ours = await createTestTeam(handle);
    const theirs = await createTestTeam(handle);
    const thread = await queued(ours);
    const outsider = theirs.as('ava@acme.test');
    expect((await outsider.get(`/v1/threads/${thread.id}`)).status).toBe(404);
    expect((await outsider.post(`/v1/threads/${thread.id}/claim`)).status).toBe(404);
    expect((await outsider.get(`/v1/threads/lookup?gmailThreadId=nothing`)).status).toBe(404);
    const queue = await outsider.get('/v1/queue');
    expect(queue.body.triage).toEqual([]);
    // And the thread is untouched.
    expect((await ours.as('ava@acme.test').get(`/v1/threads/${thread.id}`)).body.state).toBe('unassigned');
  });

  it('refuses a caller who is not a member, and a malformed thread id', async () => {
    const team = await createTestTeam(handle);
    const unknown = await team.as('eve@evil.example').get('/v1/queue');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toContain('not a member');
    const noHeader = await team.app.request('/v1/queue');
    expect(noHeader.status).toBe(401);
    const badId = await team.as('ava@acme.test').get('/v1/threads/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(badId.body.error.details.issues[0].path).toBe('id');
  });

  it('the lookup needs exactly one key', async () => {
    const team = await createTestTeam(handle);
    const none = await team.as('ava@acme.test').get('/v1/threads/lookup');
    expect(none.status).toBe(400);
    expect(none.body.error.message).toContain('exactly one of messageId, gmailThreadId, conversationId');
  });
});
