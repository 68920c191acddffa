// `npm run build:outlook`: bundles the task pane (Preact), the send guard and
// the sign-in dialog with esbuild, draws the icons and writes manifest.xml,
// all for one base URL (ADDIN_BASE_URL, default the local demo backend).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { renderIcons } from './manifest/icons.ts';
import { outlookManifest, type ManifestOptions } from './manifest/manifest.ts';
import { supportPage } from './manifest/support-page.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The add-in's identity in every tenant: never change it once deployed. */
export const OUTLOOK_ADDIN_ID = '344f11f1-c79a-4919-8ca2-7c24e4962c1f';
/** `npm start`'s own address, so the send guard calls the backend that serves it. */
export const defaultBaseUrl = (port = '8787') => `http://127.0.0.1:${port}`;

export interface BuildOptions {
  /** The backend's origin, e.g. https://routing.example.com. */
  baseUrl: string;
  outDir: string;
  sso?: ManifestOptions['sso'];
  /** Also write the manifest here (the repo's root manifest.xml). */
  manifestPath?: string;
  /** The manifest's version (n.n.n.n); Office updates an installed add-in only to a higher one. Default: package.json's version + .0 */
  version?: string;
}

/** package.json's version as the four parts a manifest needs: 0.1.0 -> 0.1.0.0. */
export function manifestVersion(): string {
  const { version } = JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')) as { version: string };
  return `${version.split(/[-+]/)[0]}.0`;
}

export interface BuildResult {
  /** Gzipped bytes of the JavaScript the task pane loads at start (its entry and the chunks it imports statically). */
  taskpaneGzipBytes: number;
  /** Gzipped bytes of the sign-in chunk loaded only in Microsoft sign-in mode (MSAL). */
  signInGzipBytes: number;
  launchEventGzipBytes: number;
  files: string[];
}

export async function buildOutlookAddin(options: BuildOptions): Promise<BuildResult> {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const origin = new URL(baseUrl).origin;
  const outDir = options.outDir;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  const common = {
    bundle: true,
    minify: true,
    target: ['chrome100', 'safari15', 'edge100'],
    jsx: 'automatic' as const,
    jsxImportSource: 'preact',
    define: { BACKEND_ORIGIN: JSON.stringify(origin), 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none' as const,
    logLevel: 'warning' as const,
  };
  const pane = await build({
    ...common,
    entryPoints: { taskpane: join(here, 'src/taskpane/main.tsx'), 'auth-dialog': join(here, 'src/auth/auth-dialog.ts') },
    outdir: join(outDir, 'assets'),
    format: 'esm',
    splitting: true,
    metafile: true,
  });
  await build({ ...common, entryPoints: [join(here, 'src/taskpane/styles.css')], outfile: join(outDir, 'assets/taskpane.css') });
  // Classic Outlook on Windows runs this file alone, in a JavaScript-only runtime: one script, no imports.
  await build({ ...common, entryPoints: [join(here, 'src/commands/launchevent.ts')], outfile: join(outDir, 'launchevent.js'), format: 'iife' });
  copyFileSync(join(here, 'src/taskpane/index.html'), join(outDir, 'index.html'));
  copyFileSync(join(here, 'src/commands/commands.html'), join(outDir, 'commands.html'));
  copyFileSync(join(here, 'src/auth/auth-dialog.html'), join(outDir, 'auth-dialog.html'));
  writeFileSync(join(outDir, 'support.html'), supportPage());
  for (const [name, png] of renderIcons()) writeFileSync(join(outDir, 'assets', name), png);
  const manifest = outlookManifest({ baseUrl, appId: OUTLOOK_ADDIN_ID, sso: options.sso, version: options.version ?? manifestVersion() });
  writeFileSync(join(outDir, 'manifest.xml'), manifest);
  if (options.manifestPath) writeFileSync(options.manifestPath, manifest);

  const gz = (file: string) => gzipSync(readFileSync(file)).length;
  const outputs = pane.metafile.outputs;
  const staticClosure = (entry: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(entry)) return seen;
    seen.add(entry);
    for (const imported of outputs[entry]?.imports ?? []) if (imported.kind === 'import-statement') staticClosure(imported.path, seen);
    return seen;
  };
  const entryOf = (name: string) => Object.keys(outputs).find((path) => path.endsWith(`assets/${name}.js`))!;
  const initial = staticClosure(entryOf('taskpane'));
  const all = Object.keys(outputs).filter((path) => path.endsWith('.js'));
  // Everything else but the dialog page's own entry is what Microsoft sign-in loads on demand (MSAL).
  const lazy = all.filter((path) => !initial.has(path) && path !== entryOf('auth-dialog'));
  return {
    taskpaneGzipBytes: [...initial].reduce((sum, path) => sum + gz(path), 0),
    signInGzipBytes: lazy.reduce((sum, path) => sum + gz(path), 0),
    launchEventGzipBytes: gz(join(outDir, 'launchevent.js')),
    files: all,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const settings = process.env;
  const baseUrl = settings.ADDIN_BASE_URL ?? defaultBaseUrl(settings.PORT);
  const sso = settings.OUTLOOK_CLIENT_ID
    ? { clientId: settings.OUTLOOK_CLIENT_ID, resource: settings.AUTH_MICROSOFT_AUDIENCE ?? `api://${new URL(baseUrl).host}/${settings.OUTLOOK_CLIENT_ID}` }
    : undefined;
  // --dist-only (npm start's pre-step): the task pane for this host, leaving the committed manifest.xml as it is.
  const distOnly = process.argv.includes('--dist-only');
  const manifestPath = distOnly ? undefined : join(here, '..', 'manifest.xml');
  const result = await buildOutlookAddin({ baseUrl, outDir: join(here, 'dist'), sso, manifestPath });
  console.log(`Outlook add-in built for ${baseUrl}: addin-outlook/dist/${distOnly ? '' : ' and manifest.xml'}`);
  console.log(
    `  task pane script ${(result.taskpaneGzipBytes / 1024).toFixed(1)} KB gzipped; sign-in chunk ${(result.signInGzipBytes / 1024).toFixed(1)} KB; send guard ${(result.launchEventGzipBytes / 1024).toFixed(1)} KB`,
  );
}
