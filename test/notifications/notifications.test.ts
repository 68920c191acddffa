// Notices to people through a real SMTP server (smtp-server, started here) and
// a local HTTP receiver in the Slack incoming-webhook format.
import { createServer } from 'node:http';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchNotifications, type NotificationChannels } from '../../backend/src/jobs/notifications.ts';
import { testDatabases, useDatabase } from '../support/databases.ts';
import { basePolicy, createTestTeam } from '../support/test-team.ts';

interface Mail {
  to: string;
  raw: string;
}

describe.each(testDatabases)('notifications on $name', (database) => {
  const handle = useDatabase(database);
  const mails: Mail[] = [];
  const slack: string[] = [];
  let slackFailures = 0;
  let smtp: SMTPServer;
  let receiver: ReturnType<typeof createServer>;
  let channels: NotificationChannels;
  let slackUrl = '';

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as { port: number }).port;
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (slackFailures > 0) {
          slackFailures -= 1;
          res.writeHead(500).end();
          return;
        }
        slack.push(JSON.parse(body).text);
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    slackUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/services/T000/B000/XXX`;
    const mailer = createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    channels = {
      sendMail: async (message) => void (await mailer.sendMail({ from: 'Reply routing <noreply@acme.test>', ...message })),
      postSlack: async (url, body) => {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (!response.ok) throw new Error(`Slack answered ${response.status}`);
      },
    };
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    receiver.close();
  });

  const team = async (now?: Date) => {
    const policy = basePolicy();
    policy.members = policy.members.map((m) =>
      m.email === 'cam@acme.test'
        ? { ...m, notify: ['slack'], slack_webhook: slackUrl }
        : m.email === 'maya@acme.test'
          ? { ...m, hours: { 'mon-fri': '09:00-18:00' } }
          : m,
    );
    policy.rules!.unshift({ name: 'Complaints to Maya', when: { category: ['complaint'] }, to: { member: 'maya@acme.test' } });
    return createTestTeam(handle, policy, { now });
  };

  it('the new owner gets an email that says why and links to the thread; a handoff reaches Slack with its note', async () => {
    const t = await team();
    const reply = await t.ingest({ from: { email: 'sam@globex.com' }, lead: { region: 'US-West' }, category: 'question' });
    expect((await dispatchNotifications(t.deps, channels, 'https://app.acme.test')).sent).toBeGreaterThanOrEqual(1);
    const mail = mails.find((m) => m.to === 'ava@acme.test' && m.raw.includes(reply.body.id))!;
    expect(mail.raw).toContain('Subject: New reply for you: sam@globex.com');
    expect(mail.raw).toContain(`https://app.acme.test/threads/${reply.body.id}`);

    const note = {
      context: 'Founders sequence',
      whatHappened: 'Asked for a French demo.',
      tags: ['demo'],
      keyFacts: { persona: 'COO' },
      nextStep: 'Book the demo',
    };
    await t.as('ava@acme.test').post(`/v1/threads/${reply.body.id}/handoff`, { to: 'cam@acme.test', reason: 'French speaker', note });
    await dispatchNotifications(t.deps, channels, 'https://app.acme.test');
    const message = slack.find((text) => text.includes(reply.body.id))!;
    expect(message).toContain('Handed to you: sam@globex.com');
    expect(message).toContain('Next step: Book the demo');
  });

  it('a failing channel never blocks an assignment, and the notice is retried until it goes', async () => {
    const t = await team();
    slackFailures = 1;
    const reply = await t.ingest({ from: { email: 'lee@globex.com' }, source: 'webinar', category: 'question' });
    expect(reply.body.owner.email).toBe('cam@acme.test');
    const first = await dispatchNotifications(t.deps, channels, 'https://app.acme.test');
    expect(first.failed).toBeGreaterThanOrEqual(1);
    t.clock.advance(1);
    const second = await dispatchNotifications(t.deps, channels, 'https://app.acme.test');
    expect(second.sent).toBeGreaterThanOrEqual(1);
    expect(slack.some((text) => text.includes(reply.body.id))).toBe(true);
  });

  it('a non-urgent notice waits for business hours; a complaint does not', async () => {
    const t = await team(new Date('2026-11-21T10:00:00Z')); // a Saturday
    await t.ingest({ from: { email: 'x@unknown.example' }, category: 'question' }); // to the triage queue: nobody to tell
    const complaint = await t.ingest({ from: { email: 'angry@corp.example' }, text: 'How did you get my address? This is harassment.' });
    expect(complaint.body.owner.email).toBe('maya@acme.test');
    const reassigned = await t.ingest({ from: { email: 'y@unknown.example' }, category: 'question' });
    await t.as('admin@acme.test').post(`/v1/threads/${reassigned.body.id}/reassign`, { to: 'maya@acme.test', reason: 'weekend cover' });
    const result = await dispatchNotifications(t.deps, channels, 'https://app.acme.test');
    expect(result.postponed).toBeGreaterThanOrEqual(1);
    expect(mails.some((m) => m.to === 'maya@acme.test' && m.raw.includes(complaint.body.id))).toBe(true);
    expect(mails.some((m) => m.to === 'maya@acme.test' && m.raw.includes(reassigned.body.id))).toBe(false);
    t.clock.advance(2 * 24 * 60); // Monday 10:00 UTC, 11:00 in Paris
    await dispatchNotifications(t.deps, channels, 'https://app.acme.test');
    expect(mails.some((m) => m.to === 'maya@acme.test' && m.raw.includes(reassigned.body.id))).toBe(true);
  });
});
