// A member's open tasks, and the org's suppression list (JSON, or CSV with Accept: text/csv).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { listSuppressions } from '../../store/suppressions.ts';
import { openTasks } from '../../store/tasks.ts';
import type { Deps } from '../../use-cases/deps.ts';
import type { AppEnv } from '../app-env.ts';
import { requireRole } from '../auth/roles.ts';
import { validationHook } from '../errors.ts';
import { errors, json } from '../openapi-helpers.ts';

const TaskView = z.object({ id: z.string(), threadId: z.string(), assignee: z.string().nullable(), kind: z.string(), title: z.string(), dueOn: z.string() });
const SuppressionView = z.object({ email: z.string(), reason: z.string(), threadId: z.string().nullable(), createdAt: z.string() });

export const tasksRoute = createRoute({
  method: 'get',
  path: '/v1/tasks',
  tags: ['tasks'],
  summary: 'Open tasks of a member (yours by default; a manager may ask for anyone’s)',
  request: { query: z.object({ assignee: z.email().optional() }) },
  responses: { 200: json(z.array(TaskView), 'The tasks, soonest first'), ...errors },
});

export const suppressionsRoute = createRoute({
  method: 'get',
  path: '/v1/suppressions',
  tags: ['tasks'],
  summary: 'The suppression list (manager): opted out, complained, invalid',
  description: 'JSON, or CSV with `Accept: text/csv`.',
  responses: { 200: json(z.array(SuppressionView), 'The list'), ...errors },
});

const csvField = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function tasksRouter(_deps: Deps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(tasksRoute, async (c) => {
    const caller = c.get('caller');
    const assignee = c.req.valid('query').assignee?.toLowerCase() ?? caller.member.email;
    if (assignee !== caller.member.email) requireRole(caller, 'manager', "see another member's tasks");
    const rows = await openTasks(c.get('scope'), assignee);
    return c.json(
      rows.map((t) => ({ id: t.id, threadId: t.threadId, assignee: t.assignee, kind: t.kind, title: t.title, dueOn: t.dueOn })),
      200,
    );
  });
  app.openapi(suppressionsRoute, async (c) => {
    requireRole(c.get('caller'), 'manager', 'see the suppression list');
    const rows = (await listSuppressions(c.get('scope'))).map((r) => ({
      email: r.email,
      reason: r.reason,
      threadId: r.threadId,
      createdAt: r.createdAt.toISOString(),
    }));
    if (/text\/csv/i.test(c.req.header('accept') ?? '')) {
      const lines = ['email,reason,threadId,createdAt', ...rows.map((r) => [r.email, r.reason, r.threadId ?? '', r.createdAt].map(csvField).join(','))];
      return c.body(`${lines.join('\n')}\n`, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="suppressions.csv"',
      }) as never;
    }
    return c.json(rows, 200);
  });
  return app;
}
