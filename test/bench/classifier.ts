// The classifier on one core: messages per second over the labelled corpus
// (parsed once, classified repeatedly), and how long the longest kind of
// hostile input takes: one 50 KB line built of the fragments quote-header
// patterns backtrack on ("on … at … wrote", "2026 from <…>").
import { performance } from 'node:perf_hooks';
import { classifyParsed } from '../../backend/src/connectors/classify-raw.ts';
import { parseRfc822, type ParsedRawMessage } from '../../backend/src/connectors/rfc822.ts';
import { classifyReply } from '../../backend/src/domain/classification/classify.ts';
import { loadCorpus } from '../eval/corpus.ts';

/** Parsed messages through the classifier on one core, about 20,000 of them after a warm-up round. */
export function messagesPerSecond(parsed: readonly ParsedRawMessage[]): number {
  for (const p of parsed) classifyParsed(p);
  const rounds = Math.ceil(20_000 / parsed.length);
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const p of parsed) classifyParsed(p);
  return Math.round((rounds * parsed.length) / ((performance.now() - started) / 1000));
}

export async function benchClassifier(print: (name: string, value: number | string, unit: string) => void): Promise<void> {
  const parsed = await Promise.all(loadCorpus().map((m) => parseRfc822(m.raw, new Date('2026-11-20T00:00:00Z'))));
  print('classifier.messages_per_s', messagesPerSecond(parsed), 'msg/s');

  const hostile = 'we met on monday at noon, mail 2026 from <a> and '.repeat(1_000).slice(0, 50_000);
  const text = `Hello,\n\n${hostile}\n\nThanks`;
  const t = performance.now();
  classifyReply({ given: undefined, subject: 'Re: hello', text, headers: {}, from: 'p@example.com' });
  print('classifier.hostile_50kb_line_ms', performance.now() - t, 'ms');
}
