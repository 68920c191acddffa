// The manager's console in a real Chromium (Debian's, driven by
// playwright-core) against the real backend over HTTP on PGlite: sign in,
// the queue and reassigning, a thread, the team and an absence that routing
// honours, the policy editor with Simulate and Publish, the metrics and the
// weekly audit. Screenshots of each page go to test/artifacts/console/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, useDatabase } from '../support/databases.ts';
import { uniqueMessageId, type Json } from '../support/test-team.ts';
import { CHROMIUM, chromiumAvailable, startConsoleHarness, type ConsoleHarness } from './console-harness.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', 'artifacts', 'console');
const available = chromiumAvailable();
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`);

/** A Monday morning in Paris. */
const T0 = new Date('2026-11-23T09:00:00Z');

describe.skipIf(!available)('the manager’s console in Chromium', () => {
  const handle = useDatabase(testDatabases[0]!);
  let harness: ConsoleHarness;
  let team: ConsoleHarness['team'];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    harness = await startConsoleHarness(handle, T0);
    team = harness.team;
    // A floor to look at: replies in the queue, with their owners, and one from a prospect who opted out.
    await team.ingest({ from: { email: 'chris@northwind.example', name: 'Chris Doe' }, subject: 'Re: Pricing for 40 seats', category: 'question' });
    await team.ingest({ from: { email: 'dana@globex.example' }, subject: 'Re: Demo next week?', sequence: 'founders-q3', category: 'interested' });
    await team.ingest({ from: { email: 'eli@initech.example' }, subject: 'Re: Security review', lead: { region: 'US-West' }, category: 'question' });
    await team.ingest({ from: { email: 'fay@umbrella.example' }, subject: 'Re: Not now', lead: { region: 'US-West' }, category: 'not_now' });
    await team.ingest({ from: { email: 'gus@hooli.example' }, subject: 'Re: Take me off your list', text: 'Please remove me from your list.' });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  /** The browser clock starts a minute after the backend's, unless a test says otherwise. */
  const open = (member: string | null, hash = '', language?: string) => harness.open(member, { at: new Date(T0.getTime() + 60_000), hash, language });
  const shoot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const rowOf = (page: Page, subject: string) => page.getByTestId('queue').locator('tbody tr', { hasText: subject });

  it('a manager signs in with the demo picker and sees every thread in triage order, with live countdowns', async () => {
    const page = await open(null);
    await page.getByLabel('Demo: act as').selectOption('maya@acme.test');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('queue').waitFor();
    const subjects = await page.getByTestId('queue').locator('tbody tr td:nth-child(2) a').allTextContents();
    // The opt-out first (legal risk), then the interested reply, then the questions by due time.
    expect(subjects[0]).toBe('Re: Take me off your list');
    expect(subjects.indexOf('Re: Demo next week?')).toBeLessThan(subjects.indexOf('Re: Pricing for 40 seats'));
    const sla = rowOf(page, 'Re: Demo next week?').getByTestId('sla');
    expect(await sla.textContent()).toBe('due in 59 min');
    await shoot(page, '1-queue');
    // The clock runs on, and so do the countdowns (the page's fetch timeouts run on it too: no request is in flight here).
    await page.clock.runFor(2 * 60_000);
    await expect.poll(() => sla.textContent()).toBe('due in 57 min');
    await page.context().close();
  });

  it('filters the queue by owner, category, state, sequence and overdue', async () => {
    const page = await open('maya@acme.test');
    await page.getByTestId('queue').waitFor();
    await page.getByLabel('Sequence').selectOption('founders-q3');
    await expect.poll(() => page.getByTestId('queue').locator('tbody tr').count()).toBe(1);
    expect(page.url()).toContain('sequence=founders-q3');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Owner').selectOption('none');
    await expect
      .poll(async () => (await page.getByTestId('queue').locator('[data-testid=owner]').allTextContents()).every((t) => t === 'Nobody yet'))
      .toBe(true);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    // The opt-out is due at once: it is overdue, and only it.
    await page.getByLabel('Overdue only').check();
    await expect.poll(() => page.getByTestId('queue').locator('[data-testid=sla]').allTextContents()).toEqual([expect.stringMatching(/^overdue by/)]);
    await page.getByLabel('Category').selectOption('interested');
    await expect.poll(() => page.getByTestId('queue-empty').textContent()).toContain('No thread matches these filters');
    await page.context().close();
  });

  it('a manager reassigns two threads from the queue with a reason', async () => {
    const page = await open('maya@acme.test');
    await page.getByTestId('queue').waitFor();
    await page.getByLabel('Select Re: Security review').check();
    await page.getByLabel('Select Re: Not now').check();
    const form = page.getByTestId('reassign-form');
    await form.getByRole('button', { name: 'Reassign' }).click();
    expect(await form.getByRole('alert').textContent()).toBe('Choose who takes them.');
    await form.getByLabel('To', { exact: true }).selectOption('cam@acme.test');
    await form.getByRole('button', { name: 'Reassign' }).click();
    expect(await form.getByRole('alert').textContent()).toBe('Give a reason: it goes into each thread’s history.');
    await form.getByLabel('Reason').fill('Cam covers the West this week');
    await form.getByRole('button', { name: 'Reassign' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('2 threads reassigned to Cam.');
    await expect.poll(() => rowOf(page, 'Re: Security review').getByTestId('owner').textContent()).toBe('Cam');
    expect(await rowOf(page, 'Re: Not now').getByTestId('owner').textContent()).toBe('Cam');
    const queue = (await team.as('maya@acme.test').get('/v1/queue')).body;
    const moved = queue.open.find((t: Json) => t.subject === 'Re: Security review');
    const ledger = (await team.as('maya@acme.test').get(`/v1/threads/${moved.id}/ledger`)).body;
    expect(ledger.at(-1)).toMatchObject({ kind: 'reassigned', actor: 'maya@acme.test', toOwner: 'cam@acme.test', reason: 'Cam covers the West this week' });
    await page.context().close();
  });

  it('a thread’s page shows its messages, the explanation and the whole ledger', async () => {
    const first = uniqueMessageId();
    const routed = await team.ingest({
      messageId: first,
      from: { email: 'hal@wayne.example', name: 'Hal' },
      subject: 'Re: Pilot',
      sequence: 'founders-q3',
      text: 'We would like a pilot in January.',
      category: 'interested',
    });
    await team.ingest({
      direction: 'outbound',
      from: { email: 'ben@acme.test' },
      to: [{ email: 'hal@wayne.example' }],
      inReplyTo: first,
      text: 'Great, here is a plan.',
    });
    const page = await open('maya@acme.test', `#/threads/${routed.body.id}`);
    await page.getByTestId('ledger').waitFor();
    expect(await page.getByTestId('thread-owner').textContent()).toBe('Ben');
    expect(await page.getByTestId('explanation').textContent()).toContain('Sequence owner');
    await expect.poll(() => page.locator('.message-text').allTextContents()).toEqual(['We would like a pilot in January.', 'Great, here is a plan.']);
    expect(await page.getByTestId('ledger').locator('tbody tr').first().textContent()).toContain('Routed to Ben by rule Sequence owner');
    await shoot(page, '2-thread');
    await page.context().close();
  });

  it('a manager adds an absence on the Team page and routing skips that member', async () => {
    const page = await open('maya@acme.test', '#/team');
    await page.getByTestId('team').waitFor();
    const form = page.getByTestId('add-absence');
    await form.getByLabel('Member').selectOption('ben@acme.test');
    await form.getByLabel('Reason').selectOption('pto');
    await form.getByRole('button', { name: 'Add the absence' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('Absence added: routing skips Ben while it runs.');
    team.clock.advance(5);
    await page.reload();
    await page.getByTestId('team').waitFor();
    expect(await page.locator('tr[data-member="ben@acme.test"]').getByTestId('availability').textContent()).toBe('Away');
    expect(await page.getByTestId('calendar').locator('tr', { hasText: 'Ben' }).locator('.chip-absence').first().textContent()).toBe('Time off');
    await shoot(page, '3-team');
    // A reply of Ben's sequence now goes to his backup, Ava, and says why.
    const routed = await team.ingest({ from: { email: 'ivy@stark.example' }, subject: 'Re: Next steps', sequence: 'founders-q3', category: 'interested' });
    expect(routed.body.owner.email).toBe('ava@acme.test');
    expect(routed.body.explanation).toMatch(/Ben/);
    await page.getByRole('link', { name: 'Queue' }).click();
    await expect.poll(() => rowOf(page, 'Re: Next steps').getByTestId('owner').textContent()).toBe('Ava');
    // End it: Ben takes replies again.
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByTestId('absences').getByRole('button', { name: 'End now' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('Absence ended.');
    await page.context().close();
  });

  it('an admin edits a rule, sees the problem at its line, simulates, sees the changed owners and publishes', async () => {
    for (const email of ['kim@oscorp.example', 'lee@cyberdyne.example']) await team.ingest({ from: { email }, sequence: 'founders-q3', category: 'question' });
    const page = await open('admin@acme.test', '#/policy');
    const editor = page.locator('#policy-text');
    await editor.waitFor();
    const original = await editor.inputValue();
    expect(original).toContain('to: sequence_owner');
    const line = original.split('\n').findIndex((l) => l.includes('to: sequence_owner')) + 1;
    // A typo first: the check names it at its line.
    await editor.fill(original.replace('to: sequence_owner', 'to: sequence_ownr'));
    await expect.poll(() => page.getByTestId('policy-check').textContent()).toContain('1 problem to fix before you can publish');
    expect(await page.getByTestId('policy-check').textContent()).toContain(`Line ${line}`);
    expect(await page.locator(`.gutter-line[data-line="${line}"]`).getAttribute('class')).toContain('has-problem');
    expect(await page.getByRole('button', { name: 'Simulate' }).isDisabled()).toBe(true);
    // The edit: replies of a sequence go to Cam instead of the sequence owner.
    await editor.fill(original.replace('to: sequence_owner', 'to: { member: cam@acme.test }'));
    await expect.poll(() => page.getByTestId('policy-check').textContent()).toBe('The draft is valid.');
    expect(await page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Simulate' }).click();
    await page.getByTestId('simulation').waitFor();
    expect(await page.getByTestId('simulation').locator('h2').textContent()).toMatch(/^\d+ of \d+ replies would change owner$/);
    const changed = page.getByTestId('simulation-results').locator('tbody tr');
    expect(await changed.count()).toBeGreaterThanOrEqual(2);
    expect(await changed.first().getByTestId('new-owner').textContent()).toBe('Cam');
    expect(await changed.first().locator('td').nth(2).textContent()).toContain('Sequence owner');
    await shoot(page, '4-policy');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('Published as version 2: new replies route with it now.');
    const routed = await team.ingest({ from: { email: 'jan@acme-corp.example' }, sequence: 'founders-q3', category: 'interested' });
    expect(routed.body.owner.email).toBe('cam@acme.test');
    // The history shows what changed.
    await page.getByTestId('versions').getByRole('button', { name: 'v2' }).click();
    await page.getByTestId('diff').locator('.diff-added').first().waitFor();
    expect(await page.getByTestId('diff').locator('.diff-removed').allTextContents()).toEqual([expect.stringMatching(/- +to: sequence_owner$/)]);
    expect(await page.getByTestId('diff').locator('.diff-added').allTextContents()).toEqual([
      expect.stringMatching(/\+ +to:$/),
      expect.stringMatching(/\+ +member: cam@acme.test$/),
    ]);
    await shoot(page, '5-policy-diff');
    await page.context().close();
  });

  it('a manager can edit and simulate but not publish the policy', async () => {
    const page = await open('maya@acme.test', '#/policy');
    await page.locator('#policy-text').waitFor();
    expect(await page.getByText('Only an admin can publish; you can edit and simulate.').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);
    await page.context().close();
  });

  it('the metrics page draws its charts and exports each as CSV', async () => {
    const page = await open('maya@acme.test', '#/metrics');
    await page.getByTestId('chart-sla').locator('canvas').waitFor();
    for (const chart of ['chart-category', 'chart-member', 'chart-reassignments', 'chart-queue', 'chart-meetings']) {
      expect(await page.getByTestId(chart).locator('canvas').count()).toBe(1);
    }
    expect(await page.getByTestId('reasons').textContent()).toContain('Cam covers the West this week');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /Download First response in time vs late, per week as CSV/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('sla.csv');
    await shoot(page, '6-metrics');
    await page.context().close();
  });

  it('the weekly audit links each item to where it is fixed', async () => {
    const page = await open('maya@acme.test', '#/audit');
    const unassigned = page.getByTestId('audit-unassigned');
    await unassigned.waitFor();
    expect(await page.getByTestId('audit-idle-rules').textContent()).toContain('Bounces need no owner');
    await shoot(page, '7-audit');
    await unassigned.getByRole('link', { name: 'Open the thread' }).first().click();
    await page.getByTestId('ledger').waitFor();
    expect(page.url()).toMatch(/#\/threads\//);
    await page.context().close();
  });

  it('speaks French, and tells a rep the console is for managers', async () => {
    const page = await open('maya@acme.test', '', 'fr-FR');
    await page.getByTestId('queue').waitFor();
    expect(await page.getByRole('link', { name: 'Équipe' }).count()).toBe(1);
    expect(await page.getByTestId('queue-summary').textContent()).toMatch(/fils sur/);
    await page.context().close();
    const rep = await open('ava@acme.test');
    await expect.poll(() => rep.locator('.empty p').textContent()).toContain('The console is for managers and admins');
    await rep.context().close();
  });
});
