import { createRoute } from '@hono/zod-openapi';
import { IngestMessage, ThreadView } from '#shared/api';
import { errors, json } from '../openapi-helpers.ts';

export const ingestMessageRoute = createRoute({
  method: 'post',
  path: '/v1/messages',
  tags: ['messages'],
  summary: 'Ingest one message',
  description:
    'An inbound reply is threaded, classified and routed at once; an outbound message joins its thread (the owner’s first one after a reply is the first response). Idempotent on the normalised Message-ID.',
  request: { body: { ...json(IngestMessage, 'The message'), required: true } },
  responses: {
    201: json(ThreadView, 'New: the thread view after routing'),
    200: json(ThreadView, 'Already known: the thread view, nothing written'),
    ...errors,
  },
});
