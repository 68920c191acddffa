// What each category sets in motion, end to end over HTTP: raw RFC 822 in,
// classification, placement, suppressions, tasks and outbox events out.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { basePolicy, createTestTeam, uniqueMessageId, type Json, type TestTeam } from '../../../../test/support/test-team.ts';
import { DEMO_SECRETS_KEY, secretBox } from '../../crypto/secret-box.ts';
import { deliverDueEvents } from '../../jobs/outbox-delivery.ts';
import { resultRows as rows } from '../../store/database.ts';

const bounce = (recipient: string) => `From: MAILER-DAEMON@mx.example.com (Mail Delivery System)
To: ava@acme.test
Subject: Undelivered Mail Returned to Sender
Date: Mon, 23 Nov 2026 09:15:00 +0000
Message-ID: <bounce-${Math.random()}@mx.example.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.com

Final-Recipient: rfc822; ${recipient}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

--B--
`;

const outOfOffice = (inReplyTo: string) => `From: Chris Doe <chris@northwind.com>
To: ava@acme.test
Subject: Automatic reply: Quick question
Date: Mon, 23 Nov 2026 09:20:00 +0000
Message-ID: <ooo-${Math.random()}@northwind.com>
In-Reply-To: ${inReplyTo}
Auto-Submitted: auto-replied
Content-Type: text/plain; charset=utf-8

I am out of the office until Thursday, December 3 with limited access to email.
For urgent matters please contact Tom Baker at tom.baker@northwind.com.
`;

async function postRaw(team: TestTeam, source: string, query = '') {
  const response = await team.app.request(`/v1/messages${query}`, {
    method: 'POST',
    headers: { 'x-dev-user': 'admin@acme.test', 'x-dev-org': team.slug, 'content-type': 'message/rfc822' },
    body: source,
  });
  return { status: response.status, body: (await response.json()) as Json };
}

