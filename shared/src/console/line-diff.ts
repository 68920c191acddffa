// A readable line diff between two texts (two policy versions), as the
// console shows it: kept lines, removed lines and added lines, in order.
// Pure; LCS over lines, after trimming the common head and tail.

export type DiffLine = { kind: 'same' | 'removed' | 'added'; text: string; oldLine: number | null; newLine: number | null };

/** Beyond this many lines in the changed middle, the diff gives up on alignment and shows a block replace. */
const MAX_MIDDLE = 4000;

export function lineDiff(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ kind: 'same', text: a[i]!, oldLine: i + 1, newLine: i + 1 });
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  for (const step of middle(midA, midB)) {
    if (step.kind === 'same') out.push({ kind: 'same', text: midA[step.i]!, oldLine: head + step.i + 1, newLine: head + step.j + 1 });
    else if (step.kind === 'removed') out.push({ kind: 'removed', text: midA[step.i]!, oldLine: head + step.i + 1, newLine: null });
    else out.push({ kind: 'added', text: midB[step.j]!, oldLine: null, newLine: head + step.j + 1 });
  }
  for (let k = 0; k < tail; k++) {
    const i = a.length - tail + k;
    const j = b.length - tail + k;
    out.push({ kind: 'same', text: a[i]!, oldLine: i + 1, newLine: j + 1 });
  }
  return out;
}

type Step = { kind: 'same'; i: number; j: number } | { kind: 'removed'; i: number; j: number } | { kind: 'added'; i: number; j: number };

function middle(a: string[], b: string[]): Step[] {
  if (a.length * b.length > MAX_MIDDLE * MAX_MIDDLE || a.length === 0 || b.length === 0) {
    return [...a.map((_, i): Step => ({ kind: 'removed', i, j: 0 })), ...b.map((_, j): Step => ({ kind: 'added', i: 0, j }))];
  }
  // lcs[i][j]: the longest common subsequence of a[i:] and b[j:].
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) steps.push({ kind: 'same', i: i++, j: j++ });
    else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) steps.push({ kind: 'removed', i: i++, j });
    else steps.push({ kind: 'added', i, j: j++ });
  }
  while (i < a.length) steps.push({ kind: 'removed', i: i++, j });
  while (j < b.length) steps.push({ kind: 'added', i, j: j++ });
  return steps;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Pure: only the changed lines with `context` kept lines around each change; a gap between hunks is one null. */
export function diffHunks(lines: readonly DiffLine[], context = 3): Array<DiffLine | null> {
  const keep = new Set<number>();
  lines.forEach((line, index) => {
    if (line.kind === 'same') return;
    for (let k = Math.max(0, index - context); k <= Math.min(lines.length - 1, index + context); k++) keep.add(k);
  });
  const out: Array<DiffLine | null> = [];
  let last = -1;
  for (const index of [...keep].sort((x, y) => x - y)) {
    if (last !== -1 && index !== last + 1) out.push(null);
    out.push(lines[index]!);
    last = index;
  }
  return out;
}
