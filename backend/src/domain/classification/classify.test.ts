import { describe, expect, it } from 'vitest';
import { classifyReply, type ClassificationInput } from './classify.ts';

const DATE = new Date('2026-11-20T10:00:00Z'); // a Friday

const reply = (text: string, overrides: Partial<ClassificationInput> = {}) =>
  classifyReply({ given: undefined, subject: 'Re: Quick question', text, headers: {}, from: 'chris@northwind.com', date: DATE, ...overrides });

const QUOTE_EN =
  '\n\nOn Mon, Nov 16, 2026 at 9:12 AM Ava <ava@acme.test> wrote:\n> Are you interested in a demo? Our pricing starts at $20.\n> Book a call here.';
const QUOTE_FR = '\n\nLe lun. 16 nov. 2026 à 09:12, Ava <ava@acme.test> a écrit :\n> Êtes-vous intéressé par une démo ? Nos tarifs démarrent à 20 €.';

describe('opt-outs beat everything a person wrote', () => {
  it.each([
    ['Not interested, stop spamming me.', 'en'],
    ['Pas intéressé, arrêtez de me spammer.', 'fr'],
    ['Please remove me from your list.', 'en'],
    ['Je ne souhaite plus recevoir vos messages.', 'fr'],
    ['Stop.', null],
  ])('%s', (text, language) => {
    const result = reply(text + QUOTE_EN);
    expect(result.category).toBe('unsubscribe');
    if (language) expect(result.language).toBe(language);
    expect(result.cues.length).toBeGreaterThan(0);
  });
});

describe('complaints', () => {
  it('a legal threat beside an opt-out is a complaint with the legal escalation (both suppress the address)', () => {
    expect(reply('Take me off your list or my lawyer will be in touch.')).toMatchObject({ category: 'complaint', escalation: 'legal' });
  });
  it('"how did you get my address" is a complaint', () => {
    expect(reply('How did you get my address?').category).toBe('complaint');
  });
  it('a legal threat is a complaint with the legal escalation, in English and French', () => {
    expect(reply('This violates CAN-SPAM and I am forwarding it to the FTC.')).toMatchObject({ category: 'complaint', escalation: 'legal' });
    expect(reply('Je vais saisir la CNIL si vous continuez.')).toMatchObject({ category: 'complaint', escalation: 'legal' });
  });
  it('a buyer whose lawyers review the contract is not a complaint, in English and French', () => {
    for (const text of [
      'Our lawyers need to review the MSA before we sign. Can you send the DPA?',
      'Notre avocat doit relire le contrat avant signature.',
      'Nous aimerions poursuivre la discussion avec votre équipe.',
    ]) {
      expect(reply(text)).toMatchObject({ escalation: null });
      expect(reply(text).category).not.toBe('complaint');
    }
  });
  it('an ARF feedback report is a complaint', () => {
    expect(
      reply('Feedback-Type: abuse\nUser-Agent: Yahoo!-Mail-Feedback/2.0', { reportType: 'feedback-report', from: 'feedback@arf.mail.yahoo.com' }).category,
    ).toBe('complaint');
  });
});

