// The demo org: a small outbound team at acme.test with its policy, a few
// accounts and leads, and a handful of replies already routed. Seeded through
// the same use cases as real traffic, so the demo shows real decisions.
import type { AccountRow, IngestMessageInput, LeadRow } from '#shared/api';
import { IngestMessage } from '#shared/api';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { Database } from '../store/database.ts';
import { createOrg, findOrgBySlug, type Org } from '../store/orgs.ts';
import { withOrg, type Deps } from '../use-cases/deps.ts';
import { importAccounts, importLeads } from '../use-cases/import-crm.ts';
import { ingestMessage } from '../use-cases/ingest-message.ts';
import { loadPolicy, savePolicy } from '../use-cases/policy.ts';

export const DEMO_POLICY_YAML = readFileSync(new URL('./demo-policy.yaml', import.meta.url), 'utf8');

export const DEMO_MEMBERS = [
  { email: 'maya@acme.test', role: 'manager' },
  { email: 'ava@acme.test', role: 'rep' },
  { email: 'ben@acme.test', role: 'rep' },
  { email: 'cam@acme.test', role: 'rep' },
  { email: 'admin@acme.test', role: 'admin' },
] as const;

const ACCOUNTS: Array<Partial<AccountRow> & { name: string }> = [
  { name: 'Northwind Inc', domains: ['northwind.com'], crmId: 'ACC-001', owner: 'ava@acme.test', region: 'US-East', segment: 'mid-market', country: 'US' },
  { name: 'Northwind Europe GmbH', domains: ['northwind.eu'], crmId: 'ACC-002', parent: 'ACC-001', region: 'EMEA', country: 'DE' },
  {
    name: 'Contoso Ltd',
    domains: ['contoso.com'],
    crmId: 'ACC-003',
    owner: 'ben@acme.test',
    region: 'US-West',
    segment: 'enterprise',
    country: 'US',
    vip: true,
    openOpportunity: true,
  },
  { name: 'Fabrikam SAS', domains: ['fabrikam.fr'], crmId: 'ACC-004', owner: 'cam@acme.test', region: 'EMEA', country: 'FR' },
  { name: 'Globex Corporation', domains: ['globex.com'], crmId: 'ACC-005', region: 'US-West', country: 'US' },
];

const LEADS: Array<Partial<LeadRow> & { email: string }> = [
  { email: 'lena@initech.com', name: 'Lena Park', company: 'Initech', owner: 'ben@acme.test', source: 'Apollo', region: 'US-East', language: 'en' },
  { email: 'paul@umbrella.fr', name: 'Paul Martin', company: 'Umbrella', source: 'apollo.io', region: 'EMEA', country: 'FR', language: 'fr' },
  { email: 'dana@hooli.io', name: 'Dana Lee', company: 'Hooli', source: 'webinar-2026-10', region: 'US-West', language: 'en' },
];

function demoReplies(now: Date): IngestMessageInput[] {
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
  const reply = (n: number, fields: Omit<IngestMessageInput, 'messageId' | 'direction' | 'receivedAt' | 'to'> & { minutesAgo: number }): IngestMessageInput => {
    const { minutesAgo, ...rest } = fields;
    return {
      messageId: `<demo-reply-${n}@prospects.example>`,
      inReplyTo: `<demo-seq-${n}@acme.test>`,
      references: [`<demo-seq-${n}@acme.test>`],
      direction: 'inbound',
      to: [{ email: 'sales@acme.test' }],
      mailbox: 'sales@acme.test',
      receivedAt: ago(minutesAgo),
      ...rest,
    };
  };
  return [
    reply(1, {
      from: { email: 'chris@northwind.com', name: 'Chris Doe' },
      subject: 'Re: Quick question',
      text: 'Back from the event - can we talk this week?',
      category: 'interested',
      sequence: 'founders-q3',
      source: 'apollo.io',
      minutesAgo: 25,
    }),
    reply(2, {
      from: { email: 'julie@fabrikam.fr', name: 'Julie Bernard' },
      subject: 'Re: Votre plateforme',
      text: 'Bonjour, quel est le prix pour 20 utilisateurs ?',
      category: 'question',
      lead: { language: 'fr' },
      minutesAgo: 50,
    }),
    reply(3, {
      from: { email: 'sam@globex.com', name: 'Sam Ortiz' },
      subject: 'Re: Intro',
      text: 'Before anything else we need your SOC 2 report for our security review.',
      category: 'question',
      minutesAgo: 80,
    }),
    reply(4, {
      from: { email: 'jordan.k@gmail.com', name: 'Jordan K' },
      subject: 'Re: Founders, a quick idea',
      text: 'Interesting. Send me more details.',
      category: 'interested',
      sequence: 'founders-q3',
      minutesAgo: 15,
    }),
    reply(5, {
      from: { email: 'dana@hooli.io', name: 'Dana Lee' },
      subject: 'Re: Thanks for joining the webinar',
      text: 'Could you share the recording and pricing?',
      category: 'question',
      minutesAgo: 40,
    }),
    reply(6, {
      from: { email: 'mailer-daemon@mx.oldcorp.example', name: 'Mail Delivery System' },
      subject: 'Undeliverable: Quick question',
      text: '550 5.1.1 user unknown',
      category: 'bounce',
      minutesAgo: 120,
    }),
    reply(7, {
      from: { email: 'riley@unknownco.example', name: 'Riley' },
      subject: 'Re: Hello',
      text: 'Who should I talk to about a pilot?',
      category: 'question',
      minutesAgo: 10,
    }),
  ];
}

/** Creates the demo org unless it exists. Returns it, and whether it was new. */
export async function seedDemoTeam(outer: Deps, slug: string): Promise<{ org: Org; created: boolean }> {
  const existing = await findOrgBySlug(outer.db, slug);
  if (existing) return { org: existing, created: false };
  // All or nothing: a half-seeded demo would be skipped on the next start.
  return outer.db.transaction(async (tx) => seed({ ...outer, db: tx as unknown as Database }, slug));
}

async function seed(deps: Deps, slug: string): Promise<{ org: Org; created: boolean }> {
  const org = await createOrg(deps.db, { id: deps.newId(), slug, name: 'Acme' });
  return withOrg(deps, org.id, async (scope) => {
    await savePolicy(scope, parseYaml(DEMO_POLICY_YAML), 'admin@acme.test', deps.clock.now());
    const compiled = await loadPolicy(scope);
    await importAccounts(deps, scope, compiled, { json: ACCOUNTS });
    await importLeads(deps, scope, compiled, { json: LEADS });
    for (const reply of demoReplies(deps.clock.now())) await ingestMessage(deps, scope, IngestMessage.parse(reply));
    return { org, created: true };
  });
}
