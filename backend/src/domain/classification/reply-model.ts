// The trained part of the classifier: a softmax (multinomial logistic)
// regression over what a person wrote, for the categories a phrase list alone
// cannot separate (interested, question, objection, other, …). Its features
// are the reply's words and word pairs, the lexicons' scores and a few shapes
// (question marks, length), so a language is added by adding data: its
// lexicon and labelled replies, then `npm run train:classifier`.
// Pure: features, prediction and training take and return plain data.
import type { Category } from '#shared/categories';

/** Feature name -> value. Names: `w:word`, `b:word_word`, `lex:list`, `qm`, `len:bucket`. */
export type Features = Map<string, number>;

export interface ReplyModel {
  version: 1;
  classes: Category[];
  bias: number[];
  /** Feature name -> one weight per class. Features absent here weigh nothing. */
  weights: Record<string, number[]>;
  trainedOn: { messages: number; split: string; l2: number; crossValidatedMacroF1: number };
}

export interface ReplyEvidence {
  /** The reply in normalised form (see text-normalise.ts). */
  words: string;
  /** Per lexicon list, its score on the reply. */
  lexiconScores: Readonly<Record<string, number>>;
  questionMarks: number;
}

// Words too common to say anything about a category in either language.
const IGNORED = new Set(['.', '!', 'the', 'a', 'an', 'le', 'la', 'les', 'de', 'du', 'des', 'et', 'and', 'to', 'of', 'un', 'une']);

export function replyFeatures(evidence: ReplyEvidence): Features {
  const features: Features = new Map();
  const tokens = evidence.words
    .trim()
    .split(' ')
    .filter((t) => t !== '' && !/\d/.test(t) && !t.includes('@'));
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!;
    if (!IGNORED.has(word)) features.set(`w:${word}`, 1);
    if (word.length > 5) features.set(`s:${word.slice(0, 5)}`, 1);
    const next = tokens[i + 1];
    if (next !== undefined) features.set(`b:${word}_${next}`, 1);
  }
  for (const [list, score] of Object.entries(evidence.lexiconScores)) if (score > 0) features.set(`lex:${list}`, Math.min(score, 4) / 2);
  if (evidence.questionMarks > 0) features.set('qm', Math.min(evidence.questionMarks, 3));
  const length = tokens.length;
  features.set(length <= 3 ? 'len:1-3' : length <= 12 ? 'len:4-12' : length <= 40 ? 'len:13-40' : 'len:41+', 1);
  return features;
}

export interface Prediction {
  category: Category;
  probability: number;
  /** The features that pushed hardest toward the category, strongest first. */
  reasons: Array<{ feature: string; weight: number }>;
}

/** A weight row with its mean across classes, ready for prediction. */
interface Row {
  weights: number[];
  mean: number;
}

// The JSON's weights as a Map with each row's mean, built once per model object.
const compiledModels = new WeakMap<ReplyModel, Map<string, Row>>();
function rowsOf(model: ReplyModel): Map<string, Row> {
  let rows = compiledModels.get(model);
  if (!rows) {
    rows = new Map(Object.entries(model.weights).map(([name, weights]) => [name, { weights, mean: weights.reduce((sum, w) => sum + w, 0) / weights.length }]));
    compiledModels.set(model, rows);
  }
  return rows;
}

export function predictReply(model: ReplyModel, features: Features): Prediction {
  const rows = rowsOf(model);
  const scores = [...model.bias];
  const present: Array<{ name: string; value: number; row: Row }> = [];
  for (const [name, value] of features) {
    const row = rows.get(name);
    if (!row) continue;
    present.push({ name, value, row });
    for (let k = 0; k < scores.length; k++) scores[k]! += row.weights[k]! * value;
  }
  const probabilities = softmax(scores);
  let best = 0;
  for (let k = 1; k < probabilities.length; k++) if (probabilities[k]! > probabilities[best]!) best = k;
  const reasons: Prediction['reasons'] = [];
  for (const { name, value, row } of present) {
    // What the feature adds to this class beyond what it adds on average.
    const weight = (row.weights[best]! - row.mean) * value;
    if (weight > 0) reasons.push({ feature: name, weight });
  }
  reasons.sort((a, b) => b.weight - a.weight);
  return { category: model.classes[best]!, probability: probabilities[best]!, reasons: reasons.slice(0, 5) };
}

function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

export interface TrainingExample {
  features: Features;
  category: Category;
}

export interface TrainingOptions {
  classes: Category[];
  /** L2 penalty per weight. */
  l2: number;
  /** Steps of descent; few enough to stop early is what regularises it on a small corpus (300 chosen by cross-validation). */
  iterations?: number;
  /** A feature seen in fewer training replies than this is left out (it would only memorise). */
  minCount?: number;
}

/**
 * Full-batch gradient descent with AdaGrad steps on the mean cross-entropy
 * plus an L2 penalty. Deterministic: the same examples give the same model.
 */
export function trainReplyModel(examples: readonly TrainingExample[], options: TrainingOptions): Omit<ReplyModel, 'trainedOn'> {
  const { classes, l2 } = options;
  const iterations = options.iterations ?? 300;
  const minCount = options.minCount ?? 2;
  const counts = new Map<string, number>();
  for (const example of examples) for (const name of example.features.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  const names = [...counts].filter(([, n]) => n >= minCount).map(([name]) => name);
  names.sort();
  const index = new Map(names.map((name, i) => [name, i]));
  const K = classes.length;
  const rows = examples.map((e) => ({
    target: classes.indexOf(e.category),
    features: [...e.features].filter(([name]) => index.has(name)).map(([name, value]) => [index.get(name)!, value] as const),
  }));
  const weights = new Float64Array(names.length * K);
  const bias = new Float64Array(K);
  const gradW = new Float64Array(names.length * K);
  const gradB = new Float64Array(K);
  const sumSqW = new Float64Array(names.length * K).fill(1e-8);
  const sumSqB = new Float64Array(K).fill(1e-8);
  const rate = 0.5;
  const n = Math.max(rows.length, 1);
  for (let iteration = 0; iteration < iterations; iteration++) {
    gradW.fill(0);
    gradB.fill(0);
    for (const row of rows) {
      const scores = Array.from(bias);
      for (const [j, value] of row.features) for (let k = 0; k < K; k++) scores[k]! += weights[j * K + k]! * value;
      const probabilities = softmax(scores);
      for (let k = 0; k < K; k++) {
        const error = (probabilities[k]! - (k === row.target ? 1 : 0)) / n;
        gradB[k]! += error;
        for (const [j, value] of row.features) gradW[j * K + k]! += error * value;
      }
    }
    for (let i = 0; i < weights.length; i++) {
      const g = gradW[i]! + l2 * weights[i]!;
      sumSqW[i]! += g * g;
      weights[i]! -= (rate * g) / Math.sqrt(sumSqW[i]!);
    }
    for (let k = 0; k < K; k++) {
      sumSqB[k]! += gradB[k]! * gradB[k]!;
      bias[k]! -= (rate * gradB[k]!) / Math.sqrt(sumSqB[k]!);
    }
  }
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const table: Record<string, number[]> = {};
  names.forEach((name, j) => {
    const row = Array.from(weights.subarray(j * K, (j + 1) * K), round);
    // Weights that round to nothing are dropped: a smaller file, the same predictions.
    if (row.some((w) => Math.abs(w) >= 1e-3)) table[name] = row;
  });
  return { version: 1, classes, bias: Array.from(bias, round), weights: table };
}
