// The reply classifier: what kind of reply this is, why (its cues), and the
// signals beside the category. Pure: it reads the message's headers,
// structure, sender, subject and the prospect's own words, in that order.
import type { Category } from '#shared/categories';
import { followUpDate, returnDate } from './dates.ts';
import { readDeliveryStatus, type BounceFacts } from './delivery-status.ts';
import { detectLanguage } from './language.ts';
import type { Lexicon, Weighted } from './lexicon.ts';
import { LEXICONS } from './lexicons/index.ts';
import { replyText } from './reply-text.ts';
import { normalisePhrase, normaliseText } from './text-normalise.ts';

export interface ClassificationInput {
  /** An upstream tool's classification, trusted when present. */
  given: Category | undefined;
  subject: string;
  /** The whole plain text, quoted history included. */
  text: string;
  headers: Readonly<Record<string, string>>;
  from: string;
  /** The message's date: relative dates ("back on Tuesday") count from it. */
  date?: Date;
  /** `report-type` of a multipart/report message, when the MIME parser saw one. */
  reportType?: string | null;
}

export interface Classification {
  category: Category;
  /** Where the category came from. */
  source: 'upstream' | 'classifier';
  /** 0 to 1. */
  confidence: number;
  /** What decided it, in words: a header, a structure, a phrase. */
  cues: string[];
  language: string | null;
  tags: string[];
  intent: 'high' | null;
  escalation: 'legal' | null;
  /** Out-of-office: the day they are back (YYYY-MM-DD). */
  returnDate: string | null;
  /** Out-of-office: who to write to meanwhile. */
  alternateContact: string | null;
  /** Referral: who the prospect points to. */
  referral: string | null;
  /** Not now: when to try again (YYYY-MM-DD). */
  followUpDate: string | null;
  bounce: BounceFacts | null;
}

interface Entry {
  phrase: string;
  text: string;
  weight: number;
}

interface CompiledLexicon {
  lexicon: Lexicon;
  /** Per list, the phrases by their first word: a reply is checked only against phrases that start with one of its words. */
  lists: Record<ListName, Map<string, Entry[]>>;
  autoReplySubjects: string[];
  bounceSubjects: string[];
  tags: Array<[string, string[]]>;
  intentHigh: string[];
}

const LISTS = [
  'unsubscribe',
  'complaint',
  'legal',
  'notInterested',
  'notNow',
  'objection',
  'interested',
  'question',
  'referral',
  'other',
  'outOfOffice',
  'bounceBody',
] as const;
type ListName = (typeof LISTS)[number];

function compile(lexicon: Lexicon): CompiledLexicon {
  const weighted = (items: Weighted[]) => {
    const byFirstWord = new Map<string, Entry[]>();
    for (const item of items) {
      const [phrase, weight] = typeof item === 'string' ? [item, undefined] : item;
      const text = normalisePhrase(phrase);
      const words = text.trim().split(' ');
      // Longer phrases say more than single words.
      const entry = { phrase, text, weight: weight ?? 1 + 0.5 * (words.length - 1) };
      const first = words[0] ?? '';
      byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), entry]);
    }
    return byFirstWord;
  };
  return {
    lexicon,
    lists: Object.fromEntries(LISTS.map((name) => [name, weighted(lexicon[name])])) as CompiledLexicon['lists'],
    autoReplySubjects: lexicon.autoReplySubjects.map(normalisePhrase),
    bounceSubjects: lexicon.bounceSubjects.map(normalisePhrase),
    tags: Object.entries(lexicon.tags).map(([tag, phrases]) => [tag, phrases.map(normalisePhrase)]),
    intentHigh: lexicon.intentHigh.map(normalisePhrase),
  };
}

const COMPILED = LEXICONS.map(compile);

/** The distinct words of a normalised text, computed once per text (a one-entry cache: evaluation is synchronous). */
let lastText = '';
let lastWords = new Set<string>();
function wordsOf(normalised: string): Set<string> {
  if (normalised !== lastText) {
    lastText = normalised;
    lastWords = new Set(normalised.trim().split(' '));
  }
  return lastWords;
}

function score(name: ListName, normalised: string, language: string | null): { score: number; phrases: string[] } {
  let total = 0;
  const phrases: string[] = [];
  const words = wordsOf(normalised);
  for (const compiled of COMPILED) {
    // The reply's own language counts fully; another language's phrases count less (shared words).
    const factor = language === null || compiled.lexicon.language === language ? 1 : 0.5;
    const index = compiled.lists[name];
    for (const word of words) {
      const entries = index.get(word);
      if (!entries) continue;
      for (const entry of entries) {
        if (normalised.includes(entry.text)) {
          total += entry.weight * factor;
          phrases.push(entry.phrase);
        }
      }
    }
  }
  return { score: total, phrases };
}

const header = (headers: Readonly<Record<string, string>>, name: string): string | undefined => {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
};

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi;

/** A classification with no signals: what a correction starts from when the reply had none. */
export function bareClassification(category: Category): Classification {
  return result({ category, confidence: 1, cues: [] });
}

