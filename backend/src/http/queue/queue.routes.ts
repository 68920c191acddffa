import { createRoute } from '@hono/zod-openapi';
import { QueueView } from '#shared/api';
import { errors, json } from '../openapi-helpers.ts';

export const queueRoute = createRoute({
  method: 'get',
  path: '/v1/queue',
  tags: ['queue'],
  summary: 'The triage queue, the help requests and the open threads',
  description: 'Sorted by triage order: priority, then SLA due time, then the oldest reply. Managers see every open thread; a rep sees their own.',
  responses: { 200: json(QueueView, 'The queue'), ...errors },
});
