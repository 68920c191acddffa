// `npm run --silent classify -- FILE.eml …`: one JSON line per file.
import { readFile } from 'node:fs/promises';
import { parseRfc822 } from './connectors/rfc822.ts';
import { classifyReply } from './domain/classification/classify.ts';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run --silent classify -- FILE.eml [FILE.eml …]');
  process.exit(2);
}
for (const file of files) {
  try {
    const { message, reportType } = await parseRfc822(await readFile(file), new Date());
    const result = classifyReply({
      given: undefined,
      subject: message.subject ?? '',
      text: message.text ?? '',
      headers: message.headers ?? {},
      from: message.from.email,
      date: new Date(message.receivedAt),
      reportType,
    });
    const line: Record<string, unknown> = { file, category: result.category, language: result.language, confidence: result.confidence, cues: result.cues };
    if (result.returnDate) line.returnDate = result.returnDate;
    if (result.bounce) line.bounce = { kind: result.bounce.kind, recipient: result.bounce.recipient, status: result.bounce.status };
    console.log(JSON.stringify(line));
  } catch (error) {
    console.log(JSON.stringify({ file, error: (error as Error).message }));
    process.exitCode = 1;
  }
}
