// The built Outlook add-in (task pane, send-guard page, icons, manifest) under
// /addin/outlook/, and the sign-in settings its page reads at start.
import type { AddinSignIn } from '#shared/addin-config';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppEnv } from '../app-env.ts';
import { errorBody } from '../errors.ts';

export interface AddinOptions {
  /** The folder `npm run build:outlook` writes (holds index.html, commands.html, assets/). */
  outlookDist: string;
  /** `demo`: the page offers a member picker; `microsoft`: it signs in with MSAL. */
  signIn: AddinSignIn;
}

/** Outlook on the web frames the task pane; the desktop clients host it in a webview. */
const OUTLOOK_FRAME_ANCESTORS = [
  "'self'",
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook.live.com',
  'https://outlook.cloud.microsoft',
  'https://*.officeapps.live.com',
];

export const ADDIN_CSP = [
  "default-src 'self'",
  // Office.js must be loaded from Microsoft's CDN: an add-in may not bundle it.
  "script-src 'self' https://appsforoffice.microsoft.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' https://login.microsoftonline.com",
  'frame-src https://login.microsoftonline.com',
  `frame-ancestors ${OUTLOOK_FRAME_ANCESTORS.join(' ')}`,
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

export function addinRouter(options: AddinOptions) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/addin/*', async (c, next) => {
    await next();
    c.header('Cache-Control', c.req.path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  app.get('/addin/config.json', (c) => c.json(options.signIn));
  app.use('/addin/outlook/*', serveStatic({ root: options.outlookDist, rewriteRequestPath: (path) => path.replace(/^\/addin\/outlook/, '') }));
  app.get('/addin/outlook/*', (c) =>
    c.json(
      errorBody(
        'not_found',
        existsSync(join(options.outlookDist, 'index.html'))
          ? `No add-in file ${c.req.path}`
          : 'The Outlook add-in is not built: run `npm run build:outlook` (npm start does it for you)',
      ),
      404,
    ),
  );
  return app;
}
