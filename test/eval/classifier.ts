// `npm run eval:classifier`: per-category precision, recall and F1, macro F1,
// the confusion matrix and throughput, on the dev and the held-out test split.
import { CATEGORIES } from '#shared/categories';
import { parseRfc822 } from '../../backend/src/connectors/rfc822.ts';
import { classifyParsed } from '../../backend/src/connectors/classify-raw.ts';
import type { Classification } from '../../backend/src/domain/classification/classify.ts';
import { LEXICONS } from '../../backend/src/domain/classification/lexicons/index.ts';
import { replyText } from '../../backend/src/domain/classification/reply-text.ts';
import { loadCorpus, type LabelledMessage } from './corpus.ts';
import { messagesPerSecond } from '../bench/classifier.ts';

const onlySplit = process.argv.includes('--dev') ? 'dev' : process.argv.includes('--test') ? 'test' : null;
const verbose = process.argv.includes('--errors');
const corpus = loadCorpus();
const parsed = await Promise.all(corpus.map(async (m) => ({ label: m, parsed: await parseRfc822(m.raw, new Date('2026-11-20T00:00:00Z')) })));

const classify = classifyParsed;

function report(name: string, items: Array<{ label: LabelledMessage; result: Classification; own: string }>) {
  const f = (n: number) => n.toFixed(3);
  console.log(`\n== ${name}: ${items.length} messages`);
  const rows: number[] = [];
  for (const category of CATEGORIES) {
    const tp = items.filter((i) => i.label.category === category && i.result.category === category).length;
    const predicted = items.filter((i) => i.result.category === category).length;
    const actual = items.filter((i) => i.label.category === category).length;
    const precision = predicted ? tp / predicted : 0;
    const recall = actual ? tp / actual : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    if (actual) rows.push(f1);
    console.log(`${name}.${category}: precision ${f(precision)} recall ${f(recall)} f1 ${f(f1)} support ${actual}`);
  }
  console.log(`${name}.macro_f1: ${f(rows.reduce((a, b) => a + b, 0) / rows.length)}`);
  const accuracy = items.filter((i) => i.label.category === i.result.category).length / items.length;
  console.log(`${name}.accuracy: ${f(accuracy)}`);
  const withLanguage = items.filter((i) => i.label.language);
  console.log(`${name}.language_accuracy: ${f(withLanguage.filter((i) => i.result.language === i.label.language).length / withLanguage.length)}`);
  const short = withLanguage.filter((i) => i.label.category !== 'bounce' && i.own.length < 80);
  console.log(
    `${name}.language_accuracy_short: ${f(short.filter((i) => i.result.language === i.label.language).length / Math.max(short.length, 1))} of ${short.length} replies under 80 characters`,
  );
  // The reply parser: how often quoted history is left in what the classifier reads.
  const human = items.filter((i) => !['bounce', 'out_of_office'].includes(i.label.category));
  const leaked = human.filter((i) => /^\s*>|wrote:|a écrit|-----Original Message|De\s?:\s/im.test(i.own));
  console.log(`${name}.reply_parser_quote_left: ${leaked.length} of ${human.length}`);
  const ooo = items.filter((i) => i.label.returnDate && i.result.category === 'out_of_office');
  console.log(
    `${name}.return_date_accuracy: ${f(ooo.filter((i) => i.result.returnDate === i.label.returnDate).length / Math.max(ooo.length, 1))} of ${ooo.length}`,
  );
  const bounces = items.filter((i) => i.label.bounce && i.result.category === 'bounce');
  console.log(
    `${name}.bounce_kind_accuracy: ${f(bounces.filter((i) => i.result.bounce?.kind === i.label.bounce).length / Math.max(bounces.length, 1))} of ${bounces.length}`,
  );
  console.log(`${name}.confusion (rows: actual, columns: predicted)`);
  const short3 = (c: string) => c.slice(0, 6).padStart(7);
  console.log(`${''.padStart(15)}${CATEGORIES.map(short3).join('')}`);
  for (const actual of CATEGORIES) {
    const counts = CATEGORIES.map((predicted) => items.filter((i) => i.label.category === actual && i.result.category === predicted).length);
    console.log(`${actual.padStart(15)}${counts.map((n) => String(n).padStart(7)).join('')}`);
  }
  if (verbose) {
    for (const i of items.filter((x) => x.label.category !== x.result.category)) {
      console.log(`  ${i.label.file}: ${i.label.category} -> ${i.result.category} (${i.result.cues.join('; ')})`);
    }
  }
}

const results = parsed.map((p) => ({ label: p.label, result: classify(p.parsed), own: replyText(p.parsed.message.text ?? '', LEXICONS) }));
for (const split of ['dev', 'test'] as const) {
  if (onlySplit && onlySplit !== split) continue;
  report(
    split,
    results.filter((r) => r.label.split === split),
  );
}

// Throughput on one core, measured as npm run bench measures it.
console.log(`\nclassifier.throughput: ${messagesPerSecond(parsed.map((p) => p.parsed))} messages/s`);
