// `npm run dev:outlook`: the demo backend over HTTPS on https://localhost:3000
// with the add-in built for it, so Outlook (which only loads HTTPS add-ins)
// can sideload addin-outlook/dist/manifest.xml. The self-signed certificate is
// made once in .data/dev-certs; trust it once in your system or browser.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOutlookAddin } from './build.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = 3000;
const baseUrl = `https://localhost:${PORT}`;
const certs = join(root, '.data', 'dev-certs');
const cert = join(certs, 'localhost.crt');
const key = join(certs, 'localhost.key');

if (!existsSync(cert) || !existsSync(key)) {
  mkdirSync(certs, { recursive: true });
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-days',
      '825',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  console.log(
    `Made a development certificate: ${cert}\n  Trust it once (e.g. import it into your OS or browser certificate store) so Outlook loads the add-in.`,
  );
}

const result = await buildOutlookAddin({ baseUrl, outDir: join(root, 'addin-outlook', 'dist') });
console.log(`Built the add-in for ${baseUrl} (task pane ${(result.taskpaneGzipBytes / 1024).toFixed(1)} KB gzipped).`);
console.log(`Sideload addin-outlook/dist/manifest.xml: Outlook on the web → Get Add-ins → My add-ins → Add a custom add-in → Add from file.`);

const backend = spawn(process.execPath, ['--import', 'tsx', join(root, 'backend', 'src', 'main.ts')], {
  stdio: 'inherit',
  env: { ...process.env, AUTH_MODE: 'dev', HOST: '127.0.0.1', PORT: String(PORT), TLS_CERT_FILE: cert, TLS_KEY_FILE: key, APP_BASE_URL: baseUrl },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => backend.kill(signal));
backend.on('exit', (code) => process.exit(code ?? 0));
