// Past messages from files: an mbox, a folder of .eml files, or a CSV export
// of a sending tool. Each yields raw RFC 822 sources or CSV rows, one at a
// time, so a multi-gigabyte mbox never sits in memory.
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parse } from 'csv-parse';
import { mboxReader } from 'mbox-reader';

export type HistoryFormat = 'mbox' | 'eml' | 'csv';

export type HistoryItem = { kind: 'raw'; where: string; raw: Buffer; receivedAt: Date | null } | { kind: 'row'; where: string; row: Record<string, string> };

/** The format a path holds: a folder is .eml files, `.csv` is CSV, `.eml` one message, anything else an mbox. */
export function detectFormat(path: string): HistoryFormat {
  if (statSync(path).isDirectory()) return 'eml';
  const ext = extname(path).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.eml' ? 'eml' : 'mbox';
}

/** How many items a file holds, for the progress bar (a cheap scan; null when unknown). */
export function countItems(path: string, format: HistoryFormat): number | null {
  if (format === 'eml') return statSync(path).isDirectory() ? emlFiles(path).length : 1;
  const size = statSync(path).size;
  // Counting needs a full read: worth it up to a few hundred megabytes.
  if (size > 300 * 1024 * 1024) return null;
  const text = readFileSync(path, 'latin1');
  if (format === 'mbox') return (text.match(/(^|\n)From /g) ?? []).length;
  return null;
}

function emlFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.toLowerCase().endsWith('.eml'))
    .sort()
    .map((name) => join(folder, name));
}

export async function* readHistory(path: string, format: HistoryFormat): AsyncGenerator<HistoryItem> {
  if (format === 'eml') {
    const files = statSync(path).isDirectory() ? emlFiles(path) : [path];
    for (const file of files) yield { kind: 'raw', where: file, raw: readFileSync(file), receivedAt: statSync(file).mtime };
    return;
  }
  if (format === 'mbox') {
    let n = 0;
    for await (const message of mboxReader(createReadStream(path), { gz: path.endsWith('.gz') })) {
      n += 1;
      yield { kind: 'raw', where: `${path} message ${n}`, raw: message.content, receivedAt: message.time || null };
    }
    return;
  }
  let line = 1;
  const rows = createReadStream(path).pipe(
    parse({ columns: (header: string[]) => header.map((h) => h.trim()), bom: true, skip_empty_lines: true, trim: true }),
  );
  for await (const row of rows as AsyncIterable<Record<string, string>>) {
    line += 1;
    yield { kind: 'row', where: `${path} row ${line}`, row };
  }
}
