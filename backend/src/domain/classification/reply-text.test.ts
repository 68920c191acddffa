import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEXICONS } from './lexicons/index.ts';
import { replyText } from './reply-text.ts';

const own = (text: string) => replyText(text, LEXICONS);

describe('what the prospect wrote, above the quote and the signature', () => {
  it.each([
    ['a Gmail quote header', 'Tuesday works.\n\nOn Tue, Nov 3, 2026 at 10:14 AM Maya Chen <maya@acme.test> wrote:\n> Would a demo help?'],
    [
      'a Gmail quote header wrapped over two lines',
      'Tuesday works.\n\nOn Tue, Nov 3, 2026 at 10:14 AM Maya Chen <\nmaya@acme.test> wrote:\n\nWould a demo help?',
    ],
    ['an Outlook header block', 'Tuesday works.\n\nFrom: Maya Chen <maya@acme.test>\nSent: Tuesday, November 3, 2026 10:14 AM\nSubject: Demo'],
    ['an Outlook separator', 'Tuesday works.\n\n-----Original Message-----\nFrom: Maya Chen'],
    ['a phone signature', 'Tuesday works.\n\nSent from my iPhone'],
    ['a sign-off', 'Tuesday works.\n\nKind regards,\nJulien Marchal\nHead of Ops, Kobalt'],
    ['a signature separator', 'Tuesday works.\n-- \nJulien Marchal | +33 1 23 45 67 89'],
    ['un en-tête de citation', 'Mardi me va.\n\nLe mar. 3 nov. 2026 à 10:14, Maya Chen <maya@acme.test> a écrit :\n> Une démo vous aiderait ?'],
    ["un en-tête d'Outlook", 'Mardi me va.\n\nDe : Maya Chen <maya@acme.test>\nEnvoyé : mardi 3 novembre 2026 10:14\nObjet : Démo'],
    ["un message d'origine", "Mardi me va.\n\n-------- Message d'origine --------\nDe : Maya"],
    ['une signature de téléphone', 'Mardi me va.\n\nEnvoyé de mon iPhone'],
    ['une formule de politesse', 'Mardi me va.\n\nBien cordialement,\nJulien Marchal'],
    ['un « bonne journée »', 'Mardi me va.\nBonne journée !\nJulien'],
  ])('%s is cut', (_, text) => {
    // The reply is the first line in each case, in English or in French.
    expect(own(text)).toBe(text.split('\n')[0]);
  });

  it('keeps every line of a reply with no quote and no signature, and a long line whole', () => {
    const long = 'We compared three vendors on pricing and onboarding time. '.repeat(20);
    expect(own(`Thanks for the note.\n\nA few questions first:\n1. Pricing?\n2. SSO?\n${long}`)).toBe(
      `Thanks for the note.\n\nA few questions first:\n1. Pricing?\n2. SSO?\n${long}`.trim(),
    );
  });

  it('reads only the lines before a quote, whatever the quote says', () => {
    const line = fc.stringMatching(/^[A-Za-z0-9 ,.?!']{0,60}$/).filter((l) => !/^\s*(--|__|==|\+\+)|sent from|cheers|best|regards|^\s*on |from:/i.test(l));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.array(fc.string(), { maxLength: 5 }), (reply, quoted) => {
        const text = [...reply, '> ' + (quoted[0] ?? ''), ...quoted].join('\n');
        expect(own(text)).toBe(reply.join('\n').trim());
      }),
    );
  });
});
