// The org's settings (admin) and the erasure of a prospect's personal data (admin).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SecretBox } from '../../crypto/secret-box.ts';
import { NotFound } from '../../domain/errors.ts';
import { orgSettings, updateOrgSettings } from '../../store/orgs.ts';
import type { Deps } from '../../use-cases/deps.ts';
import { eraseProspectData } from '../../use-cases/privacy.ts';
import type { AppEnv } from '../app-env.ts';
import { requireRole } from '../auth/roles.ts';
import { validationHook } from '../errors.ts';
import { errors, json } from '../openapi-helpers.ts';

const OrgSettingsView = z.object({
  name: z.string(),
  retentionDays: z.number(),
  webhookUrl: z.string().nullable(),
  webhookSecret: z.string().optional().describe('Shown once, when a webhook URL is first set or the secret is rotated'),
});
const OrgSettingsBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    retentionDays: z.number().int().min(1, { message: 'must keep message text at least 1 day' }).max(3650).optional(),
    webhookUrl: z
      .url({ protocol: /^https?$/, message: 'must be the http(s) URL where your sending tool receives events' })
      .nullable()
      .optional(),
    rotateWebhookSecret: z.literal(true).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'give at least one of name, retentionDays, webhookUrl, rotateWebhookSecret' });

export const getOrgRoute = createRoute({
  method: 'get',
  path: '/v1/org',
  tags: ['org'],
  summary: 'The org’s settings',
  responses: { 200: json(OrgSettingsView, 'The settings'), ...errors },
});

export const putOrgRoute = createRoute({
  method: 'put',
  path: '/v1/org',
  tags: ['org'],
  summary: 'Change the org’s settings (admin)',
  description: '`retentionDays`: how long message text is kept (default 90); the ledger and metrics stay after it goes.',
  request: { body: { ...json(OrgSettingsBody, 'The changes'), required: true } },
  responses: { 200: json(OrgSettingsView, 'The settings'), ...errors },
});

export const eraseProspectRoute = createRoute({
  method: 'delete',
  path: '/v1/prospects/{email}',
  tags: ['org'],
  summary: 'Erase a prospect’s personal data (admin)',
  description:
    'Message text, subjects, headers and names go; the address becomes a pseudonym in threads, messages and the ledger, whose events stay. The CRM lead record is deleted.',
  request: { params: z.object({ email: z.email({ message: 'must be the prospect’s email address' }).transform((v) => v.toLowerCase()) }) },
  responses: {
    200: json(z.object({ pseudonym: z.string(), messages: z.number(), threads: z.number(), leads: z.number(), ledgerEvents: z.number() }), 'What was erased'),
    ...errors,
  },
});

export function orgRouter(deps: Deps, secrets: SecretBox) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(getOrgRoute, async (c) => {
    const settings = await orgSettings(c.get('scope').db, c.get('caller').orgId);
    if (!settings) throw new NotFound('The org');
    return c.json(settings, 200);
  });
  app.openapi(putOrgRoute, async (c) => {
    requireRole(c.get('caller'), 'admin', 'change the org settings');
    const { rotateWebhookSecret, ...patch } = c.req.valid('json');
    const db = c.get('scope').db;
    const before = await orgSettings(db, c.get('caller').orgId);
    if (!before) throw new NotFound('The org');
    // The signing secret of the events sent to the sending tool: made when the first URL is set, or on request.
    const newSecret = rotateWebhookSecret || (patch.webhookUrl && !before.webhookUrl) ? randomBytes(32).toString('base64url') : undefined;
    const settings = await updateOrgSettings(db, c.get('caller').orgId, { ...patch, ...(newSecret ? { webhookSecretSealed: secrets.seal(newSecret) } : {}) });
    if (!settings) throw new NotFound('The org');
    return c.json({ ...settings, ...(newSecret ? { webhookSecret: newSecret } : {}) }, 200);
  });
  app.openapi(eraseProspectRoute, async (c) => {
    requireRole(c.get('caller'), 'admin', "erase a prospect's data");
    return c.json(await eraseProspectData(deps, c.get('scope'), c.req.valid('param').email), 200);
  });
  return app;
}
