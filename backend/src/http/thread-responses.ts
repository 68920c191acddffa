// Answers with the thread view for the calling member.
import type { Context } from 'hono';
import { NotFound } from '../domain/errors.ts';
import type { Scope } from '../store/scope.ts';
import { loadThreadContext, type ThreadKey } from '../store/thread-context.ts';
import type { Deps } from '../use-cases/deps.ts';
import { loadPolicy } from '../use-cases/policy.ts';
import { threadView } from '../use-cases/thread-view.ts';
import type { AppEnv } from './app-env.ts';

export function scopeOf(_deps: Deps, c: Context<AppEnv>): Scope {
  return c.get('scope');
}

export async function respondWithView<S extends 200 | 201>(deps: Deps, c: Context<AppEnv>, key: ThreadKey, status: S, notFoundHint?: string) {
  const scope = scopeOf(deps, c);
  const context = await loadThreadContext(scope, key);
  if (!context) throw new NotFound('The thread', notFoundHint);
  return c.json(threadView(context, await loadPolicy(scope), c.get('caller').member, deps.clock.now()), status);
}
