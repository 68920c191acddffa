// Absences over HTTP: planned ones per member, and "away now / back now" for the sidebar.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { ABSENCE_REASONS, absencesOf, addAbsence, awayNow, backNow, cancelAbsence } from '../../use-cases/absences.ts';
import type { Deps } from '../../use-cases/deps.ts';
import type { AppEnv } from '../app-env.ts';
import { validationHook } from '../errors.ts';
import { errors, json } from '../openapi-helpers.ts';

const Instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant such as 2026-12-01T09:00:00Z' });
const AbsenceView = z.object({
  id: z.string(),
  member: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  reason: z.string(),
  createdBy: z.string(),
});
const MemberParam = z.object({ email: z.email({ message: 'must be a member email address' }).transform((v) => v.toLowerCase()) });
const tags = ['absences'];

const createAbsenceRoute = createRoute({
  method: 'post',
  path: '/v1/members/{email}/absences',
  tags,
  summary: 'Plan an absence (the member, or a manager)',
  description: 'Routing skips a member while an absence runs: their backup or the next rule takes new replies.',
  request: {
    params: MemberParam,
    body: {
      ...json(z.strictObject({ startsAt: Instant, endsAt: Instant.nullable().default(null), reason: z.enum(ABSENCE_REASONS) }), 'The absence'),
      required: true,
    },
  },
  responses: { 201: json(AbsenceView, 'The absence'), ...errors },
});
const memberAbsencesRoute = createRoute({
  method: 'get',
  path: '/v1/members/{email}/absences',
  tags,
  summary: 'A member’s current and future absences',
  request: { params: MemberParam },
  responses: { 200: json(z.array(AbsenceView), 'The absences'), ...errors },
});
const teamAbsencesRoute = createRoute({
  method: 'get',
  path: '/v1/absences',
  tags,
  summary: 'The team’s current and future absences (manager)',
  responses: { 200: json(z.array(AbsenceView), 'The absences'), ...errors },
});
const cancelAbsenceRoute = createRoute({
  method: 'delete',
  path: '/v1/absences/{id}',
  tags,
  summary: 'Cancel an absence, or end one that has begun',
  request: { params: z.object({ id: z.uuid({ message: 'must be an absence id' }) }) },
  responses: { 200: json(AbsenceView, 'The absence'), ...errors },
});
const awayRoute = createRoute({
  method: 'post',
  path: '/v1/me/away',
  tags,
  summary: 'Mark yourself away now (until you are back, or until `until`)',
  request: { body: { ...json(z.strictObject({ until: Instant.optional() }).default({}), 'Optional end') } },
  responses: { 201: json(AbsenceView, 'The absence'), ...errors },
});
const backRoute = createRoute({
  method: 'post',
  path: '/v1/me/back',
  tags,
  summary: 'Mark yourself back now',
  responses: { 200: json(z.array(AbsenceView), 'The absences that ended'), ...errors },
});

export function absencesRouter(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(createAbsenceRoute, async (c) => {
    const body = c.req.valid('json');
    const input = { startsAt: new Date(body.startsAt), endsAt: body.endsAt ? new Date(body.endsAt) : null, reason: body.reason };
    return c.json(await addAbsence(deps, c.get('scope'), c.get('caller').member, c.req.valid('param').email, input), 201);
  });
  app.openapi(memberAbsencesRoute, async (c) => c.json(await absencesOf(deps, c.get('scope'), c.get('caller').member, c.req.valid('param').email), 200));
  app.openapi(teamAbsencesRoute, async (c) => c.json(await absencesOf(deps, c.get('scope'), c.get('caller').member, null), 200));
  app.openapi(cancelAbsenceRoute, async (c) => c.json(await cancelAbsence(deps, c.get('scope'), c.get('caller').member, c.req.valid('param').id), 200));
  app.openapi(awayRoute, async (c) => {
    const until = (c.req.valid('json') as { until?: string }).until;
    return c.json(await awayNow(deps, c.get('scope'), c.get('caller').member, until ? new Date(until) : null), 201);
  });
  app.openapi(backRoute, async (c) => c.json(await backNow(deps, c.get('scope'), c.get('caller').member), 200));
  return app;
}