function result(partial: Partial<Classification> & Pick<Classification, 'category' | 'confidence' | 'cues'>): Classification {
  return {
    source: 'classifier',
    language: null,
    tags: [],
    intent: null,
    escalation: null,
    returnDate: null,
    alternateContact: null,
    referral: null,
    followUpDate: null,
    bounce: null,
    ...partial,
  };
}

/** Pure. */
export function classifyReply(input: ClassificationInput): Classification {
  const date = input.date ?? new Date(0);
  const from = input.from.toLowerCase();
  const reportType = (input.reportType ?? /report-type\s*=\s*"?([\w-]+)/i.exec(header(input.headers, 'content-type') ?? '')?.[1] ?? '').toLowerCase();
  const subject = normaliseText(input.subject);
  // The whole text (quotes included) is read only for machine mail: normalised on demand.
  let fullTextCache: string | null = null;
  const fullText = () => (fullTextCache ??= normaliseText(input.text));
  const reply = replyText(input.text, LEXICONS);
  const words = normaliseText(reply);
  const language = detectLanguage(reply.length >= 2 ? reply : input.text, LEXICONS);
  const signals = signalsOf(words, language);

  if (input.given)
    return { ...result({ category: input.given, confidence: 1, cues: ['given by the sending tool'], language, ...signals }), source: 'upstream' };

  // 1. Machine mail, recognised from the message itself before any wording.
  if (reportType === 'feedback-report' || /^\s*feedback-type:\s*abuse/im.test(input.text)) {
    return result({ category: 'complaint', confidence: 0.99, cues: ['structure: ARF feedback report (a spam complaint)'], language });
  }
  const daemon = /^(mailer-daemon|mail-daemon|mailerdaemon|postmaster|mail delivery)/.test(from) || from.includes('mailer-daemon');
  const bounceSubject = COMPILED.flatMap((c) => c.bounceSubjects).find((s) => subject.includes(s));
  const bounceBody = daemon || bounceSubject || reportType === 'delivery-status' ? score('bounceBody', fullText(), null) : { score: 0, phrases: [] };
  if (reportType === 'delivery-status' || (daemon && (bounceSubject || bounceBody.score > 0)) || (bounceSubject && bounceBody.score > 0)) {
    const cues = [
      reportType === 'delivery-status' ? 'structure: multipart/report delivery-status (RFC 3464)' : null,
      daemon ? `sender: ${from}` : null,
      bounceSubject ? `subject: '${bounceSubject.trim()}'` : null,
      bounceBody.phrases[0] ? `phrase: '${bounceBody.phrases[0]}'` : null,
    ].filter((c): c is string => c !== null);
    return result({ category: 'bounce', confidence: reportType === 'delivery-status' ? 0.99 : 0.9, cues, language, bounce: readDeliveryStatus(input.text) });
  }

  const autoSubmitted = header(input.headers, 'auto-submitted');
  const precedence = header(input.headers, 'precedence')?.toLowerCase();
  const autoHeader =
    (autoSubmitted !== undefined && autoSubmitted.trim().toLowerCase() !== 'no' ? `Auto-Submitted: ${autoSubmitted.trim()}` : null) ??
    (header(input.headers, 'x-autoreply') ? 'X-Autoreply' : null) ??
    (header(input.headers, 'x-autorespond') ? 'X-Autorespond' : null) ??
    (precedence && ['auto_reply', 'bulk', 'junk'].includes(precedence) ? `Precedence: ${precedence}` : null) ??
    (header(input.headers, 'x-auto-response-suppress') && header(input.headers, 'x-ms-exchange-inbox-rules-loop') ? 'Exchange auto-reply headers' : null);
  // An automatic reply says so at the start of its subject ("Automatic reply: …", "Réponse automatique : …").
  const oooSubject = COMPILED.flatMap((c) => c.autoReplySubjects).find((s) => subject.startsWith(s));
  // An automatic reply may come without quote markers: read all of it.
  const ooo = score('outOfOffice', autoHeader || oooSubject ? fullText() : words, language);
  if (((autoHeader || oooSubject) && (ooo.score > 0 || oooSubject)) || ooo.score >= 3) {
    const source = autoHeader || oooSubject ? input.text : reply;
    const cues = [
      autoHeader ? `header: ${autoHeader}` : null,
      oooSubject ? `subject: '${oooSubject.trim()}'` : null,
      ooo.phrases[0] ? `phrase: '${ooo.phrases[0]}'` : null,
    ].filter((c): c is string => c !== null);
    const others = (source.match(EMAIL) ?? []).map((e) => e.toLowerCase()).filter((e) => e !== from && !e.endsWith('@acme.test'));
    return result({
      category: 'out_of_office',
      confidence: autoHeader ? 0.97 : 0.85,
      cues,
      language,
      returnDate: returnDate(source.split(/\n>|\nLe .{0,100}a [ée]crit|\nOn .{0,100}wrote/)[0] ?? source, language, date),
      alternateContact: others[0] ?? null,
      tags: signals.tags,
    });
  }
  if (autoHeader)
    return result({ category: 'other', confidence: 0.8, cues: [`header: ${autoHeader} (an automatic message that is not an absence)`], language });

  // 2. What the person wrote.
  if (words.trim() === '') return result({ category: 'other', confidence: 0.6, cues: ['no text of their own above the quote'], language });
  const unsubscribe = score('unsubscribe', words, language);
  const complaint = score('complaint', words, language);
  const legal = score('legal', words, language);
  // A reply that is only "Stop." or "Remove" is an opt-out too.
  const bare = /^ (stop|remove|unsubscribe|stop please|please stop|remove me|stop it) [.!]? ?$/.test(words);
  if (unsubscribe.score > 0 || bare) {
    if (bare) unsubscribe.phrases.unshift(words.trim());
    // The opt-out wins; a legal threat beside it still raises the escalation.
    return result({
      category: 'unsubscribe',
      confidence: 0.95,
      cues: unsubscribe.phrases.slice(0, 3).map((p) => `phrase: '${p}'`),
      language,
      escalation: legal.score > 0 ? 'legal' : null,
      ...signals,
    });
  }
  if (complaint.score > 0 || legal.score > 0) {
    return result({
      category: 'complaint',
      confidence: 0.9,
      cues: [...complaint.phrases, ...legal.phrases].slice(0, 3).map((p) => `phrase: '${p}'`),
      language,
      escalation: legal.score > 0 ? 'legal' : null,
      ...signals,
    });
  }

  const questionMarks = (reply.match(/\?/g) ?? []).length;
  const candidates: Array<{ category: Category; score: number; phrases: string[] }> = [];
  const add = (category: Category, list: ListName, factor: number, bonus = 0) => {
    const s = score(list, words, language);
    candidates.push({ category, score: s.score * factor + bonus, phrases: s.phrases });
  };
  const contacts = (reply.match(EMAIL) ?? []).map((e) => e.toLowerCase()).filter((e) => e !== from && !e.endsWith('@acme.test'));
  // A referral names someone: an address, or a name after the cue; "wrong person" alone is not one.
  const named =
    contacts.length > 0 ||
    /\b(talk to|speak (to|with)|reach out to|contact|loop(ing)? in|cc'?(ing|d)?|copying|voir avec|contactez|adressez-vous à)\s+(?:our |my |notre |ma |mon )?(?:[a-z]+ )?[A-ZÀ-Ý][\p{L}'-]+/u.test(
      reply,
    );
  add('referral', 'referral', named ? 1.6 : 0, contacts.length > 0 ? 1 : 0);
  add('not_now', 'notNow', 1.3);
  add('not_interested', 'notInterested', 1.25);
  add('objection', 'objection', 1.0);
  add('interested', 'interested', 1.0);
  add('other', 'other', 0.5);
  // A question mark makes a question only when nothing stronger was said.
  const strongest = Math.max(...candidates.filter((c) => c.category !== 'other').map((c) => c.score));
  add('question', 'question', 0.6, questionMarks > 0 ? (strongest >= 1 ? 0.3 : 1.2 + 0.3 * Math.min(questionMarks, 3)) : 0);
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0]!;
  if (best.score <= 0) return result({ category: 'other', confidence: 0.4, cues: ['no cue of any category'], language, ...signals });
  const total = candidates.reduce((sum, c) => sum + Math.max(c.score, 0), 0);
  const category = best.category;
  return result({
    category,
    confidence: Math.round(Math.min(0.95, 0.35 + (0.6 * best.score) / total) * 100) / 100,
    cues: [
      ...best.phrases.slice(0, 3).map((p) => `phrase: '${p}'`),
      ...(category === 'question' && questionMarks > 0 ? [`pattern: ${questionMarks} question mark(s)`] : []),
    ],
    language,
    ...signals,
    referral: category === 'referral' ? referralOf(reply, contacts) : null,
    followUpDate: category === 'not_now' ? followUpDate(reply, language, date) : null,
  });
}

function signalsOf(words: string, language: string | null): Pick<Classification, 'tags' | 'intent'> {
  const tags = new Set<string>();
  let high = false;
  for (const compiled of COMPILED) {
    if (language !== null && compiled.lexicon.language !== language) continue;
    for (const [tag, phrases] of compiled.tags) if (phrases.some((p) => words.includes(p))) tags.add(tag);
    if (compiled.intentHigh.some((p) => words.includes(p))) high = true;
  }
  return { tags: [...tags].sort(), intent: high ? 'high' : null };
}

/** "talk to Jane Doe (jane@x.com)" -> "Jane Doe <jane@x.com>". */
function referralOf(reply: string, contacts: string[]): string | null {
  const email = contacts[0];
  if (!email) return null;
  const before = reply.slice(0, reply.toLowerCase().indexOf(email));
  const name = /([A-ZÀ-Ý][\p{L}'-]+(?:\s+[A-ZÀ-Ý][\p{L}'-]+){1,2})\s*[(<,:-]*\s*$/u.exec(before)?.[1];
  return name ? `${name} <${email}>` : email;
}
