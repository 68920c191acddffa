// `npm run --silent classify -- FILE.eml …`: one JSON line per file.
import { readFile } from 'node:fs/promises';
import { classifyRaw } from './connectors/classify-raw.ts';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run --silent classify -- FILE.eml [FILE.eml …]');
  process.exit(2);
}
for (const file of files) {
  try {
    const { classification: result } = await classifyRaw(await readFile(file), new Date());
    const line: Record<string, unknown> = { file, category: result.category, language: result.language, confidence: result.confidence, cues: result.cues };
    if (result.returnDate) line.returnDate = result.returnDate;
    if (result.bounce) line.bounce = { kind: result.bounce.kind, recipient: result.bounce.recipient, status: result.bounce.status };
    console.log(JSON.stringify(line));
  } catch (error) {
    console.log(JSON.stringify({ file, error: (error as Error).message }));
    process.exitCode = 1;
  }
}
