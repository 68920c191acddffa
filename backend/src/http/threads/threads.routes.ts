import { createRoute } from '@hono/zod-openapi';
import { CategoryBody, ClaimBody, FollowUpBody, HandoffBody, NeedsHelpBody, ReassignBody, ReleaseBody, ResolveBody, TagsBody, ThreadView } from '#shared/api';
import { z } from 'zod';
import { errors, json } from '../openapi-helpers.ts';

export const ThreadIdParam = z.object({ id: z.uuid({ message: 'must be a thread id as returned by the API' }) });

export const LookupQuery = z
  .object({
    messageId: z.string().trim().min(3).max(998).optional(),
    gmailThreadId: z.string().trim().min(1).max(200).optional(),
    conversationId: z.string().trim().min(1).max(500).optional(),
  })
  .refine((q) => [q.messageId, q.gmailThreadId, q.conversationId].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of messageId, gmailThreadId, conversationId',
  });

export const lookupThreadRoute = createRoute({
  method: 'get',
  path: '/v1/threads/lookup',
  tags: ['threads'],
  summary: 'Find the thread of a message, a Gmail thread or an Outlook conversation',
  request: { query: LookupQuery },
  responses: { 200: json(ThreadView, 'The thread view'), ...errors },
});

export const getThreadRoute = createRoute({
  method: 'get',
  path: '/v1/threads/{id}',
  tags: ['threads'],
  summary: 'The thread view',
  request: { params: ThreadIdParam },
  responses: { 200: json(ThreadView, 'The thread view'), ...errors },
});

const action = <T extends z.ZodType>(path: string, body: T, summary: string, description: string) =>
  createRoute({
    method: 'post',
    path: `/v1/threads/{id}/${path}`,
    tags: ['threads'],
    summary,
    description,
    request: { params: ThreadIdParam, body: { ...json(body, 'What to do'), required: path !== 'claim' } },
    responses: { 200: json(ThreadView, 'The thread view after the change'), ...errors },
  });

export const claimRoute = action(
  'claim',
  ClaimBody,
  'Take an unowned thread',
  'The first claimer wins; the others get 409 naming the owner. A thread that needs help can be taken by a teammate.',
);
export const releaseRoute = action('release', ReleaseBody, 'Give the thread back to the triage queue', 'Owner only, with a reason.');
export const handoffRoute = action('handoff', HandoffBody, 'Hand the thread to a member', 'Owner or manager; with a reason and a handoff note.');
export const needsHelpRoute = action(
  'needs-help',
  NeedsHelpBody,
  'Ask for someone else to take it',
  'Owner only; the owner keeps it until a teammate claims it.',
);
export const tagsRoute = action('tags', TagsBody, 'Add or remove tags', 'Owner or manager, or anyone while the thread has no owner.');
export const followUpRoute = action('follow-up', FollowUpBody, 'Set or clear the follow-up date', 'Kept through handoffs. `at: null` clears it.');
export const resolveRoute = action('resolve', ResolveBody, 'Close the thread with an outcome', 'Owner or manager. A new reply reopens it.');
export const reassignRoute = action('reassign', ReassignBody, 'Reassign the thread', 'Manager only, with a reason.');
export const categoryRoute = action(
  'category',
  CategoryBody,
  'Correct the category of the latest reply',
  'Owner or manager, or anyone while the thread has no owner. Kept in the ledger; the new category’s actions run (suppression, task, sequence event, follow-up).',
);
