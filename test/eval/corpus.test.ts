// The labelled corpus as a regression guard for the classifier: the figures
// that carry compliance weight (bounces, opt-outs) and the overall quality may
// not fall below what the classifier reaches today. `npm run eval:classifier`
// prints the full report.
import { describe, expect, it } from 'vitest';
import { classifyRaw } from '../../backend/src/connectors/classify-raw.ts';
import model from '../../backend/src/domain/classification/reply-model.json' with { type: 'json' };
import { loadCorpus } from './corpus.ts';

describe('the classifier on the labelled corpus', () => {
  it('recognises bounces and opt-outs, reads return dates, and keeps its overall quality', async () => {
    const corpus = loadCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(250);
    const results = await Promise.all(
      corpus.map(async (m) => {
        const { classification: result } = await classifyRaw(m.raw, new Date('2026-11-20T00:00:00Z'));
        return { label: m, result };
      }),
    );
    const recall = (category: string) => {
      const actual = results.filter((r) => r.label.category === category);
      return actual.filter((r) => r.result.category === category).length / actual.length;
    };
    expect(recall('bounce')).toBeGreaterThanOrEqual(0.95);
    expect(recall('unsubscribe')).toBeGreaterThanOrEqual(0.85);
    expect(recall('out_of_office')).toBeGreaterThanOrEqual(0.8);
    const accuracy = results.filter((r) => r.label.category === r.result.category).length / results.length;
    expect(accuracy).toBeGreaterThanOrEqual(0.75);
    const bounces = results.filter((r) => r.label.bounce && r.result.category === 'bounce');
    expect(bounces.filter((r) => r.result.bounce?.kind === r.label.bounce).length).toBe(bounces.length);
    const absences = results.filter((r) => r.label.returnDate && r.result.category === 'out_of_office');
    expect(absences.filter((r) => r.result.returnDate === r.label.returnDate).length / absences.length).toBeGreaterThanOrEqual(0.75);
  });

  it('uses a reply model trained on the dev split as it stands, never on the test split (npm run train:classifier)', () => {
    const dev = loadCorpus().filter((m) => m.split === 'dev' && (model.classes as string[]).includes(m.category));
    expect(model.trainedOn.split).toBe('dev');
    expect(model.trainedOn.messages).toBe(dev.length);
  });
});
