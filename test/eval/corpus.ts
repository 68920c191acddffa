// The labelled reply corpus of test/fixtures/replies/: each .eml's folder is
// its category; X-Fixture-* headers hold the other labels and are removed
// before the classifier sees the message.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS_DIR = new URL('../fixtures/replies/', import.meta.url).pathname;

export interface LabelledMessage {
  file: string;
  raw: string;
  category: string;
  language: string | null;
  returnDate: string | null;
  bounce: string | null;
  escalation: string | null;
  /** One fifth of the corpus, chosen by a hash of the file name before any tuning, never looked at while tuning. */
  split: 'dev' | 'test';
}

export function splitOf(file: string): 'dev' | 'test' {
  return createHash('sha1').update(file).digest()[0]! % 5 === 0 ? 'test' : 'dev';
}

export function loadCorpus(): LabelledMessage[] {
  const out: LabelledMessage[] = [];
  for (const category of readdirSync(CORPUS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const name of readdirSync(join(CORPUS_DIR, category.name))
      .filter((f) => f.endsWith('.eml'))
      .sort()) {
      const file = `${category.name}/${name}`;
      const source = readFileSync(join(CORPUS_DIR, file), 'utf8');
      const label = (key: string) => new RegExp(`^X-Fixture-${key}:\\s*(.+)$`, 'im').exec(source.split(/\r?\n\r?\n/)[0] ?? '')?.[1]?.trim() ?? null;
      out.push({
        file,
        raw: stripFixtureHeaders(source),
        category: category.name,
        language: label('Language'),
        returnDate: label('Return-Date'),
        bounce: label('Bounce'),
        escalation: label('Escalation'),
        split: splitOf(file),
      });
    }
  }
  return out;
}

function stripFixtureHeaders(source: string): string {
  const boundary = source.search(/\r?\n\r?\n/);
  const head = source.slice(0, boundary);
  const body = source.slice(boundary);
  return head.replace(/^X-Fixture-[^\n]*\n?/gim, '') + body;
}
