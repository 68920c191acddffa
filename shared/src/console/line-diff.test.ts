import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffHunks, lineDiff } from './line-diff.ts';

describe('the line diff between two policy versions', () => {
  it('shows a changed line as removed then added, between kept lines', () => {
    const diff = lineDiff('a\nb\nc\n', 'a\nB\nc\n');
    expect(diff.map((l) => `${l.kind}:${l.text}`)).toEqual(['same:a', 'removed:b', 'added:B', 'same:c']);
    expect(diff[2]).toMatchObject({ oldLine: null, newLine: 2 });
  });

  it('keeps only the changes and their context, with a gap between hunks', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const after = before.replace('line 2', 'line two').replace('line 17', 'line seventeen');
    const hunks = diffHunks(lineDiff(before, after), 1);
    expect(hunks.map((l) => (l ? `${l.kind}:${l.text}` : '…'))).toEqual([
      'same:line 1',
      'removed:line 2',
      'added:line two',
      'same:line 3',
      '…',
      'same:line 16',
      'removed:line 17',
      'added:line seventeen',
      'same:line 18',
    ]);
  });

  it('rebuilds both texts from the diff, whatever the texts', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 }).map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const diff = lineDiff(before, after);
        const old = diff.filter((l) => l.kind !== 'added').map((l) => l.text);
        const next = diff.filter((l) => l.kind !== 'removed').map((l) => l.text);
        expect(old.join('\n')).toBe(before);
        expect(next.join('\n')).toBe(after);
      }),
    );
  });
});
