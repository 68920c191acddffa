// The deployment operator's API: creating an org with its first admin, the
// same as `npm run org:create`. Enabled only when OPERATOR_TOKEN is set.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DomainError, NotFound } from '../../domain/errors.ts';
import { createOrgWithAdmin, NewOrgInput } from '../../use-cases/create-org.ts';
import type { Deps } from '../../use-cases/deps.ts';
import type { AppEnv } from '../app-env.ts';
import { errors, json } from '../openapi-helpers.ts';

export const createOrgRoute = createRoute({
  method: 'post',
  path: '/v1/operator/orgs',
  tags: ['operator'],
  summary: 'Create an org with its first admin (deployment operator)',
  description: '`Authorization: Bearer <OPERATOR_TOKEN>`. Binds the org to a Microsoft Entra tenant id and/or a Google Workspace domain.',
  request: { body: { ...json(NewOrgInput, 'The org'), required: true } },
  responses: {
    201: json(
      z.object({
        id: z.string(),
        slug: z.string(),
        name: z.string(),
        msTenantId: z.string().nullable().optional(),
        googleDomain: z.string().nullable().optional(),
      }),
      'The org',
    ),
    ...errors,
  },
});

const digest = (value: string) => createHash('sha256').update(value).digest();

export function operatorRouter(deps: Deps, operatorToken: string | undefined) {
  const app = new OpenAPIHono<AppEnv>();
  app.openAPIRegistry.registerPath(createOrgRoute);
  app.post(createOrgRoute.path, async (c) => {
    if (!operatorToken) throw new NotFound('This route', 'the operator API is off; set OPERATOR_TOKEN to enable it');
    const presented = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(presented), digest(operatorToken))) throw new DomainError('unauthenticated', 'The operator token is missing or wrong');
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      throw new DomainError('invalid_input', 'The body is not valid JSON: check quotes, commas and brackets');
    }
    return c.json(await createOrgWithAdmin(deps, body), 201);
  });
  return app;
}
