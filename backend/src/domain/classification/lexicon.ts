// The shape of a language's data: phrases (compared after normalisation, whole
// words) and patterns (regular expressions over the normalised text). Adding a
// language is adding one file of this shape to lexicons/ and to LEXICONS.

export type Weighted = string | [phrase: string, weight: number];

export interface Lexicon {
  /** ISO 639-1 code, as the language detector reports it after mapping. */
  language: string;
  /** ISO 639-3 code used by the detector (franc). */
  francCode: string;
  /** Opt-out wording: beats everything else a person wrote. */
  unsubscribe: Weighted[];
  /** Complaints: abuse, "how did you get my address". */
  complaint: Weighted[];
  /** Legal or regulator threats: complaint with escalation `legal`. */
  legal: Weighted[];
  notInterested: Weighted[];
  notNow: Weighted[];
  objection: Weighted[];
  interested: Weighted[];
  question: Weighted[];
  referral: Weighted[];
  /** Thanks and acknowledgements with nothing to act on. */
  other: Weighted[];
  /** Absence wording in the body. */
  outOfOffice: Weighted[];
  /** Subjects of automatic replies ("Automatic reply:", "Réponse automatique"). */
  autoReplySubjects: string[];
  /** Subjects of delivery failure notices. */
  bounceSubjects: string[];
  /** Bodies of non-standard bounces. */
  bounceBody: Weighted[];
  /** Words that hint at the language when the detector cannot tell (short replies). */
  stopwords: string[];
  /** Tag -> phrases. */
  tags: Record<string, string[]>;
  /** Phrases that make an intent high (pricing, demo, security review, integration, contract). */
  intentHigh: string[];
  /** Lines that start a quoted message or a signature (reply-text.ts): anchored, with bounded repeats. */
  cutMarkers: RegExp[];
}
