import { createRoute } from '@hono/zod-openapi';
import { AccountRow, LeadRow } from '#shared/api';
import { z } from 'zod';
import { errors, json } from '../openapi-helpers.ts';

export const ImportView = z.object({
  inserted: z.number(),
  updated: z.number(),
  warnings: z.array(z.object({ path: z.string(), message: z.string() })),
});

const upsert = (path: 'accounts' | 'leads', row: z.ZodType, description: string) =>
  createRoute({
    method: 'put',
    path: `/v1/${path}`,
    tags: ['crm'],
    summary: `Bulk upsert of CRM ${path}`,
    description: `${description} Managers and admins. A JSON array, or CSV (Content-Type text/csv) with a header row of the same column names; lists in CSV are separated by ';'. One invalid row is reported by its row number and nothing is written.`,
    request: {
      body: {
        content: { 'application/json': { schema: z.array(row) }, 'text/csv': { schema: z.string() } },
        description: 'The rows',
      },
    },
    responses: { 200: json(ImportView, 'How many rows were new, how many updated'), ...errors },
  });

export const putAccountsRoute = upsert('accounts', AccountRow, 'Matched on crmId, else on the normalised name.');
export const putLeadsRoute = upsert('leads', LeadRow, 'Matched on the email address.');
