// `npm run push:gmail`: builds, then pushes addin-gmail/dist/ to the Apps
// Script project with clasp. `.clasp.json` (git-ignored) is written from
// clasp.json.template with GMAIL_SCRIPT_ID when it does not exist yet.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEnvironment, buildGmailAddon } from './build.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const settings = buildEnvironment('google');
const claspFile = join(root, '.clasp.json');

if (!existsSync(claspFile)) {
  const scriptId = settings.scriptId;
  if (!scriptId) {
    console.error('No .clasp.json: set GMAIL_SCRIPT_ID to the Apps Script project id (see README, "Gmail add-on").');
    process.exit(1);
  }
  writeFileSync(claspFile, readFileSync(join(here, 'clasp.json.template'), 'utf8').replace('GMAIL_SCRIPT_ID', scriptId));
}

const result = await buildGmailAddon({ backendUrl: settings.backendUrl, signIn: settings.signIn, outDir: join(here, 'dist') });
if (result.pushBlockers.length > 0) {
  for (const blocker of result.pushBlockers) console.error(blocker);
  console.error('Set BACKEND_URL to the backend’s public https origin.');
  process.exit(1);
}
execFileSync(join(root, 'node_modules/.bin/clasp'), ['push', '--force'], { cwd: root, stdio: 'inherit' });
