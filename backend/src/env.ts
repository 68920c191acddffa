// The one reader of process.env: parsed and checked at start-up, failing fast
// with the name of the bad variable.
import { z } from 'zod';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** A comma-separated list. */
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== ''),
);

/** Where the data lives: what `npm run db:migrate` needs. */
export const DatabaseEnv = z.object({
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** On PostgreSQL: the role each request assumes so row-level security binds it (reply_routing_app, created by the migrations). */
  DATABASE_RLS_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, { message: 'must be a plain role name such as reply_routing_app' })
    .optional(),
});

export const Env = DatabaseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  AUTH_MODE: z.enum(['dev', 'tokens'], { message: "must be 'dev' (demo mode, loopback only) or 'tokens' (Microsoft and Google sign-in)" }),
  NODE_ENV: z.string().default('development'),
  AUTH_MICROSOFT_JWKS_URL: z.url().default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
  AUTH_MICROSOFT_AUDIENCE: list.default([]),
  AUTH_MICROSOFT_SCOPE: z.string().min(1).default('access_as_user'),
  /** The Outlook add-in's app registration (Entra ID), for its MSAL sign-in; the API scope is the first Microsoft audience + AUTH_MICROSOFT_SCOPE. */
  OUTLOOK_CLIENT_ID: z.uuid({ message: 'must be the add-in’s application (client) id, a GUID' }).optional(),
  /** The manager's console's Microsoft app registration (a single-page app with redirect URI <origin>/app/); default OUTLOOK_CLIENT_ID. It asks for the same API scope. */
  CONSOLE_MICROSOFT_CLIENT_ID: z.uuid({ message: 'must be the console’s application (client) id, a GUID' }).optional(),
  /** The manager's console's Google OAuth client id (Web application, origin of this backend); accepted as a Google audience too. */
  CONSOLE_GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  AUTH_GOOGLE_JWKS_URL: z.url().default('https://www.googleapis.com/oauth2/v3/certs'),
  AUTH_GOOGLE_AUDIENCE: list.default([]),
  AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(60),
  /** 32 random bytes, base64: seals secrets the backend must read back (webhook signing keys). */
  SECRETS_KEY: z
    .string()
    .transform((v) => Buffer.from(v, 'base64'))
    .refine((key) => key.length === 32, { message: 'must be 32 random bytes in base64, e.g. from `openssl rand -base64 32`' })
    .optional(),
  /** Enables the operator API (POST /v1/operator/orgs); at least 32 characters. */
  OPERATOR_TOKEN: z.string().min(32, { message: 'must be at least 32 characters, e.g. from `openssl rand -hex 32`' }).optional(),
  /** Where notices are sent from: smtp://user:pass@host:587 (email notices are retried until it is set). */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  NOTIFY_FROM: z.string().default('Reply routing <noreply@localhost>'),
  /** The address of the app that notices link to. */
  APP_BASE_URL: z.url().default('http://127.0.0.1:8787'),
  /** Serve HTTPS with this certificate and key (PEM files), e.g. for sideloading the Outlook add-in (`npm run dev:outlook`). */
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Browser origins allowed besides the backend's own, comma-separated. */
  CORS_ORIGINS: list.default([]),
  DEMO_ORG: z.string().min(1).default('acme'),
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
})
  .refine((env) => (env.TLS_CERT_FILE === undefined) === (env.TLS_KEY_FILE === undefined), {
    path: ['TLS_KEY_FILE'],
    message: 'set both TLS_CERT_FILE and TLS_KEY_FILE, or neither',
  })
  .refine((env) => env.AUTH_MODE !== 'dev' || LOOPBACK.test(env.HOST), {
    path: ['HOST'],
    message: 'demo mode (AUTH_MODE=dev) trusts the X-Dev-User header, so it binds only to loopback (127.0.0.1, ::1, localhost)',
  })
  .refine((env) => env.AUTH_MODE !== 'dev' || env.NODE_ENV !== 'production', {
    path: ['AUTH_MODE'],
    message: 'demo mode is refused when NODE_ENV=production: use `npm run serve` (AUTH_MODE=tokens)',
  })
  .refine((env) => env.AUTH_MODE !== 'tokens' || env.SECRETS_KEY !== undefined, {
    path: ['SECRETS_KEY'],
    message: 'real use needs SECRETS_KEY (32 random bytes in base64, e.g. `openssl rand -base64 32`) to seal webhook signing keys',
  })
  .refine((env) => env.AUTH_MODE !== 'tokens' || env.AUTH_MICROSOFT_AUDIENCE.length + env.AUTH_GOOGLE_AUDIENCE.length > 0, {
    path: ['AUTH_MICROSOFT_AUDIENCE'],
    message: 'real sign-in needs AUTH_MICROSOFT_AUDIENCE (the add-in app id URI or client id) and/or AUTH_GOOGLE_AUDIENCE (the add-on OAuth client id)',
  });
export type Env = z.infer<typeof Env>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  return parseOrExplain(Env, source);
}

export function readDatabaseEnv(source: NodeJS.ProcessEnv = process.env): z.infer<typeof DatabaseEnv> {
  return parseOrExplain(DatabaseEnv, source);
}

/** Where the database is, in the form openDatabase takes. */
export function databaseLocation(env: z.infer<typeof DatabaseEnv>) {
  return env.DATABASE_URL ? { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE } : { dataDir: env.DATA_DIR };
}

function parseOrExplain<T extends z.ZodType>(schema: T, source: NodeJS.ProcessEnv): z.infer<T> {
  // An empty variable counts as unset (`DATABASE_URL= npm start`).
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}
