// Per-connection field mapping for sending tools whose payloads name fields
// their own way (`lead_owner`, `sequence_id`, `prospect.email`): stored with
// the API key the tool signs with, applied by the webhook intake before the
// body is validated, so no vendor needs code of its own.
import { IngestMessage } from '#shared/api';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { NotFound } from '../domain/errors.ts';
import { findLead, upsertLeads } from '../store/crm.ts';
import { apiKeys } from '../store/schema.ts';
import type { Scope } from '../store/scope.ts';

/** Our fields a mapping may fill: the message of DESIGN.md, plus `lead.owner` (the lead's owner in the CRM). */
export const MAPPABLE_FIELDS = [
  'messageId',
  'inReplyTo',
  'references',
  'gmailThreadId',
  'conversationId',
  'direction',
  'from.email',
  'from.name',
  'to',
  'mailbox',
  'subject',
  'text',
  'receivedAt',
  'sequence',
  'source',
  'category',
  'lead.name',
  'lead.company',
  'lead.crmAccountId',
  'lead.region',
  'lead.country',
  'lead.segment',
  'lead.language',
  'lead.owner',
] as const;

export const FieldMapping = z
  .record(
    z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^.]+(\.[^.]+)*$/, { message: 'must be a field name, or a dotted path into the payload such as data.lead_owner' }),
    z.enum(MAPPABLE_FIELDS, { message: `must be one of our fields: ${MAPPABLE_FIELDS.join(', ')}` }),
  )
  .refine((m) => Object.keys(m).length <= 50, { message: 'must map at most 50 fields' });
export type FieldMapping = z.infer<typeof FieldMapping>;

const OUR_TOP_LEVEL = new Set(Object.keys(IngestMessage.shape));

function read(body: Record<string, unknown>, path: string): unknown {
  let value: unknown = body;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * The payload in our field names, and the lead owner it named (if mapped).
 * Pure. Mapped fields win over same-named fields already there; with a
 * mapping, fields that are neither ours nor mapped are dropped rather than
 * refused, since a vendor's payload carries many fields we have no use for.
 */
export function applyFieldMapping(body: unknown, mapping: FieldMapping | null): { body: unknown; leadOwner: string | null } {
  if (!mapping || Object.keys(mapping).length === 0 || body === null || typeof body !== 'object' || Array.isArray(body)) return { body, leadOwner: null };
  const source = body as Record<string, unknown>;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(source).filter(([key]) => OUR_TOP_LEVEL.has(key)));
  let leadOwner: string | null = null;
  for (const [theirs, ours] of Object.entries(mapping)) {
    const value = read(source, theirs);
    if (value === undefined || value === null || value === '') continue;
    if (ours === 'lead.owner') {
      leadOwner = typeof value === 'string' ? value.trim().toLowerCase() : null;
      continue;
    }
    const [head, tail] = ours.split('.') as [string, string | undefined];
    if (tail === undefined) out[head] = value;
    else out[head] = { ...((out[head] as Record<string, unknown> | undefined) ?? {}), [tail]: value };
  }
  return { body: out, leadOwner };
}

export async function fieldMappingOf(scope: Scope, keyId: string): Promise<FieldMapping | null> {
  const [row] = await scope.db
    .select({ mapping: apiKeys.fieldMapping })
    .from(apiKeys)
    .where(and(eq(apiKeys.orgId, scope.orgId), eq(apiKeys.id, keyId)));
  if (!row) throw new NotFound('The API key');
  // Validated on write; read through the same schema so a stored mapping can only hold our field names.
  const parsed = FieldMapping.safeParse(row.mapping ?? {});
  return parsed.success && Object.keys(parsed.data).length > 0 ? parsed.data : null;
}

export async function setFieldMapping(scope: Scope, keyId: string, mapping: FieldMapping): Promise<FieldMapping> {
  const rows = await scope.db
    .update(apiKeys)
    .set({ fieldMapping: Object.keys(mapping).length > 0 ? mapping : null })
    .where(and(eq(apiKeys.orgId, scope.orgId), eq(apiKeys.id, keyId)))
    .returning({ id: apiKeys.id });
  if (rows.length === 0) throw new NotFound('The API key');
  return mapping;
}

/** A lead owner the sending tool names is recorded only for a prospect the CRM does not know: the CRM stays the source of truth. */
export async function recordLeadOwner(scope: Scope, prospect: string, owner: string, at: Date): Promise<void> {
  if (await findLead(scope, prospect)) return;
  await upsertLeads(
    scope,
    [{ email: prospect, owner, name: null, company: null, crmAccountId: null, source: null, region: null, country: null, segment: null, language: null }],
    at,
  );
}
