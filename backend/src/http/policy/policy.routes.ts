import { createRoute } from '@hono/zod-openapi';
import { IngestMessage } from '#shared/api';
import { PolicyCheckView, PolicyVersionSummary, PolicyVersionView, SimulationView } from '#shared/console/api';
import { PolicyDocument } from '#shared/policy';
import { z } from 'zod';
import { errors, json } from '../openapi-helpers.ts';

export const StoredPolicyView = z.object({
  version: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  policy: z.unknown(),
});

export const getPolicyRoute = createRoute({
  method: 'get',
  path: '/v1/policy',
  tags: ['policy'],
  summary: 'The current policy and its version',
  responses: { 200: json(StoredPolicyView, 'The current policy'), ...errors },
});

export const putPolicyRoute = createRoute({
  method: 'put',
  path: '/v1/policy',
  tags: ['policy'],
  summary: 'Store a new version of the policy',
  description:
    'Managers and admins. JSON, or YAML with Content-Type application/yaml. The whole document is validated; every problem is a 400 naming its path. Send `If-Match: "<version>"` to refuse the write when someone saved in between (409).',
  request: {
    body: {
      content: {
        'application/json': { schema: PolicyDocument },
        'application/yaml': { schema: z.string() },
        'text/yaml': { schema: z.string() },
      },
      description: 'The policy document',
    },
  },
  responses: { 200: json(StoredPolicyView, 'The stored version'), ...errors },
});

/** The most past replies one simulation replays. */
export const MAX_SIMULATED_REPLIES = 5000;

export const SimulateBody = z
  .strictObject({
    /** The draft: a policy document, or its YAML text as the console's editor holds it. */
    policy: z.unknown(),
    messages: z.array(IngestMessage).min(1).max(500).optional(),
    last: z.number().int().min(1).max(MAX_SIMULATED_REPLIES).optional(),
  })
  .refine((b) => (b.messages === undefined) !== (b.last === undefined), {
    message: 'give either messages (a list of sample replies) or last (how many recent replies to replay)',
  });

export const simulatePolicyRoute = createRoute({
  method: 'post',
  path: '/v1/policy/simulate',
  tags: ['policy'],
  summary: 'Route a sample of replies with a draft policy, writing nothing',
  description:
    'Managers and admins. Per reply: owner and explanation under the draft and under the current policy; a summary of what changed. `policy` may be the YAML text of the draft. With `Accept: application/x-ndjson` the answer streams one `{"progress":{"done","total"}}` line per batch of replies, then `{"result": …}` (or `{"error": …}`).',
  request: { body: { ...json(SimulateBody, 'The draft and the sample'), required: true } },
  responses: { 200: json(SimulationView, 'What the draft would do'), ...errors },
});

export const policyVersionsRoute = createRoute({
  method: 'get',
  path: '/v1/policy/versions',
  tags: ['policy'],
  summary: 'The policy’s versions, newest first (manager)',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
  responses: { 200: json(z.array(PolicyVersionSummary), 'The versions'), ...errors },
});

export const policyVersionRoute = createRoute({
  method: 'get',
  path: '/v1/policy/versions/{version}',
  tags: ['policy'],
  summary: 'One version of the policy, as data and as YAML (manager)',
  request: { params: z.object({ version: z.coerce.number().int().min(1, { message: 'must be a version number such as 3' }) }) },
  responses: { 200: json(PolicyVersionView, 'The version'), ...errors },
});

export const validatePolicyRoute = createRoute({
  method: 'post',
  path: '/v1/policy/validate',
  tags: ['policy'],
  summary: 'Check a draft policy’s YAML text, writing nothing (manager)',
  description: 'Send the YAML as `application/yaml` (or `text/plain`), or `{"yaml": "…"}`. Each problem comes with its path, line and column (1-based).',
  request: {
    body: {
      content: {
        'application/yaml': { schema: z.string() },
        'text/plain': { schema: z.string() },
        'application/json': { schema: z.strictObject({ yaml: z.string() }) },
      },
      description: 'The draft',
    },
  },
  responses: { 200: json(PolicyCheckView, 'What is wrong, if anything'), ...errors },
});

export const HolidaysFromUrl = z.strictObject({ url: z.url({ protocol: /^https?$/, message: 'must be the http(s) URL of an iCalendar file' }) });

export const importHolidaysRoute = createRoute({
  method: 'post',
  path: '/v1/policy/holidays',
  tags: ['policy'],
  summary: 'Import the org’s holidays from an iCalendar file or URL (admin)',
  description: 'Every day an event covers becomes a holiday (no working time for anyone); stored as a new policy version.',
  request: {
    body: {
      content: { 'text/calendar': { schema: z.string() }, 'application/json': { schema: HolidaysFromUrl } },
      description: 'The calendar, or where to fetch it',
    },
  },
  responses: { 200: json(z.object({ version: z.number(), added: z.array(z.string()), holidays: z.array(z.string()) }), 'The new version'), ...errors },
});
