import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { errors, json } from '../openapi-helpers.ts';

export const ApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export const NewApiKeyView = ApiKeyView.extend({ key: z.string().describe('The key: shown this once, never again') });
const KeyIdParam = z.object({ id: z.uuid({ message: 'must be an API key id' }) });

export const createApiKeyRoute = createRoute({
  method: 'post',
  path: '/v1/api-keys',
  tags: ['api keys'],
  summary: 'Create an API key for a sending tool or connector (admin)',
  description: 'The key may only ingest messages: `Authorization: Bearer <key>` on POST /v1/messages, or as the signing secret of POST /v1/webhooks/messages.',
  request: { body: { ...json(z.strictObject({ name: z.string().trim().min(1).max(100) }), 'A name that says who uses it'), required: true } },
  responses: { 201: json(NewApiKeyView, 'The new key'), ...errors },
});

export const listApiKeysRoute = createRoute({
  method: 'get',
  path: '/v1/api-keys',
  tags: ['api keys'],
  summary: 'The org’s API keys, without their secrets (admin)',
  responses: { 200: json(z.array(ApiKeyView), 'The keys'), ...errors },
});

export const revokeApiKeyRoute = createRoute({
  method: 'delete',
  path: '/v1/api-keys/{id}',
  tags: ['api keys'],
  summary: 'Revoke an API key at once (admin)',
  request: { params: KeyIdParam },
  responses: { 200: json(ApiKeyView, 'The revoked key'), ...errors },
});

export const rotateApiKeyRoute = createRoute({
  method: 'post',
  path: '/v1/api-keys/{id}/rotate',
  tags: ['api keys'],
  summary: 'Replace an API key, keeping the old one valid for an overlap (admin)',
  request: {
    params: KeyIdParam,
    body: {
      ...json(
        z.strictObject({ overlapMinutes: z.number().int().min(0).max(10_080).default(1440) }).default({ overlapMinutes: 1440 }),
        'How long the old key keeps working',
      ),
    },
  },
  responses: { 200: json(z.object({ previous: ApiKeyView, next: NewApiKeyView }), 'The old key (with its expiry) and the new one'), ...errors },
});
