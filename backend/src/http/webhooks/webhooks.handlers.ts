// Signed deliveries from sending tools: the same message body as
// POST /v1/messages, authenticated by an HMAC-SHA256 signature of the raw body.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { IngestMessage } from '#shared/api';
import { z } from 'zod';
import type { SecretBox } from '../../crypto/secret-box.ts';
import { InvalidInput } from '../../domain/errors.ts';
import { verifyWebhook } from '../../use-cases/api-keys.ts';
import { applyFieldMapping, fieldMappingOf, recordLeadOwner } from '../../use-cases/field-mapping.ts';
import { withOrg, type Deps } from '../../use-cases/deps.ts';
import { ingestMessage } from '../../use-cases/ingest-message.ts';
import { zodIssues } from '../../use-cases/policy.ts';
import type { AppEnv } from '../app-env.ts';
import { errors, json } from '../openapi-helpers.ts';

export const webhookMessageRoute = createRoute({
  method: 'post',
  path: '/v1/webhooks/messages',
  tags: ['messages'],
  summary: 'Ingest one message, signed with an API key (webhook)',
  description:
    'Headers: `X-Reply-Routing-Key: <key id>`, `X-Reply-Routing-Timestamp: <unix seconds>`, `X-Reply-Routing-Signature: sha256=<hex HMAC-SHA256(key secret, "<timestamp>.<raw body>")>`. Deliveries more than five minutes off, or seen before, are refused.',
  request: { body: { ...json(IngestMessage, 'The message, as for POST /v1/messages'), required: true } },
  responses: {
    201: json(z.object({ threadId: z.string(), created: z.boolean() }), 'Ingested'),
    200: json(z.object({ threadId: z.string(), created: z.boolean() }), 'Known already'),
    ...errors,
  },
});

export function webhooksRouter(deps: Deps, secrets: SecretBox) {
  const app = new OpenAPIHono<AppEnv>();
  app.openAPIRegistry.registerPath(webhookMessageRoute);
  app.post(webhookMessageRoute.path, async (c) => {
    // The signature covers the raw bytes, so the body is read as text before parsing.
    const raw = await c.req.text();
    const key = await verifyWebhook(
      deps,
      secrets,
      {
        keyId: c.req.header('x-reply-routing-key'),
        timestamp: c.req.header('x-reply-routing-timestamp'),
        signature: c.req.header('x-reply-routing-signature'),
      },
      raw,
      deps.clock.now(),
    );
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new InvalidInput('The body is not valid JSON: check quotes, commas and brackets');
    }
    // The connection's field mapping (a sending tool's own names for our fields), if it has one.
    const mapping = await withOrg(deps, key.orgId, (scope) => fieldMappingOf(scope, key.id));
    const mapped = applyFieldMapping(body, mapping);
    const parsed = IngestMessage.safeParse(mapped.body);
    if (!parsed.success)
      throw new InvalidInput(`Invalid field ${zodIssues(parsed.error)[0]!.path}: ${parsed.error.issues[0]!.message}`, zodIssues(parsed.error));
    const result = await withOrg(deps, key.orgId, async (scope) => {
      if (mapped.leadOwner && parsed.data.direction === 'inbound') await recordLeadOwner(scope, parsed.data.from.email, mapped.leadOwner, deps.clock.now());
      return ingestMessage(deps, scope, parsed.data);
    });
    return c.json(result, result.created ? 201 : 200);
  });
  return app;
}
