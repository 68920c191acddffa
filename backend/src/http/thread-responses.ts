// Answers with the thread view for the calling member.
import type { Context } from 'hono';
import { NotFound } from '../domain/errors.ts';
import type { Scope } from '../store/scope.ts';
import { getThread, type ThreadRow } from '../store/threads.ts';
import type { Deps } from '../use-cases/deps.ts';
import { loadPolicy } from '../use-cases/policy.ts';
import { buildThreadView } from '../use-cases/thread-view.ts';
import type { AppEnv } from './app-env.ts';

export function scopeOf(deps: Deps, c: Context<AppEnv>): Scope {
  return { db: deps.db, orgId: c.get('caller').orgId };
}

export async function respondWithView<S extends 200 | 201>(deps: Deps, c: Context<AppEnv>, thread: string | ThreadRow, status: S) {
  const scope = scopeOf(deps, c);
  const row = typeof thread === 'string' ? await getThread(scope, thread) : thread;
  if (!row) throw new NotFound('Thread');
  const view = await buildThreadView(scope, await loadPolicy(scope), row, c.get('caller').member, deps.clock.now());
  return c.json(view, status);
}
