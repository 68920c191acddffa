import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Category } from '#shared/categories';
import { normaliseText } from './text-normalise.ts';
import { predictReply, replyFeatures, trainReplyModel, type ReplyModel, type TrainingExample } from './reply-model.ts';

const CLASSES: Category[] = ['interested', 'not_now', 'objection'];
const FILLER = ['thanks', 'for', 'your', 'note', 'we', 'read', 'it', 'today', 'team', 'here'];

function example(category: Category, marker: string, filler: string[]): TrainingExample {
  const words = normaliseText([...filler, marker].join(' '));
  return { features: replyFeatures({ words, lexiconScores: {}, questionMarks: 0 }), category };
}

const asModel = (trained: Omit<ReplyModel, 'trainedOn'>): ReplyModel => ({
  ...trained,
  trainedOn: { messages: 0, split: 'test', l2: 0, crossValidatedMacroF1: 0 },
});

describe('the reply model', () => {
  it('learns the replies it is trained on when a word marks each category, and gives that word among its reasons', () => {
    fc.assert(
      fc.property(
        fc.array(fc.subarray(FILLER, { minLength: 1 }), { minLength: 9, maxLength: 18 }),
        fc.uniqueArray(fc.stringMatching(/^[a-z]{5,9}$/), { minLength: 3, maxLength: 3 }).filter((m) => m.every((w) => !FILLER.includes(w))),
        (fillers, markers) => {
          const examples = fillers.map((filler, i) => example(CLASSES[i % 3]!, markers[i % 3]!, filler));
          const model = asModel(trainReplyModel(examples, { classes: CLASSES, l2: 0.001, minCount: 1, iterations: 1_000 }));
          for (const [i, { features, category }] of examples.entries()) {
            const prediction = predictReply(model, features);
            expect(prediction.category).toBe(category);
            expect(prediction.reasons.map((r) => r.feature)).toContain(`w:${markers[i % 3]}`);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('is deterministic: the same replies give the same weights', () => {
    const examples = [example('interested', 'demo', ['yes']), example('not_now', 'later', ['maybe']), example('objection', 'expensive', ['too'])];
    const once = trainReplyModel(examples, { classes: CLASSES, l2: 0.01, minCount: 1 });
    const twice = trainReplyModel(examples, { classes: CLASSES, l2: 0.01, minCount: 1 });
    expect(JSON.stringify(twice)).toBe(JSON.stringify(once));
  });

  it('leaves out a word seen in only one reply (it would only memorise that reply)', () => {
    const examples = [example('interested', 'demo', ['yes']), example('interested', 'demo', ['sure']), example('not_now', 'later', ['sure'])];
    const model = trainReplyModel(examples, { classes: CLASSES, l2: 0.01 });
    expect(model.weights['w:demo']).toBeDefined();
    expect(model.weights['w:yes']).toBeUndefined();
    expect(model.weights['w:later']).toBeUndefined();
  });

  it('gives probabilities: a reply with no known feature gets the prior, below certainty', () => {
    const examples = [
      example('interested', 'demo', ['yes']),
      example('interested', 'demo', ['yes']),
      example('not_now', 'later', ['no']),
      example('not_now', 'later', ['no']),
    ];
    const model = asModel(trainReplyModel(examples, { classes: CLASSES, l2: 0.01 }));
    const prediction = predictReply(model, new Map([['w:unseen', 1]]));
    expect(prediction.probability).toBeLessThan(0.6);
    expect(prediction.reasons).toEqual([]);
  });
});
