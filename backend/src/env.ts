// The one reader of process.env: parsed and checked at start-up, failing fast
// with the name of the bad variable.
import { z } from 'zod';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Where the data lives: what `npm run db:migrate` needs. */
export const DatabaseEnv = z.object({
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
});

export const Env = DatabaseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  AUTH_MODE: z.enum(['dev'], { message: "must be 'dev' (demo mode; real sign-in comes with the identity issue)" }),
  DEMO_ORG: z.string().min(1).default('acme'),
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
}).refine((env) => env.AUTH_MODE !== 'dev' || LOOPBACK.test(env.HOST), {
  path: ['HOST'],
  message: 'demo mode (AUTH_MODE=dev) trusts the X-Dev-User header, so it binds only to loopback (127.0.0.1, ::1, localhost)',
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