describe.each(testDatabases)('classification in motion on $name', (database) => {
  const handle = useDatabase(database);

  async function outboxKinds(team: TestTeam): Promise<string[]> {
    return rows<{ kind: string }>(
      await handle.db.execute(sql`select kind from outbox where org_id = ${team.orgId} and kind not like 'notify.%' order by created_at, kind`),
    ).map((r) => r.kind);
  }

  it('a raw hard bounce needs no owner, suppresses the address, stops the sequence, and says why', async () => {
    const team = await createTestTeam(handle);
    const response = await postRaw(team, bounce('lena@initech.example'), '?sequence=founders-q3');
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ category: 'bounce', state: 'waiting', owner: null });
    expect(response.body.classification.bounce).toMatchObject({ kind: 'hard', recipient: 'lena@initech.example', status: '5.1.1' });
    expect(response.body.classification.cues).toContain('structure: multipart/report delivery-status (RFC 3464)');
    const list = await team.as('maya@acme.test').get('/v1/suppressions');
    expect(list.body).toEqual([expect.objectContaining({ email: 'lena@initech.example', reason: 'invalid' })]);
    const csv = await team.app.request('/v1/suppressions', { headers: { 'x-dev-user': 'maya@acme.test', 'x-dev-org': team.slug, accept: 'text/csv' } });
    expect(await csv.text()).toMatch(/^email,reason,threadId,createdAt\nlena@initech\.example,invalid,/);
    expect(await outboxKinds(team)).toEqual(['lead.suppressed', 'sequence.stopped']);
  });

  it('an out-of-office keeps its owner, waits, follows up on the return date and spends no round-robin turn', async () => {
    const team = await createTestTeam(handle);
    const sent = uniqueMessageId();
    const first = await team.ingest({ messageId: sent, from: { email: 'chris@northwind.com' }, lead: { region: 'US-West' }, category: 'question' });
    expect(first.body.owner.email).toBe('ava@acme.test'); // the west pool's first turn
    const reply = await postRaw(team, outOfOffice(sent), '?sequence=founders-q3');
    expect(reply.body).toMatchObject({ id: first.body.id, category: 'out_of_office', state: 'waiting', owner: { email: 'ava@acme.test' } });
    // Ava's first business morning back: 09:00 in Paris, the team's zone (she has no hours of her own).
    expect(reply.body.followUpAt).toBe('2026-12-03T08:00:00.000Z');
    expect(reply.body.classification).toMatchObject({ returnDate: '2026-12-03', alternateContact: 'tom.baker@northwind.com' });
    expect(reply.body.lockedForMe).toBe(true);
    // The pool's next turn is still Ben's.
    const next = await team.ingest({ from: { email: 'sam@globex.com' }, lead: { region: 'US-West' }, category: 'question' });
    expect(next.body.owner.email).toBe('ben@acme.test');
    expect(await outboxKinds(team)).toEqual(['sequence.paused']);
  });

  it('opt-out wording beats a polite refusal: unsubscribe, suppressed, due at once', async () => {
    const team = await createTestTeam(handle);
    const reply = await team.ingest({ from: { email: 'kim@northwind.com' }, subject: 'Re: hi', text: 'Not interested, stop spamming me.' });
    expect(reply.body.category).toBe('unsubscribe');
    expect(reply.body.sla?.dueAt).toBe(team.clock.now().toISOString());
    expect(reply.body.classification.cues.join(' ')).toContain('stop spamming');
    const again = await team.ingest({ from: { email: 'kim@northwind.com' }, text: 'One more thing' });
    expect(again.body.suppressed).toBe(true);
  });

  it('a legal threat is a complaint with an escalation the policy can route on; high intent too', async () => {
    const team = await createTestTeam(handle);
    const policy = basePolicy();
    policy.rules!.unshift(
      { name: 'Legal to the manager', when: { escalation: ['legal'] }, to: { member: 'maya@acme.test' } },
      { name: 'Hot leads to Cam', when: { intent: 'high' }, to: { member: 'cam@acme.test' } },
    );
    expect((await team.as('admin@acme.test').put('/v1/policy', policy)).status).toBe(200);
    const threat = await team.ingest({ from: { email: 'ann@corp.example' }, text: 'How did you get my address? My lawyer will hear about this.' });
    expect(threat.body).toMatchObject({ category: 'complaint', owner: { email: 'maya@acme.test' } });
    expect(threat.body.classification.escalation).toBe('legal');
    const hot = await team.ingest({ from: { email: 'bo@corp.example' }, text: 'What is your pricing for 40 seats? We would need a demo too.' });
    expect(hot.body.owner.email).toBe('cam@acme.test');
    expect(hot.body.classification).toMatchObject({ intent: 'high' });
    expect(hot.body.classification.tags).toEqual(expect.arrayContaining(['demo', 'pricing']));
  });

  it('an interested reply gives its owner a task for today', async () => {
    const team = await createTestTeam(handle);
    const reply = await team.ingest({ from: { email: 'jo@gmail.com' }, sequence: 'founders-q3', text: "Sounds great, let's set up a call next week." });
    expect(reply.body).toMatchObject({ category: 'interested', owner: { email: 'ben@acme.test' } });
    const tasks = await team.as('ben@acme.test').get('/v1/tasks');
    expect(tasks.body).toEqual([expect.objectContaining({ threadId: reply.body.id, dueOn: '2026-11-23' })]);
    expect((await team.as('ava@acme.test').get('/v1/tasks?assignee=ben@acme.test')).status).toBe(403);
  });

  it('classifies without storing, and a correction is kept in the ledger and runs the new category’s actions', async () => {
    const team = await createTestTeam(handle);
    const probe = await team.as('ava@acme.test').post('/v1/classify', {
      messageId: '<c1@x.example>',
      direction: 'inbound',
      from: { email: 'x@y.example' },
      receivedAt: '2026-11-23T09:00:00Z',
      text: 'Pas pour l’instant, recontactez-moi le mois prochain.',
    });
    expect(probe.body).toMatchObject({ category: 'not_now', classification: { language: 'fr', followUpDate: '2026-12-23' } });
    expect(rows<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from messages where org_id = ${team.orgId}`))[0]!.n).toBe(0);

    const reply = await team.ingest({ from: { email: 'pat@corp.example' }, text: 'Thanks for the note.' });
    await team.as('ava@acme.test').post(`/v1/threads/${reply.body.id}/claim`);
    const corrected = await team.as('ava@acme.test').post(`/v1/threads/${reply.body.id}/category`, { category: 'unsubscribe', reason: 'asked by phone' });
    expect(corrected.status).toBe(200);
    expect(corrected.body.category).toBe('unsubscribe');
    expect(corrected.body.classification.source).toBe('corrected');
    expect(corrected.body.history[0]).toMatchObject({ kind: 'category_corrected', by: 'ava@acme.test', reason: 'asked by phone' });
    expect(corrected.body.suppressed).toBe(true);
    expect((await team.as('ben@acme.test').post(`/v1/threads/${reply.body.id}/category`, { category: 'other' })).status).toBe(403);
  });

  it('outbox events reach the sending tool signed, and a failing receiver loses none', async () => {
    const team = await createTestTeam(handle);
    const received: Array<{ body: string; timestamp: string; signature: string }> = [];
    let failNext = true;
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (failNext) {
          failNext = false;
          res.writeHead(503).end();
          return;
        }
        received.push({ body, timestamp: String(req.headers['x-reply-routing-timestamp']), signature: String(req.headers['x-reply-routing-signature']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const port = (receiver.address() as { port: number }).port;
      const settings = await team.as('admin@acme.test').put('/v1/org', { webhookUrl: `http://127.0.0.1:${port}/events` });
      const secret = settings.body.webhookSecret as string;
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await team.ingest({ from: { email: 'kim@northwind.com' }, text: 'Please remove me from your list.' });

      const secrets = secretBox(DEMO_SECRETS_KEY);
      const nodeFetch = (url: string, init: Parameters<typeof fetch>[1] & object) => fetch(url, init);
      const first = await deliverDueEvents(team.deps, secrets, nodeFetch);
      expect(first.failed).toBeGreaterThanOrEqual(1);
      team.clock.advance(2);
      const second = await deliverDueEvents(team.deps, secrets, nodeFetch);
      expect(second.delivered).toBeGreaterThanOrEqual(1);
      const event = received.find((r) => r.body.includes('lead.suppressed'))!;
      expect(JSON.parse(event.body)).toMatchObject({ type: 'lead.suppressed', data: { email: 'kim@northwind.com', reason: 'opt_out' } });
      expect(event.signature).toBe(`sha256=${createHmac('sha256', secret).update(`${event.timestamp}.${event.body}`).digest('hex')}`);
      const pending = rows<{ n: number }>(
        await handle.db.execute(sql`select count(*)::int as n from outbox where org_id = ${team.orgId} and delivered_at is null`),
      )[0]!.n;
      expect(pending).toBe(0);
    } finally {
      receiver.close();
    }
  });
});
