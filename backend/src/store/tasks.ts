// Tasks that categories create for a thread's owner.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Scope } from './scope.ts';
import { tasks } from './schema.ts';

export type TaskRow = typeof tasks.$inferSelect;

export async function createTask(scope: Scope, task: Omit<typeof tasks.$inferInsert, 'orgId'>): Promise<void> {
  await scope.db.insert(tasks).values({ ...task, orgId: scope.orgId });
}

/** Open tasks of a member, soonest first. */
export async function openTasks(scope: Scope, assignee: string): Promise<TaskRow[]> {
  return scope.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.orgId, scope.orgId), eq(tasks.assignee, assignee), isNull(tasks.doneAt)))
    .orderBy(asc(tasks.dueOn), asc(tasks.createdAt));
}