describe('machine mail is recognised before any wording', () => {
  it.each([
    [{ 'Auto-Submitted': 'auto-replied' }, 'I am away until Monday.'],
    [{ 'X-Autoreply': 'yes' }, 'Away from the office, back soon.'],
    [{ Precedence: 'auto_reply' }, 'Out of office this week.'],
  ])('auto-reply headers %o', (headers, text) => {
    expect(reply(text, { headers }).category).toBe('out_of_office');
  });

  it.each(['Automatic reply: Quick question', 'Réponse automatique : Votre plateforme', 'Absence du bureau : démo', 'Out of Office: hello'])(
    'the auto-reply subject %s',
    (subject) => {
      expect(reply('Je suis absent, je reviens bientôt. / I am out of the office.', { subject }).category).toBe('out_of_office');
    },
  );

  it.each(['Undeliverable: Quick question', 'Delivery Status Notification (Failure)', 'Mail delivery failed: returning message to sender'])(
    'the bounce subject %s',
    (subject) => {
      const result = reply('550 5.1.1 The email account that you tried to reach does not exist.', { subject, from: 'mailer-daemon@googlemail.com' });
      expect(result.category).toBe('bounce');
      expect(result.bounce?.kind).toBe('hard');
    },
  );

  it('reads a delivery status notification and tells a soft bounce from a hard one', () => {
    const dsn = (action: string, status: string) =>
      reply(
        `Reporting-MTA: dns; mx.example.com\n\nFinal-Recipient: rfc822; lee@initech.example\nAction: ${action}\nStatus: ${status}\nDiagnostic-Code: smtp; 452 4.2.2 Mailbox full`,
        {
          reportType: 'delivery-status',
          subject: 'Delivery Status Notification (Delay)',
          from: 'mailer-daemon@mx.example.com',
        },
      );
    expect(dsn('failed', '5.1.1').bounce).toMatchObject({ kind: 'hard', recipient: 'lee@initech.example', status: '5.1.1', action: 'failed' });
    expect(dsn('delayed', '4.2.2').bounce).toMatchObject({ kind: 'soft', status: '4.2.2' });
  });

  it('recognises a plain-text bounce from an older server', () => {
    const result = reply(
      "Hi. This is the qmail-send program at mail.example.net.\nI'm afraid I wasn't able to deliver your message to the following addresses.\n<old@example.net>:\nSorry, no mailbox here by that name. (#5.1.1)",
      { subject: 'failure notice', from: 'MAILER-DAEMON@mail.example.net' },
    );
    expect(result).toMatchObject({ category: 'bounce', bounce: { kind: 'hard', recipient: 'old@example.net' } });
  });

  it('an automatic message that is not an absence is not an out-of-office', () => {
    expect(reply('We received your request; ticket #4411 was opened.', { headers: { 'Auto-Submitted': 'auto-generated' } }).category).toBe('other');
  });
});

describe('out-of-office return dates, relative to the message date', () => {
  it.each([
    ['I am out of the office, back on Tuesday.', '2026-11-24'],
    ['Out of office, returning Dec 3rd.', '2026-12-03'],
    ['Je suis absent, de retour le 3 décembre.', '2026-12-03'],
    ["Je suis absente jusqu'à lundi prochain.", '2026-11-23'],
  ])('%s', (text, date) => {
    const result = reply(text, { headers: { 'Auto-Submitted': 'auto-replied' } });
    expect(result).toMatchObject({ category: 'out_of_office', returnDate: date });
  });

  it('names the alternate contact', () => {
    expect(reply('Out of office until Dec 1. For urgent matters contact tom@northwind.com.', { headers: { 'X-Autoreply': 'yes' } }).alternateContact).toBe(
      'tom@northwind.com',
    );
  });
});

describe('what the prospect wrote, not the quoted sales email', () => {
  it('a thank-you above a quote full of sales words is not interested', () => {
    expect(reply('Thanks, got it.' + QUOTE_EN).category).toBe('other');
  });
  it('a French "not now" with a follow-up date', () => {
    expect(reply("Pas pour l'instant, recontactez-moi le mois prochain." + QUOTE_FR)).toMatchObject({
      category: 'not_now',
      language: 'fr',
      followUpDate: '2026-12-20',
    });
  });
  it('"next quarter" follows up on the first day of the next quarter', () => {
    expect(reply('Not right now - ping me next quarter.').followUpDate).toBe('2027-01-01');
  });
  it('an interested reply proposing a time', () => {
    expect(reply("Sounds good, let's set up a call. Thursday at 2pm?").category).toBe('interested');
  });
  it('a referral names the person to talk to', () => {
    expect(reply("I'm not the right person - please talk to Jane Doe (jane.doe@northwind.com).")).toMatchObject({
      category: 'referral',
      referral: 'Jane Doe <jane.doe@northwind.com>',
    });
  });
  it('a pricing and SOC 2 question is a question with high intent and its tags', () => {
    expect(reply('How much is it for 20 seats? Do you have a SOC 2 report?')).toMatchObject({
      category: 'question',
      intent: 'high',
      tags: ['pricing', 'security'],
    });
  });
  it('an upstream classification is kept and said to be one', () => {
    expect(reply('whatever', { given: 'referral' })).toMatchObject({ category: 'referral', source: 'upstream' });
  });
});
