// The reply classifier: what kind of reply this is, why (its cues), and the
// signals beside the category. Pure: it reads the message's headers,
// structure, sender, subject and the prospect's own words, in that order.
import type { Category } from '#shared/categories';
import { followUpDate, returnDate } from './dates.ts';
import { readDeliveryStatus, type BounceFacts } from './delivery-status.ts';
import { detectLanguage } from './language.ts';
import type { Lexicon, Weighted } from './lexicon.ts';
import { LEXICONS } from './lexicons/index.ts';
import REPLY_MODEL from './reply-model.json' with { type: 'json' };
import { predictReply, replyFeatures, type Prediction, type ReplyEvidence, type ReplyModel } from './reply-model.ts';
import { replyText } from './reply-text.ts';
import { indexText, normalisePhrase, normaliseText, occursIn, type IndexedText } from './text-normalise.ts';

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
  /** All lists in one index by first word: one pass over a reply scores every list. */
  byFirstWord: Map<string, Array<{ list: ListName; entry: Entry }>>;
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
  const byFirstWord: CompiledLexicon['byFirstWord'] = new Map();
  for (const list of LISTS)
    for (const [word, entries] of weighted(lexicon[list]))
      byFirstWord.set(word, [...(byFirstWord.get(word) ?? []), ...entries.map((entry) => ({ list, entry }))]);
  return {
    lexicon,
    byFirstWord,
    autoReplySubjects: lexicon.autoReplySubjects.map(normalisePhrase),
    bounceSubjects: lexicon.bounceSubjects.map(normalisePhrase),
    tags: Object.entries(lexicon.tags).map(([tag, phrases]) => [tag, phrases.map(normalisePhrase)]),
    intentHigh: lexicon.intentHigh.map(normalisePhrase),
  };
}

const COMPILED = LEXICONS.map(compile);
const AUTO_REPLY_SUBJECTS = COMPILED.flatMap((c) => c.autoReplySubjects);
const BOUNCE_SUBJECTS = COMPILED.flatMap((c) => c.bounceSubjects);

type Scores = Record<ListName, { score: number; phrases: string[] }>;

