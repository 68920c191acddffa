// The built Gmail add-on (Code.js), run in the Apps Script stand-in against
// the real backend on PGlite over HTTP: what reps and managers see on the
// cards, and what the buttons do.
import { serve, type ServerType } from '@hono/node-server';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../support/databases.ts';
import { createTestTeam, type TestTeam } from '../support/test-team.ts';
import type { CardData, MailboxMessage } from './apps-script-stand-in.ts';
import { actionOf, button, buttonsOf, line, section, shownCard, startGmail, textsOf, type GmailStandIn } from './gmail-harness.ts';

const pglite = testDatabases.find((d) => d.name === 'pglite')!;

interface Backend {
  team: TestTeam;
  url: string;
  close(): Promise<void>;
}

async function serveTeam(target: { db: TestTeam['deps']['db']; rlsRole: string | null }): Promise<Backend> {
  const team = await createTestTeam(target);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: team.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { team, url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A prospect's reply, as it sits in one rep's mailbox (each mailbox has its own Gmail ids). */
function reply(messageId: string, overrides: Partial<MailboxMessage> = {}): MailboxMessage {
  return {
    gmailMessageId: `m-${randomUUID().slice(0, 8)}`,
    gmailThreadId: `t-${randomUUID().slice(0, 8)}`,
    headers: { 'Message-ID': messageId, 'In-Reply-To': '<seq-1@acme.test>', References: '<seq-1@acme.test>' },
    from: 'Chris Doe <chris@northwind.example>',
    to: 'sales@acme.test',
    subject: 'Re: Quick question',
    body: 'Back from the event - can we talk pricing this week?',
    date: new Date('2026-11-23T08:55:00Z'),
    ...overrides,
  };
}

const newMessageId = () => `<gmail-${randomUUID()}@northwind.example>`;

describe.each([pglite])('the Gmail add-on on $name', (database) => {
  const target = useDatabase(database);
  let backend: Backend;
  let gmail: GmailStandIn;

  beforeAll(async () => {
    backend = await serveTeam(target);
    gmail = await startGmail({ backendUrl: backend.url });
  });
  afterAll(async () => {
    await gmail?.close();
    await backend?.close();
  });

  /** Opens the message; the first time, signs in through the demo picker card as a user does. */
  async function signIn(user: string, message: MailboxMessage): Promise<CardData> {
    const [card] = await gmail.open(user, message.gmailMessageId);
    if (card!.sections[0]?.header !== 'Demo: act as') return card!;
    const pick = buttonsOf(card!).find((b) => (actionOf(b) as { email?: string }).email === user);
    expect(pick, `the picker offers ${user}`).toBeDefined();
    const response = await gmail.click(user, pick!, message.gmailMessageId);
    return shownCard(response)!;
  }

  /** Each rep gets the reply in their own mailbox, signs in and opens it. */
  async function everyoneReceives(messageId: string, users: string[]) {
    const copies = new Map<string, MailboxMessage>();
    for (const user of users) {
      const copy = reply(messageId);
      await gmail.deliver(user, copy);
      copies.set(user, copy);
    }
    return copies;
  }

  it('a rep who opens an unassigned reply sees Unassigned and a Claim button', async () => {
    const messageId = newMessageId();
    const copies = await everyoneReceives(messageId, ['ava@acme.test']);
    const card = await signIn('ava@acme.test', copies.get('ava@acme.test')!);

    expect(card.title).toBe('Re: Quick question');
    expect(card.subtitle).toBe('Chris Doe <chris@northwind.example>');
    expect(line(card, 'Owner')).toBe('Unassigned');
    expect(line(card, 'First response')).toMatch(/^(due in|overdue by|no clock)/);
    expect(section(card, 'Why no owner?')).toBeDefined();
    expect(textsOf(card)).toContain('Ava · Team ' + backend.team.slug);
    const claim = button(card, 'Claim');
    expect(claim.action?.functionName).toBe('onCardAction');
    expect(actionOf(claim)).toMatchObject({ kind: 'run', action: 'claim' });
    expect(buttonsOf(card).map((b) => b.text)).not.toContain('Reassign');

    // The backend knows the thread now, under Ava's Gmail thread id: the next open is one lookup.
    const again = await gmail.open('ava@acme.test', copies.get('ava@acme.test')!.gmailMessageId);
    expect(line(again[0]!, 'Owner')).toBe('Unassigned');
    expect(gmail.lastRequests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(['GET /v1/threads/lookup']);
    expect(gmail.lastRequests[0]!.headers['x-dev-user']).toBe('ava@acme.test');
  });

  it('claiming makes it Yours; a second rep sees it locked by Ava, without Claim', async () => {
    const copies = await everyoneReceives(newMessageId(), ['ava@acme.test', 'ben@acme.test']);
    const avaCard = await signIn('ava@acme.test', copies.get('ava@acme.test')!);
    const claimed = await gmail.click('ava@acme.test', button(avaCard, 'Claim'), copies.get('ava@acme.test')!.gmailMessageId);
    expect(claimed.notification).toBe('It is yours.');
    expect(line(shownCard(claimed)!, 'Owner')).toBe('Yours');

    const benCard = await signIn('ben@acme.test', copies.get('ben@acme.test')!);
    expect(line(benCard, 'Owner')).toBe('Locked by Ava');
    expect(buttonsOf(benCard).map((b) => b.text)).not.toContain('Claim');
  });

  it('a rep who claims a moment too late is told who won and sees the thread locked', async () => {
    const copies = await everyoneReceives(newMessageId(), ['ava@acme.test', 'ben@acme.test']);
    const avaCard = await signIn('ava@acme.test', copies.get('ava@acme.test')!);
    const benCard = await signIn('ben@acme.test', copies.get('ben@acme.test')!);
    await gmail.click('ava@acme.test', button(avaCard, 'Claim'), copies.get('ava@acme.test')!.gmailMessageId);

    const late = await gmail.click('ben@acme.test', button(benCard, 'Claim'), copies.get('ben@acme.test')!.gmailMessageId);
    expect(late.notification).toBe('Ava claimed this a moment ago.');
    expect(line(shownCard(late)!, 'Owner')).toBe('Locked by Ava');
  });

  it('a handoff with a note shows the note and the promised date to the receiver', async () => {
    const copies = await everyoneReceives(newMessageId(), ['ava@acme.test', 'cam@acme.test']);
    const ava = copies.get('ava@acme.test')!;
    const avaCard = await signIn('ava@acme.test', ava);
    const mine = shownCard(await gmail.click('ava@acme.test', button(avaCard, 'Claim'), ava.gmailMessageId))!;

    const opened = await gmail.click('ava@acme.test', button(mine, 'Hand off'), ava.gmailMessageId);
    expect(opened.navigation[0]?.op).toBe('push');
    const form = shownCard(opened)!;
    expect(form.title).toBe('Hand off');
    const to = form.sections[0]!.widgets.find((w) => w.kind === 'selection' && w.fieldName === 'to');
    expect(to && to.kind === 'selection' && to.items.map((i) => i.value)).toEqual(expect.arrayContaining(['cam@acme.test', 'maya@acme.test']));
    expect(to && to.kind === 'selection' && to.items.map((i) => i.value)).not.toContain('ava@acme.test');
    expect(form.sections[0]!.widgets.some((w) => w.kind === 'date' && w.fieldName === 'promisedAt')).toBe(true);

    const handed = await gmail.click('ava@acme.test', button(form, 'Hand off'), ava.gmailMessageId, {
      to: 'cam@acme.test',
      reason: 'Cam covers francophone accounts',
      context: 'Webinar follow-up; we offered a pilot',
      whatHappened: 'Chris wants pricing this week',
      noteTags: ['pricing'],
      persona: 'Head of Sales',
      nextStep: 'Send the pricing sheet',
      promisedAt: { date: '2026-11-26' },
    });
    expect(handed.notification).toBe('Handed off to Cam.');
    expect(handed.navigation.map((n) => n.op)).toEqual(['popToRoot', 'update']);
    expect(line(shownCard(handed)!, 'Owner')).toBe('Locked by Cam');

    const camCard = await signIn('cam@acme.test', copies.get('cam@acme.test')!);
    expect(line(camCard, 'Owner')).toBe('Yours');
    const note = section(camCard, 'Handoff note');
    expect(note).toBeDefined();
    expect(line(camCard, 'Context')).toBe('Webinar follow-up; we offered a pilot');
    expect(line(camCard, 'What happened')).toBe('Chris wants pricing this week');
    expect(line(camCard, 'Persona')).toBe('Head of Sales');
    expect(line(camCard, 'Next step')).toBe('Send the pricing sheet');
    // 09:00 in the user's zone (Paris, UTC+1) on the picked day.
    expect(line(camCard, 'Promised for')).toBe('26 Nov 2026, 09:00');
  });

  it('a manager reassigns a rep’s thread; the rep is offered no Reassign', async () => {
    const copies = await everyoneReceives(newMessageId(), ['ava@acme.test', 'maya@acme.test', 'ben@acme.test']);
    const ava = copies.get('ava@acme.test')!;
    const avaCard = shownCard(await gmail.click('ava@acme.test', button(await signIn('ava@acme.test', ava), 'Claim'), ava.gmailMessageId))!;
    expect(buttonsOf(avaCard).map((b) => b.text)).not.toContain('Reassign');

    const maya = copies.get('maya@acme.test')!;
    const mayaCard = await signIn('maya@acme.test', maya);
    expect(line(mayaCard, 'Owner')).toBe('Locked by Ava');
    const form = shownCard(await gmail.click('maya@acme.test', button(mayaCard, 'Reassign'), maya.gmailMessageId))!;
    const done = await gmail.click('maya@acme.test', button(form, 'Reassign'), maya.gmailMessageId, { to: 'ben@acme.test', reason: 'Ava is at the offsite' });
    expect(done.notification).toBe('Reassigned to Ben.');
    expect(line(shownCard(done)!, 'Owner')).toBe('Locked by Ben');
    expect(section(shownCard(done)!, 'History')?.widgets.some((w) => w.kind === 'decorated' && w.text === 'Maya reassigned it to Ben')).toBe(true);

    const benCard = await signIn('ben@acme.test', copies.get('ben@acme.test')!);
    expect(line(benCard, 'Owner')).toBe('Yours');
  });

  it('French users see the same card in French', async () => {
    const copies = await everyoneReceives(newMessageId(), ['ava@acme.test']);
    const ava = copies.get('ava@acme.test')!;
    await signIn('ava@acme.test', ava);
    const [card] = await gmail.open('ava@acme.test', ava.gmailMessageId, { locale: 'fr-FR' });
    expect(line(card!, 'Responsable')).toBe('Non attribué');
    expect(line(card!, 'Première réponse')).toMatch(/^(à rendre dans|en retard de|pas de délai)/);
    expect(button(card!, 'Prendre')).toBeDefined();
    const claimed = await gmail.click('ava@acme.test', button(card!, 'Prendre'), ava.gmailMessageId, {}, { locale: 'fr-FR' });
    expect(claimed.notification).toBe('Il est à vous.');
    expect(line(shownCard(claimed)!, 'Responsable')).toBe('À vous');
  });

  it('the compose card shows who owns the thread just opened', async () => {
    const copies = await everyoneReceives(newMessageId(), ['ben@acme.test']);
    const card = await signIn('ben@acme.test', copies.get('ben@acme.test')!);
    expect(line(card, 'Owner')).toBe('Unassigned');
    const [compose] = await gmail.compose('ben@acme.test');
    expect(compose!.title).toBe('Re: Quick question');
    expect(line(compose!, 'Owner')).toBe('Unassigned');
    const [home] = await gmail.homepage('ben@acme.test');
    expect(textsOf(home!)).toContain('Select a message to see who owns its thread.');
  });
});

describe('the Gmail add-on without its backend', () => {
  it('shows a readable card with a retry button, and never throws', async () => {
    // A port nothing listens on: UrlFetchApp throws, as Apps Script does on a refused connection.
    const gmail = await startGmail({ backendUrl: 'http://127.0.0.1:9' });
    try {
      const message = reply(newMessageId());
      await gmail.deliver('ava@acme.test', message);
      const [card] = await gmail.open('ava@acme.test', message.gmailMessageId);
      expect(textsOf(card!)).toContain('The routing service cannot be reached. Check your connection and try again.');
      const retry = button(card!, 'Try again');
      const again = await gmail.click('ava@acme.test', retry, message.gmailMessageId);
      expect(textsOf(shownCard(again)!)).toContain('The routing service cannot be reached. Check your connection and try again.');
    } finally {
      await gmail.close();
    }
  });
});

describe('the Gmail add-on with Google sign-in', () => {
  const target = useDatabase(pglite);
  it('sends the user’s ID token as a bearer and says so plainly when the backend refuses it', async () => {
    const backend = await serveTeam(target);
    const gmail = await startGmail({ backendUrl: backend.url, signIn: 'google' });
    try {
      const message = reply(newMessageId());
      await gmail.deliver('ava@acme.test', message);
      const [card] = await gmail.open('ava@acme.test', message.gmailMessageId);
      // This backend runs in demo mode: it refuses the token, and the card says what to do.
      expect(textsOf(card!)).toContain('Your account is not a member of a team here. Ask your admin to add you to the routing policy.');
      const [me] = gmail.lastRequests;
      expect(me?.url).toBe(`${backend.url}/v1/me`);
      expect(me?.headers.authorization).toBe('Bearer id-token-for:ava@acme.test');
      expect(JSON.stringify(gmail.lastRequests)).not.toContain('access-token:');
    } finally {
      await gmail.close();
      await backend.close();
    }
  });
});
