// The Gmail add-on's built Code.js: its size, which Apps Script loads on every trigger.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGmailAddon } from '../../addin-gmail/build.ts';

export async function benchGmailBundle(print: (name: string, value: number | string, unit: string) => void): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'gmail-bench-'));
  try {
    const result = await buildGmailAddon({ backendUrl: 'https://routing.example.com', signIn: 'google', outDir });
    print('gmail.code_js', result.codeBytes / 1024, 'KB');
    print('gmail.code_js_gzip', result.codeGzipBytes / 1024, 'KB');
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
