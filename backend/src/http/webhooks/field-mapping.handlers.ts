// The field mapping of a sending-tool connection (an API key), admin only:
// how that tool's payload names map to our message fields.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Deps } from '../../use-cases/deps.ts';
import { FieldMapping, fieldMappingOf, setFieldMapping } from '../../use-cases/field-mapping.ts';
import type { AppEnv } from '../app-env.ts';
import { requireRole } from '../auth/roles.ts';
import { validationHook } from '../errors.ts';
import { errors, json } from '../openapi-helpers.ts';
import { scopeOf } from '../thread-responses.ts';

const KeyIdParam = z.object({ id: z.uuid({ message: 'must be an API key id' }) });
const MappingView = z.object({ fields: FieldMapping });

export const getFieldMappingRoute = createRoute({
  method: 'get',
  path: '/v1/api-keys/{id}/field-mapping',
  tags: ['api keys'],
  summary: 'The field mapping of a sending-tool connection (admin)',
  request: { params: KeyIdParam },
  responses: { 200: json(MappingView, 'The mapping (empty: the payload uses our names)'), ...errors },
});

export const putFieldMappingRoute = createRoute({
  method: 'put',
  path: '/v1/api-keys/{id}/field-mapping',
  tags: ['api keys'],
  summary: 'Map a sending tool’s field names to ours, for the webhook signed with this key (admin)',
  description:
    '`fields`: their field name (or a dotted path into their payload, e.g. `data.lead_owner`) to ours (`sequence`, `source`, `from.email`, `lead.company`, `lead.owner`, …). Applied by POST /v1/webhooks/messages before validation; with a mapping, payload fields that are neither ours nor mapped are ignored. `lead.owner` records the lead’s owner for a prospect the CRM does not know.',
  request: { params: KeyIdParam, body: { ...json(MappingView, 'The mapping; `{ "fields": {} }` removes it'), required: true } },
  responses: { 200: json(MappingView, 'The mapping'), ...errors },
});

export function fieldMappingRouter(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(getFieldMappingRoute, async (c) => {
    requireRole(c.get('caller'), 'admin', 'manage API keys');
    return c.json({ fields: (await fieldMappingOf(scopeOf(deps, c), c.req.valid('param').id)) ?? {} }, 200);
  });
  app.openapi(putFieldMappingRoute, async (c) => {
    requireRole(c.get('caller'), 'admin', 'manage API keys');
    return c.json({ fields: await setFieldMapping(scopeOf(deps, c), c.req.valid('param').id, c.req.valid('json').fields) }, 200);
  });
  return app;
}
