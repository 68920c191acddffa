// `npm run train:classifier`: trains the reply model (reply-model.ts) on the
// corpus's dev split only, with its L2 penalty chosen by 5-fold
// cross-validation on that split, and writes reply-model.json. The test split
// is never read here.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Category } from '#shared/categories';
import { classificationInput } from '../../backend/src/connectors/classify-raw.ts';
import { parseRfc822 } from '../../backend/src/connectors/rfc822.ts';
import { classifyReply, trainingEvidence } from '../../backend/src/domain/classification/classify.ts';
import { replyFeatures, trainReplyModel, type ReplyModel, type TrainingExample } from '../../backend/src/domain/classification/reply-model.ts';
import { loadCorpus } from './corpus.ts';

const MODEL_FILE = new URL('../../backend/src/domain/classification/reply-model.json', import.meta.url).pathname;
/** What a person writes; machine mail (bounces, automatic replies) is recognised by rules before the model. */
const CLASSES: Category[] = ['interested', 'question', 'referral', 'objection', 'not_now', 'not_interested', 'other', 'unsubscribe', 'complaint'];
const PENALTIES = [1e-3, 3e-3, 1e-2, 3e-2];
const FOLDS = 5;
/** `--errors`: print each reply the cross-validation got wrong (dev split only, so it may guide the lexicons). */
const showErrors = process.argv.includes('--errors');

const dev = loadCorpus().filter((m) => m.split === 'dev' && (CLASSES as string[]).includes(m.category));
const examples = await Promise.all(
  dev.map(async (m) => {
    const parsed = await parseRfc822(m.raw, new Date('2026-11-20T00:00:00Z'));
    const input = classificationInput(parsed);
    const example: TrainingExample = { features: replyFeatures(trainingEvidence(input)), category: m.category as Category };
    return { file: m.file, input, fold: createHash('sha1').update(`fold:${m.file}`).digest()[0]! % FOLDS, example };
  }),
);

type Pair = { actual: Category; predicted: Category; file: string };

function f1Of(category: Category, pairs: Pair[]): number {
  const tp = pairs.filter((p) => p.actual === category && p.predicted === category).length;
  const predicted = pairs.filter((p) => p.predicted === category).length;
  const actual = pairs.filter((p) => p.actual === category).length;
  const precision = predicted ? tp / predicted : 0;
  const recall = actual ? tp / actual : 0;
  return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
}

function macroF1(pairs: Pair[]): number {
  const f1s = CLASSES.filter((c) => pairs.some((p) => p.actual === c)).map((c) => f1Of(c, pairs));
  return f1s.reduce((a, b) => a + b, 0) / f1s.length;
}

let best = { l2: PENALTIES[0]!, f1: -1 };
for (const l2 of PENALTIES) {
  const pairs: Pair[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = trainReplyModel(
      examples.filter((e) => e.fold !== fold).map((e) => e.example),
      { classes: CLASSES, l2 },
    );
    // The whole classifier with this fold's model: the rules for opt-outs and complaints run first, as in use.
    const foldModel: ReplyModel = { ...model, trainedOn: { messages: 0, split: `fold ${fold}`, l2, crossValidatedMacroF1: 0 } };
    for (const e of examples.filter((x) => x.fold === fold))
      pairs.push({ actual: e.example.category, predicted: classifyReply(e.input, foldModel).category, file: e.file });
  }
  const f1 = macroF1(pairs);
  console.log(`train.cv_macro_f1 l2=${l2}: ${f1.toFixed(3)} (${CLASSES.map((c) => `${c} ${f1Of(c, pairs).toFixed(2)}`).join(', ')})`);
  if (f1 > best.f1) best = { l2, f1 };
  if (showErrors) for (const p of pairs.filter((x) => x.actual !== x.predicted)) console.log(`  ${p.file}: ${p.actual} -> ${p.predicted}`);
}

const model: ReplyModel = {
  ...trainReplyModel(
    examples.map((e) => e.example),
    { classes: CLASSES, l2: best.l2 },
  ),
  trainedOn: { messages: examples.length, split: 'dev', l2: best.l2, crossValidatedMacroF1: Math.round(best.f1 * 1000) / 1000 },
};
writeFileSync(MODEL_FILE, `${JSON.stringify(model)}\n`);
console.log(`train.model: ${examples.length} replies, l2 ${best.l2}, ${Object.keys(model.weights).length} features -> ${MODEL_FILE}`);
