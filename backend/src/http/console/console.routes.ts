import { createRoute } from '@hono/zod-openapi';
import { LedgerEventView, TeamView, ThreadMessageView } from '#shared/console/api';
import { z } from 'zod';
import { errors, json } from '../openapi-helpers.ts';
import { ThreadIdParam } from '../threads/threads.routes.ts';

export const teamRoute = createRoute({
  method: 'get',
  path: '/v1/team',
  tags: ['team'],
  summary: 'The team now: roles, hours, availability, absences and open load against capacity (manager)',
  responses: { 200: json(TeamView, 'The team'), ...errors },
});

export const threadMessagesRoute = createRoute({
  method: 'get',
  path: '/v1/threads/{id}/messages',
  tags: ['threads'],
  summary: 'The messages of a thread, oldest first',
  request: { params: ThreadIdParam },
  responses: { 200: json(z.array(ThreadMessageView), 'The messages'), ...errors },
});

export const threadLedgerRoute = createRoute({
  method: 'get',
  path: '/v1/threads/{id}/ledger',
  tags: ['threads'],
  summary: 'The whole ledger of a thread, oldest first',
  request: { params: ThreadIdParam },
  responses: { 200: json(z.array(LedgerEventView), 'The ledger'), ...errors },
});