/** Every list's score on a normalised text, in one pass over its distinct words. */
function scoreAll(indexed: IndexedText, language: string | null): Scores {
  const scores = Object.fromEntries(LISTS.map((list) => [list, { score: 0, phrases: [] as string[] }])) as Scores;
  for (const compiled of COMPILED) {
    // The reply's own language counts fully; another language's phrases count less (shared words).
    const factor = language === null || compiled.lexicon.language === language ? 1 : 0.5;
    for (const word of indexed.offsets.keys()) {
      const entries = compiled.byFirstWord.get(word);
      if (!entries) continue;
      for (const { list, entry } of entries) {
        if (occursIn(indexed, entry.text, word)) {
          scores[list].score += entry.weight * factor;
          scores[list].phrases.push(entry.phrase);
        }
      }
    }
  }
  return scores;
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

/** Pure. `model`: the trained reply model (cross-validation passes its own). */
export function classifyReply(input: ClassificationInput, model: ReplyModel = REPLY_MODEL as ReplyModel): Classification {
  const date = input.date ?? new Date(0);
  const from = input.from.toLowerCase();
  const reportType = (input.reportType ?? /report-type\s*=\s*"?([\w-]+)/i.exec(header(input.headers, 'content-type') ?? '')?.[1] ?? '').toLowerCase();
  const subject = normaliseText(input.subject);
  // The whole text (quotes included) is read only for machine mail: normalised on demand.
  let fullTextCache: IndexedText | null = null;
  const fullText = () => (fullTextCache ??= indexText(normaliseText(input.text)));
  const { reply, words, indexed, language } = readReply(input);
  const signals = signalsOf(indexed, language);

  if (input.given)
    return { ...result({ category: input.given, confidence: 1, cues: ['given by the sending tool'], language, ...signals }), source: 'upstream' };

  // 1. Machine mail, recognised from the message itself before any wording.
  if (reportType === 'feedback-report' || /^\s*feedback-type:\s*abuse/im.test(input.text)) {
    return result({ category: 'complaint', confidence: 0.99, cues: ['structure: ARF feedback report (a spam complaint)'], language });
  }
  const daemon = /^(mailer-daemon|mail-daemon|mailerdaemon|postmaster|mail delivery)/.test(from) || from.includes('mailer-daemon');
  const bounceSubject = BOUNCE_SUBJECTS.find((s) => subject.includes(s));
  const bounceBody = daemon || bounceSubject || reportType === 'delivery-status' ? scoreAll(fullText(), null).bounceBody : { score: 0, phrases: [] };
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
  const oooSubject = AUTO_REPLY_SUBJECTS.find((s) => subject.startsWith(s));
  // An automatic reply may come without quote markers: read all of it.
  const scores = scoreAll(indexed, language);
  const ooo = autoHeader || oooSubject ? scoreAll(fullText(), language).outOfOffice : scores.outOfOffice;
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
  const { unsubscribe, complaint, legal } = scores;
  // A threat of legal action or a regulator is a complaint, escalated, even beside an opt-out
  // (both put the address on the suppression list; the complaint also raises the escalation).
  if (legal.score > 0) {
    return result({
      category: 'complaint',
      confidence: 0.92,
      cues: [...legal.phrases, ...complaint.phrases, ...unsubscribe.phrases].slice(0, 3).map((p) => `phrase: '${p}'`),
      language,
      escalation: 'legal',
      ...signals,
    });
  }
  // A reply that is only "Stop." or "Remove" (and a thank-you) is an opt-out too.
  const bare = /^ (stop|remove|unsubscribe|stop please|please stop|remove me|stop it) [.!]? ?((thx|thanks|thank you|merci) [.!]? ?)?$/.test(words);
  // Otherwise the opt-out beats everything else a person wrote.
  if (unsubscribe.score > 0 || bare) {
    if (bare) unsubscribe.phrases.unshift(words.trim());
    return result({
      category: 'unsubscribe',
      confidence: 0.95,
      cues: unsubscribe.phrases.slice(0, 3).map((p) => `phrase: '${p}'`),
      language,
      ...signals,
    });
  }
  if (complaint.score > 0) {
    return result({
      category: 'complaint',
      confidence: 0.9,
      cues: complaint.phrases.slice(0, 3).map((p) => `phrase: '${p}'`),
      language,
      ...signals,
    });
  }

  const person = personEvidence(reply, words, scores, from);
  const prediction = predictReply(model, replyFeatures(person.evidence));
  const category = prediction.category;
  return result({
    category,
    confidence: Math.round(prediction.probability * 100) / 100,
    cues: cuesOf(prediction, person),
    language,
    ...signals,
    escalation: category === 'complaint' && legal.score > 0 ? 'legal' : null,
    referral: category === 'referral' ? referralOf(reply, person.contacts) : null,
    followUpDate: category === 'not_now' ? followUpDate(reply, language, date) : null,
  });
}

/** The lexicon lists the model reads, beside the words. */
const PERSON_LISTS = ['unsubscribe', 'complaint', 'legal', 'notInterested', 'notNow', 'objection', 'interested', 'question', 'referral', 'other'] as const;

interface PersonEvidence {
  evidence: ReplyEvidence;
  phrases: Partial<Record<ListName, string[]>>;
  contacts: string[];
}

/** What a person wrote, as the model reads it: the same for training (see test/eval/train-classifier.ts) and for use. */
function personEvidence(reply: string, words: string, scores: Scores, from: string): PersonEvidence {
  const lexiconScores: Record<string, number> = {};
  const phrases: PersonEvidence['phrases'] = {};
  for (const list of PERSON_LISTS) {
    lexiconScores[list] = scores[list].score;
    phrases[list] = scores[list].phrases;
  }
  const contacts = (reply.match(EMAIL) ?? []).map((e) => e.toLowerCase()).filter((e) => e !== from && !e.endsWith('@acme.test'));
  // A referral names someone: an address, or a name after the cue.
  const named =
    contacts.length > 0 ||
    /\b(talk to|speak (to|with)|reach out to|contact|loop(ing)? in|cc'?(ing|d)?|copying|voir avec|contactez|adressez-vous à)\s+(?:our |my |notre |ma |mon )?(?:[a-z]+ )?[A-ZÀ-Ý][\p{L}'-]+/u.test(
      reply,
    );
  if (named) lexiconScores['named'] = 2;
  return { evidence: { words, lexiconScores, questionMarks: (reply.match(/\?/g) ?? []).length }, phrases, contacts };
}

/** The model's evidence for a message, whatever it is: what training reads. */
export function trainingEvidence(input: ClassificationInput): ReplyEvidence {
  const { reply, words, indexed, language } = readReply(input);
  return personEvidence(reply, words, scoreAll(indexed, language), input.from.toLowerCase()).evidence;
}

/** The prospect's own words (above the quote), normalised and indexed, and their language. */
function readReply(input: ClassificationInput): { reply: string; words: string; indexed: IndexedText; language: string | null } {
  const reply = replyText(input.text, LEXICONS);
  const words = normaliseText(reply);
  // Too short to tell: the whole message's language.
  const language = reply.length >= 2 ? detectLanguage(reply, LEXICONS, words) : detectLanguage(input.text, LEXICONS);
  return { reply, words, indexed: indexText(words), language };
}

/** The model's strongest reasons, in words a rep can read. */
function cuesOf(prediction: Prediction, person: PersonEvidence): string[] {
  const cues: string[] = [];
  for (const { feature } of prediction.reasons) {
    const [kind, name = ''] = feature.split(/:(.*)/s);
    if (kind === 'lex' && name === 'named') cues.push('pattern: names someone to talk to');
    else if (kind === 'lex') cues.push(...(person.phrases[name as ListName] ?? []).slice(0, 2).map((p) => `phrase: '${p}'`));
    else if (kind === 'w') cues.push(`word: '${name}'`);
    else if (kind === 'b') cues.push(`words: '${name.replace('_', ' ')}'`);
    else if (kind === 'qm') cues.push(`pattern: ${person.evidence.questionMarks} question mark(s)`);
    else if (kind === 'len') cues.push(`shape: ${name} words`);
  }
  return [...new Set(cues)].slice(0, 4);
}

function signalsOf(indexed: IndexedText, language: string | null): Pick<Classification, 'tags' | 'intent'> {
  const tags = new Set<string>();
  let high = false;
  for (const compiled of COMPILED) {
    if (language !== null && compiled.lexicon.language !== language) continue;
    for (const [tag, phrases] of compiled.tags) if (phrases.some((p) => occursIn(indexed, p))) tags.add(tag);
    if (compiled.intentHigh.some((p) => occursIn(indexed, p))) high = true;
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
