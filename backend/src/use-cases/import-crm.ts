// Bulk upsert of CRM accounts and leads from JSON or CSV: every row is checked
// first, and one bad row means nothing of the request is written.
import { AccountRow, LeadRow } from '#shared/api';
import { parse as parseCsv } from 'csv-parse/sync';
import type { z } from 'zod';
import { companyNameKey } from '../domain/accounts/company-name.ts';
import { registrableDomain } from '../domain/accounts/email-domain.ts';
import { InvalidInput, type FieldIssue } from '../domain/errors.ts';
import type { CompiledPolicy } from '../domain/routing/compiled-policy.ts';
import { accountUpsertKey, upsertAccounts, upsertLeads, type AccountRecord, type LeadRecord } from '../store/crm.ts';
import { inTransaction, type Scope } from '../store/scope.ts';
import type { Deps } from './deps.ts';

const MAX_ROWS = 50_000;

export interface ImportResult {
  inserted: number;
  updated: number;
  /** Rows written but worth a look, e.g. an owner who is not on the team. */
  warnings: FieldIssue[];
}

/** Rows from a JSON array or a CSV text with a header row; each row's label says where it came from. */
export function readRows(body: { json?: unknown; csv?: string }): Array<{ label: string; value: unknown }> {
  if (body.csv !== undefined) {
    let records: Record<string, string>[];
    try {
      records = parseCsv(body.csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
    } catch (error) {
      throw new InvalidInput(`The CSV could not be read: ${(error as Error).message}. Send a header row with the column names, then one row per record`);
    }
    // Line 1 is the header, so record i is on line i + 2 (empty lines aside).
    return records.map((record, i) => ({ label: `row ${i + 2}`, value: withoutEmpty(record) }));
  }
  if (!Array.isArray(body.json)) throw new InvalidInput('Send a JSON array of rows, or CSV with Content-Type: text/csv');
  return body.json.map((value, i) => ({ label: `[${i}]`, value }));
}

function withoutEmpty(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== ''));
}

function validateRows<T extends z.ZodType>(schema: T, rows: Array<{ label: string; value: unknown }>): Array<z.infer<T>> {
  if (rows.length === 0) throw new InvalidInput('There are no rows to import');
  if (rows.length > MAX_ROWS) throw new InvalidInput(`At most ${MAX_ROWS} rows per request; split the file`);
  const issues: FieldIssue[] = [];
  const parsed: Array<z.infer<T>> = [];
  for (const row of rows) {
    const result = schema.safeParse(row.value);
    if (result.success) parsed.push(result.data);
    else
      for (const issue of result.error.issues)
        issues.push({ path: `${row.label}${issue.path.length ? '.' + issue.path.join('.') : ''}`, message: issue.message });
  }
  if (issues.length > 0)
    throw new InvalidInput(`${issues.length} problem(s), first at ${issues[0]!.path}: ${issues[0]!.message}. Nothing was written`, issues.slice(0, 200));
  return parsed;
}

function rejectDuplicates(keys: string[], labels: string[], what: string): void {
  const seen = new Map<string, string>();
  const issues: FieldIssue[] = [];
  keys.forEach((key, i) => {
    const first = seen.get(key);
    if (first !== undefined) issues.push({ path: labels[i]!, message: `same ${what} as ${first}` });
    else seen.set(key, labels[i]!);
  });
  if (issues.length > 0) throw new InvalidInput(`Duplicate ${what} in one request, first at ${issues[0]!.path}. Nothing was written`, issues.slice(0, 200));
}

function ownerWarnings(owners: Array<string | null>, labels: string[], compiled: CompiledPolicy): FieldIssue[] {
  const warnings: FieldIssue[] = [];
  owners.forEach((owner, i) => {
    if (owner && !compiled.members.has(owner)) {
      warnings.push({ path: `${labels[i]}.owner`, message: `${owner} is not a member of the team: rules routing to this owner will pass to the next rule` });
    }
  });
  return warnings.slice(0, 200);
}

export async function importAccounts(deps: Deps, scope: Scope, compiled: CompiledPolicy, body: { json?: unknown; csv?: string }): Promise<ImportResult> {
  const rows = readRows(body);
  const parsed = validateRows(AccountRow, rows);
  const labels = rows.map((r) => r.label);
  const records: AccountRecord[] = parsed.map((row) => ({
    name: row.name,
    nameKey: companyNameKey(row.name),
    domains: [...new Set(row.domains.map(registrableDomain))],
    crmId: row.crmId ?? null,
    parentCrmId: row.parent ?? null,
    owner: row.owner ?? null,
    segment: row.segment ?? null,
    region: row.region ?? null,
    country: row.country ?? null,
    vip: row.vip,
    openOpportunity: row.openOpportunity,
  }));
  rejectDuplicates(records.map(accountUpsertKey), labels, 'account (CRM id, or name when there is no CRM id)');
  const counts = await inTransaction(scope, (tx) => upsertAccounts(tx, records, deps.newId, deps.clock.now()));
  return {
    ...counts,
    warnings: ownerWarnings(
      records.map((r) => r.owner),
      labels,
      compiled,
    ),
  };
}

export async function importLeads(deps: Deps, scope: Scope, compiled: CompiledPolicy, body: { json?: unknown; csv?: string }): Promise<ImportResult> {
  const rows = readRows(body);
  const parsed = validateRows(LeadRow, rows);
  const labels = rows.map((r) => r.label);
  const records: LeadRecord[] = parsed.map((row) => ({
    email: row.email,
    name: row.name ?? null,
    company: row.company ?? null,
    crmAccountId: row.crmAccountId ?? null,
    owner: row.owner ?? null,
    source: row.source ?? null,
    region: row.region ?? null,
    country: row.country ?? null,
    segment: row.segment ?? null,
    language: row.language?.toLowerCase() ?? null,
  }));
  rejectDuplicates(
    records.map((r) => r.email),
    labels,
    'lead email',
  );
  const counts = await inTransaction(scope, (tx) => upsertLeads(tx, records, deps.clock.now()));
  return {
    ...counts,
    warnings: ownerWarnings(
      records.map((r) => r.owner),
      labels,
      compiled,
    ),
  };
}
