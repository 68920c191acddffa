// The Outlook task pane and send guard in a real Chromium (Debian's, driven by
// playwright-core) against the real backend over HTTP on PGlite. Office.js is
// Microsoft's and cannot be loaded here: a typed stand-in (office-stand-in.ts)
// takes its place, which is what "with the Office.js stand-in" in the names says.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../support/databases.ts';
import type { StandInGlobals, StandInItem } from './office-stand-in-config.ts';
import { CHROMIUM, chromiumAvailable, prospectReply, startPaneHarness, type PaneHarness, type PaneOptions } from './pane-harness.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', 'artifacts', 'outlook');
const available = chromiumAvailable();
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`);

const T0 = new Date('2026-11-23T09:00:00Z');

describe.skipIf(!available)('the Outlook task pane in Chromium, with the Office.js stand-in', () => {
  const handle = useDatabase(testDatabases[0]!);
  let harness: PaneHarness;
  let team: PaneHarness['team'];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    harness = await startPaneHarness(handle, T0);
    team = harness.team;
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  const reply = (text?: string) => prospectReply(T0, text);
  /** The browser clock starts a minute after the reply arrived, unless a test says otherwise. */
  const openPane = (member: string | null, item: StandInItem | null, options: PaneOptions = {}) =>
    harness.openPane(member, item, { at: new Date(T0.getTime() + 60_000), ...options });

  const badge = (page: Page) => page.getByTestId('owner-badge');
  const shoot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const threadOf = async (item: StandInItem) =>
    (await team.as('maya@acme.test').get(`/v1/threads/lookup?conversationId=${encodeURIComponent(item.conversationId!)}`)).body;

  it('a rep signs in with the demo picker, opens a reply the backend has not seen, and claims it', async () => {
    const item = reply();
    const page = await openPane(null, item);
    await page.getByLabel('Demo: act as').selectOption('ava@acme.test');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => badge(page).textContent()).toBe('Unassigned');
    await expect.poll(async () => (await page.getByTestId('category').textContent())?.startsWith('Interested')).toBe(true);
    await shoot(page, '1-unassigned');
    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    await expect.poll(() => badge(page).textContent()).toBe('Yours');
    expect(await page.getByTestId('notice').textContent()).toBe('It is yours.');
    expect(await page.getByRole('button', { name: 'Claim', exact: true }).count()).toBe(0);
    await shoot(page, '2-claimed');
    const stored = await threadOf(item);
    expect(stored.owner.email).toBe('ava@acme.test');
    await page.context().close();
  });

  it('a second rep sees the thread locked to the first and cannot claim it', async () => {
    const item = reply();
    const ava = await openPane('ava@acme.test', item);
    await expect.poll(() => badge(ava).textContent()).toBe('Unassigned');
    await ava.getByRole('button', { name: 'Claim', exact: true }).click();
    await expect.poll(() => badge(ava).textContent()).toBe('Yours');
    const ben = await openPane('ben@acme.test', item);
    await expect.poll(() => badge(ben).textContent()).toBe('Locked by Ava');
    expect(await ben.getByRole('button', { name: 'Claim', exact: true }).count()).toBe(0);
    await shoot(ben, '3-locked-for-ben');
    await ava.context().close();
    await ben.context().close();
  });

  it('a rep who loses the claim race is told who won and sees the thread locked', async () => {
    const item = reply();
    const ben = await openPane('ben@acme.test', item);
    await expect.poll(() => badge(ben).textContent()).toBe('Unassigned');
    const thread = await threadOf(item);
    expect((await team.as('ava@acme.test').post(`/v1/threads/${thread.id}/claim`)).status).toBe(200);
    await ben.getByRole('button', { name: 'Claim', exact: true }).click();
    await expect.poll(() => ben.getByTestId('notice').textContent()).toBe('Ava claimed this a moment ago.');
    await expect.poll(() => badge(ben).textContent()).toBe('Locked by Ava');
    await ben.context().close();
  });

  it('the owner hands off with a note, and the receiver sees the note and the promised date', async () => {
    const item = reply();
    const thread = await team.ingest({ messageId: item.internetMessageId!, conversationId: item.conversationId!, from: { email: item.from!.emailAddress } });
    await team.as('ava@acme.test').post(`/v1/threads/${thread.body.id}/claim`);
    const ava = await openPane('ava@acme.test', item);
    await expect.poll(() => badge(ava).textContent()).toBe('Yours');
    await ava.getByRole('button', { name: 'Hand off' }).click();
    const form = ava.getByRole('form', { name: 'Hand off' });
    await form.getByLabel('To', { exact: true }).selectOption('ben@acme.test');
    await form.getByLabel('Reason').fill('Ben runs security reviews');
    await form.getByLabel('Context: why we reached out, what we offered').fill('Outbound on data residency; offered a pilot');
    await form.getByLabel('What happened: their last reply in one sentence').fill('They asked for our SOC 2 report');
    await form.getByLabel('security').check();
    await form.getByLabel('Persona').fill('CISO');
    await form.getByLabel('Next step').fill('Send the SOC 2 report and book the review');
    await form.getByLabel('Promised date (optional)').fill('2026-11-26T15:00');
    await shoot(ava, '4-handoff-form');
    await form.getByRole('button', { name: 'Hand off' }).click();
    await expect.poll(() => ava.getByTestId('notice').textContent()).toBe('Handed off to Ben.');
    await expect.poll(() => badge(ava).textContent()).toBe('Locked by Ben');

    const ben = await openPane('ben@acme.test', item);
    await expect.poll(() => badge(ben).textContent()).toBe('Yours');
    const note = ben.getByTestId('handoff-note');
    await expect.poll(() => note.textContent()).toContain('Send the SOC 2 report and book the review');
    expect(await note.textContent()).toContain('CISO');
    // The form took the rep's local time (the browser's: UTC here) and the pane shows it back.
    expect(await note.textContent()).toMatch(/Promised for26 Nov 2026, 15:00/);
    await shoot(ben, '5-handoff-received');
    await ava.context().close();
    await ben.context().close();
  });

  it('a manager reassigns; a rep is not offered Reassign', async () => {
    const item = reply();
    const thread = await team.ingest({ messageId: item.internetMessageId!, conversationId: item.conversationId!, from: { email: item.from!.emailAddress } });
    await team.as('ava@acme.test').post(`/v1/threads/${thread.body.id}/claim`);
    const ava = await openPane('ava@acme.test', item);
    await expect.poll(() => badge(ava).textContent()).toBe('Yours');
    expect(await ava.getByRole('button', { name: 'Reassign' }).count()).toBe(0);
    const maya = await openPane('maya@acme.test', item);
    await expect.poll(() => badge(maya).textContent()).toBe('Locked by Ava');
    await maya.getByRole('button', { name: 'Reassign' }).click();
    const form = maya.getByRole('form', { name: 'Reassign' });
    await form.getByLabel('To', { exact: true }).selectOption('cam@acme.test');
    await form.getByLabel('Reason').fill('Ava is out on Friday');
    await form.getByRole('button', { name: 'Reassign' }).click();
    await expect.poll(() => badge(maya).textContent()).toBe('Locked by Cam');
    expect((await threadOf(item)).owner.email).toBe('cam@acme.test');
    await maya.getByText('History').click();
    expect(await maya.getByTestId('history').textContent()).toContain('Maya reassigned it to Cam');
    await shoot(maya, '6-reassigned-by-manager');
    await ava.context().close();
    await maya.context().close();
  });

  it('the SLA countdown ticks, turns amber in the last quarter hour and red once overdue', async () => {
    const item = reply();
    const thread = await team.ingest({
      messageId: item.internetMessageId!,
      conversationId: item.conversationId!,
      from: { email: item.from!.emailAddress },
      category: 'interested',
    });
    const due = new Date(thread.body.sla.dueAt).getTime();
    const page = await openPane('ava@acme.test', item, { at: new Date(due - 20 * 60_000) });
    const sla = page.getByTestId('sla');
    await expect.poll(() => sla.textContent()).toBe('due in 20 min');
    expect(await sla.getAttribute('class')).toContain('sla-ok');
    await page.clock.runFor(6 * 60_000);
    await expect.poll(() => sla.textContent()).toBe('due in 14 min');
    expect(await sla.getAttribute('class')).toContain('sla-amber');
    await shoot(page, '7-sla-amber');
    await page.clock.runFor(19 * 60_000);
    await expect.poll(() => sla.textContent()).toBe('overdue by 5 min');
    expect(await sla.getAttribute('class')).toContain('sla-red');
    await page.context().close();
  });

  it('a pinned pane follows the selected message', async () => {
    const first = reply('Can we talk pricing?');
    const second = reply('Please take me off your list.');
    const page = await openPane('ava@acme.test', first);
    await expect.poll(() => page.locator('#thread-subject').textContent()).toBe(first.subject);
    await page.evaluate((item) => (globalThis as unknown as StandInGlobals).officeStandInControl.select(item), second);
    await expect.poll(() => page.locator('#thread-subject').textContent()).toBe(second.subject);
    await expect.poll(async () => (await page.getByTestId('category').textContent())?.startsWith('Unsubscribe')).toBe(true);
    await page.context().close();
  });

  it('French display language shows the pane in French, and the dark theme follows Outlook', async () => {
    const page = await openPane('ava@acme.test', reply(), { language: 'fr-FR', dark: true });
    await expect.poll(() => badge(page).textContent()).toBe('Non attribué');
    expect(await page.getByRole('button', { name: 'Prendre', exact: true }).count()).toBe(1);
    expect(await page.locator('main').getAttribute('lang')).toBe('fr');
    expect(await page.locator('main').getAttribute('class')).toContain('theme-dark');
    await shoot(page, '8-french-dark');
    await page.context().close();
  });

  it('the send guard warns a rep replying on a thread someone else owns, and lets the owner send', async () => {
    const item = reply();
    const thread = await team.ingest({ messageId: item.internetMessageId!, conversationId: item.conversationId!, from: { email: item.from!.emailAddress } });
    await team.as('maya@acme.test').post(`/v1/threads/${thread.body.id}/claim`);
    const compose: StandInItem = { mode: 'compose', conversationId: item.conversationId!, subject: item.subject };
    const ava = await openPane('ava@acme.test', compose, { path: 'commands.html' });
    const warned = await ava.evaluate(() => (globalThis as unknown as StandInGlobals).officeStandInControl.send());
    expect(warned).toEqual({ allowEvent: false, errorMessage: 'Maya owns this conversation. Send anyway?' });
    const maya = await openPane('maya@acme.test', compose, { path: 'commands.html' });
    expect(await maya.evaluate(() => (globalThis as unknown as StandInGlobals).officeStandInControl.send())).toEqual({ allowEvent: true });
    const paneWhileReplying = await openPane('ava@acme.test', compose);
    await expect.poll(() => badge(paneWhileReplying).textContent()).toBe('Locked by Maya');
    await shoot(paneWhileReplying, '9-compose-locked');
    for (const page of [ava, maya, paneWhileReplying]) await page.context().close();
  });

  it('a backend that cannot be reached reads as a sentence with a retry, never a blank pane', async () => {
    const page = await openPane('ava@acme.test', reply());
    await expect.poll(() => badge(page).textContent()).toBe('Unassigned');
    await page.route(`${harness.base}/v1/**`, (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('The routing service cannot be reached. Check your connection and try again.');
    expect(await badge(page).textContent()).toBe('Unassigned');
    await page.context().close();
  });

  it('the owner tags the thread from the team’s tag set, removes a chip, sets a follow-up and resolves it', async () => {
    const item = reply();
    const thread = await team.ingest({ messageId: item.internetMessageId!, conversationId: item.conversationId!, from: { email: item.from!.emailAddress } });
    await team.as('ava@acme.test').post(`/v1/threads/${thread.body.id}/claim`);
    const page = await openPane('ava@acme.test', item);
    await expect.poll(() => badge(page).textContent()).toBe('Yours');
    for (const tag of ['pricing', 'competitor']) {
      await page.getByRole('button', { name: 'Tags', exact: true }).click();
      await page.getByRole('form', { name: 'Tags' }).getByLabel('Add a tag').selectOption(tag);
      await page.getByRole('form', { name: 'Tags' }).getByRole('button', { name: 'Tags' }).click();
      await expect.poll(() => page.getByTestId('tags').textContent()).toContain(tag);
    }
    await page.getByRole('button', { name: 'Remove tag competitor' }).click();
    await expect.poll(() => page.getByTestId('tags').textContent()).toBe('pricing×');
    await page.getByRole('button', { name: 'Follow-up date' }).click();
    await page.getByRole('form', { name: 'Follow-up date' }).getByLabel('Follow up on').fill('2026-12-01T09:30');
    await page.getByRole('form', { name: 'Follow-up date' }).getByRole('button', { name: 'Follow-up date' }).click();
    await expect.poll(() => page.getByTestId('follow-up').textContent()).toBe('1 Dec 2026, 09:30');
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.getByRole('form', { name: 'Resolve' }).getByLabel('Outcome').selectOption('meeting_booked');
    await page.getByRole('form', { name: 'Resolve' }).getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => badge(page).textContent()).toBe('Closed');
    const stored = await threadOf(item);
    expect(stored).toMatchObject({ state: 'closed', outcome: 'meeting_booked', tags: ['pricing'], followUpAt: '2026-12-01T09:30:00.000Z' });
    await page.context().close();
  });

  it('works from the keyboard alone: Tab to Claim, Enter', async () => {
    const page = await openPane('ava@acme.test', reply());
    await expect.poll(() => badge(page).textContent()).toBe('Unassigned');
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if (
        (await page.evaluate(
          () => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent,
        )) === 'Claim'
      )
        break;
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => badge(page).textContent()).toBe('Yours');
    await page.context().close();
  });
});

describe.skipIf(!available)('Microsoft sign-in in the Outlook task pane, with the Office.js stand-in', () => {
  const handle = useDatabase(testDatabases[0]!);
  let harness: PaneHarness;

  beforeAll(async () => {
    harness = await startPaneHarness(handle, T0, {
      mode: 'microsoft',
      clientId: '8f3a1c52-7d4e-4b8a-9c1f-2e6d5a4b3c21',
      apiScope: 'api://routing.example.com/8f3a1c52-7d4e-4b8a-9c1f-2e6d5a4b3c21/access_as_user',
    });
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('without Nested App Authentication, signs in through an Office dialog on our origin, and says so when it is closed', async () => {
    const page = await harness.openPane('ava@acme.test', prospectReply(T0), { nestedAppAuth: false });
    await expect.poll(() => page.getByText('Sign in with your work account to see who owns this thread.').count()).toBe(1);
    const dialogs = await page.evaluate(() => (globalThis as unknown as StandInGlobals).officeStandInDialogs);
    expect(dialogs).toHaveLength(1);
    const url = new URL(dialogs[0]!);
    expect(url.origin + url.pathname).toBe(`${harness.base}/addin/outlook/auth-dialog.html`);
    expect(url.searchParams.get('clientId')).toBe('8f3a1c52-7d4e-4b8a-9c1f-2e6d5a4b3c21');
    expect(url.searchParams.get('scope')).toBe('api://routing.example.com/8f3a1c52-7d4e-4b8a-9c1f-2e6d5a4b3c21/access_as_user');
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    await page.context().close();
  });
});
