// The OpenAPI document and a browsable reference page. The page's assets come
// from the swagger-ui-dist package and are served here: no CDN at run time.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AppEnv } from '../app-env.ts';

const assetsDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Reply routing API v1</title>
<link rel="stylesheet" href="/v1/reference/swagger-ui.css"></head>
<body><div id="reference"></div>
<script src="/v1/reference/swagger-ui-bundle.js"></script>
<script src="/v1/reference/init.js"></script>
</body></html>`;

export function mountDocs(app: OpenAPIHono<AppEnv>): void {
  app.doc31('/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Reply routing API',
      version: '1',
      description:
        'Every prospect reply gets exactly one owner, at once, for a reason anyone can read. In demo mode, name yourself with the header `X-Dev-User: <member email>`.',
    },
  });
  app.get('/v1/reference', (c) => c.html(page));
  // A file, not an inline script, so the Content-Security-Policy can forbid inline scripts.
  app.get('/v1/reference/init.js', (c) =>
    c.body("window.ui = SwaggerUIBundle({ url: '/v1/openapi.json', dom_id: '#reference', deepLinking: true });", 200, {
      'content-type': 'text/javascript; charset=utf-8',
    }),
  );
  app.get('/v1/reference/:asset', async (c) => {
    const type = ASSETS[c.req.param('asset')];
    if (!type) return c.notFound();
    return c.body(await readFile(join(assetsDir, c.req.param('asset'))), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
}
