import { createRoute } from '@hono/zod-openapi';
import { IngestMessage, ThreadView } from '#shared/api';
import { z } from 'zod';
import { errors, json } from '../openapi-helpers.ts';

export const RawMessageQuery = z.object({
  direction: z.enum(['inbound', 'outbound']).optional(),
  mailbox: z.email().optional(),
  sequence: z.string().trim().min(1).max(200).optional(),
  source: z.string().trim().min(1).max(200).optional(),
});

export const ingestMessageRoute = createRoute({
  method: 'post',
  path: '/v1/messages',
  tags: ['messages'],
  summary: 'Ingest one message',
  description:
    'An inbound reply is threaded, classified and routed at once; an outbound message joins its thread (the owner’s first one after a reply is the first response). Idempotent on the normalised Message-ID.',
  request: {
    body: {
      content: { 'application/json': { schema: IngestMessage }, 'message/rfc822': { schema: z.string().describe('The raw message source') } },
      description:
        'The message as JSON, or its raw RFC 822 source (then `?direction=outbound`, `&mailbox=`, `&sequence=`, `&source=` may add what the source cannot say)',
    },
    query: RawMessageQuery,
  },
  responses: {
    201: json(ThreadView, 'New: the thread view after routing'),
    200: json(ThreadView, 'Already known: the thread view, nothing written'),
    ...errors,
  },
});

export const ClassificationResult = z.object({ category: z.string(), classification: z.unknown() });

export const classifyRoute = createRoute({
  method: 'post',
  path: '/v1/classify',
  tags: ['messages'],
  summary: 'Classify a message without storing it',
  description: 'The same inputs as POST /v1/messages (JSON or message/rfc822): the category, its cues and the signals beside it.',
  request: {
    body: {
      content: { 'application/json': { schema: IngestMessage }, 'message/rfc822': { schema: z.string() } },
      description: 'The message',
    },
  },
  responses: { 200: json(ClassificationResult, 'The classification'), ...errors },
});
