// `npm run build:console`: bundles the manager's console (Preact) and its
// styles with esbuild into console/dist/, which the backend serves at /app/.
// Microsoft sign-in (MSAL) and the charts (uPlot) are chunks loaded on demand.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

export interface ConsoleBuildOptions {
  outDir: string;
}

export interface ConsoleBuildResult {
  /** Gzipped bytes of the JavaScript the console loads at start (its entry and the chunks it imports statically). */
  scriptGzipBytes: number;
  /** Gzipped bytes of the chunks loaded on demand (charts, Microsoft sign-in). */
  lazyGzipBytes: number;
  cssGzipBytes: number;
  files: string[];
}

export async function buildConsole(options: ConsoleBuildOptions): Promise<ConsoleBuildResult> {
  const { outDir } = options;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  const common = {
    bundle: true,
    minify: true,
    target: ['chrome100', 'firefox100', 'safari15', 'edge100'],
    legalComments: 'none' as const,
    logLevel: 'warning' as const,
  };
  const script = await build({
    ...common,
    entryPoints: { console: join(here, 'src/main.tsx') },
    outdir: join(outDir, 'assets'),
    format: 'esm',
    splitting: true,
    metafile: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  await build({ ...common, entryPoints: [join(here, 'src/styles.css')], outfile: join(outDir, 'assets/console.css') });

  const gz = (file: string) => gzipSync(readFileSync(file)).length;
  const outputs = script.metafile.outputs;
  const staticClosure = (entry: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(entry)) return seen;
    seen.add(entry);
    for (const imported of outputs[entry]?.imports ?? []) if (imported.kind === 'import-statement') staticClosure(imported.path, seen);
    return seen;
  };
  const entry = Object.keys(outputs).find((path) => path.endsWith('assets/console.js'))!;
  const initial = staticClosure(entry);
  const all = Object.keys(outputs).filter((path) => path.endsWith('.js'));
  // The chunks the entry imports at start are fetched with it, not after it has run: one round trip, not two.
  const preloads = [...initial]
    .filter((path) => path !== entry)
    .map((path) => `    <link rel="modulepreload" href="assets/${basename(path)}" />`)
    .join('\n');
  const html = readFileSync(join(here, 'src/index.html'), 'utf8').replace('    <script type="module"', `${preloads}\n    <script type="module"`);
  writeFileSync(join(outDir, 'index.html'), html);
  return {
    scriptGzipBytes: [...initial].reduce((sum, path) => sum + gz(path), 0),
    lazyGzipBytes: all.filter((path) => !initial.has(path)).reduce((sum, path) => sum + gz(path), 0),
    cssGzipBytes: gz(join(outDir, 'assets/console.css')),
    files: all,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await buildConsole({ outDir: join(here, 'dist') });
  console.log('Manager’s console built: console/dist/ (served at /app/)');
  console.log(
    `  script ${(result.scriptGzipBytes / 1024).toFixed(1)} KB gzipped at start; ${(result.lazyGzipBytes / 1024).toFixed(1)} KB on demand (charts, Microsoft sign-in); styles ${(result.cssGzipBytes / 1024).toFixed(1)} KB`,
  );
}
