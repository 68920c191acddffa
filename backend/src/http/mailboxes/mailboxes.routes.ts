// The contract of connected mailboxes (admin): what the IMAP connector watches.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { errors, json } from '../openapi-helpers.ts';

const Folder = z.string().trim().min(1).max(200);

export const Credential = z.union(
  [
    z.strictObject({ password: z.string().min(1).max(1000).describe('The IMAP password (or an app password)') }),
    z.strictObject({
      accessToken: z
        .string()
        .min(1)
        .max(10_000)
        .describe('An OAuth2 access token for AUTHENTICATE XOAUTH2 (Google Workspace: scope https://mail.google.com/; Microsoft 365: IMAP.AccessAsUser.All)'),
    }),
  ],
  { message: 'give either `password` or `accessToken`' },
);

export const NewMailboxBody = z
  .strictObject({
    address: z.email({ message: 'must be the email address mail arrives at' }).optional().describe('Defaults to `user` when that is an address'),
    host: z.string().trim().min(1).max(253),
    port: z.number().int().min(1).max(65535).optional().describe('Default 993 with TLS, 143 without'),
    tls: z.boolean().default(true).describe('Implicit TLS (port 993); false: plain, or STARTTLS when the server offers it'),
    user: z.string().trim().min(1).max(320),
    password: z.string().min(1).max(1000).optional(),
    accessToken: z.string().min(1).max(10_000).optional().describe('OAuth2 access token (XOAUTH2), instead of a password'),
    folders: z
      .strictObject({
        inbox: Folder.default('INBOX'),
        sent: Folder.nullable().default('Sent').describe('null: do not watch outbound mail'),
      })
      .default({ inbox: 'INBOX', sent: 'Sent' }),
    options: z
      .strictObject({
        markSeen: z.boolean().default(false).describe('Mark ingested messages read (default: never)'),
        move: Folder.nullable().default(null).describe('Move ingested inbound messages to this folder (default: leave them)'),
      })
      .default({ markSeen: false, move: null }),
  })
  .refine((b) => (b.password === undefined) !== (b.accessToken === undefined), {
    message: 'give either `password` or `accessToken` (OAuth2, XOAUTH2), not both',
    path: ['password'],
  });

export const MailboxView = z.object({
  id: z.string(),
  address: z.string(),
  host: z.string(),
  port: z.number(),
  tls: z.boolean(),
  user: z.string(),
  auth: z.enum(['password', 'xoauth2']),
  folders: z.object({ inbox: z.string(), sent: z.string().nullable() }),
  options: z.object({ markSeen: z.boolean(), move: z.string().nullable() }),
  status: z.object({
    state: z.string().describe('`pending` (not yet connected), `connected`, or `error` (then `message` is the server’s answer)'),
    message: z.string().nullable(),
    at: z.string().nullable(),
    lastSyncAt: z.string().nullable(),
  }),
  checkpoints: z.array(z.object({ folder: z.string(), uidValidity: z.number(), lastUid: z.number(), at: z.string() })),
  createdBy: z.string(),
  createdAt: z.string(),
});

const IdParam = z.object({ id: z.uuid({ message: 'must be a mailbox id' }) });

export const createMailboxRoute = createRoute({
  method: 'post',
  path: '/v1/mailboxes',
  tags: ['mailboxes'],
  summary: 'Connect a mailbox over IMAP (admin)',
  description:
    'The connector watches the inbox (replies) and the sent folder (the owner’s responses), ingests what is new as POST /v1/messages would, never marks mail read and never moves it unless asked. Credentials are sealed at rest and never returned.',
  request: { body: { ...json(NewMailboxBody, 'The connection'), required: true } },
  responses: { 201: json(MailboxView, 'Connected (the connector picks it up within seconds)'), ...errors },
});

export const listMailboxesRoute = createRoute({
  method: 'get',
  path: '/v1/mailboxes',
  tags: ['mailboxes'],
  summary: 'The connected mailboxes with their status (admin)',
  responses: { 200: json(z.array(MailboxView), 'The mailboxes'), ...errors },
});

export const getMailboxRoute = createRoute({
  method: 'get',
  path: '/v1/mailboxes/{id}',
  tags: ['mailboxes'],
  summary: 'One mailbox with its status (admin)',
  request: { params: IdParam },
  responses: { 200: json(MailboxView, 'The mailbox'), ...errors },
});

export const deleteMailboxRoute = createRoute({
  method: 'delete',
  path: '/v1/mailboxes/{id}',
  tags: ['mailboxes'],
  summary: 'Disconnect a mailbox (admin)',
  description: 'The connector stops within seconds; messages already ingested stay.',
  request: { params: IdParam },
  responses: { 200: json(z.object({ deleted: z.literal(true) }), 'Disconnected'), ...errors },
});

export const putCredentialRoute = createRoute({
  method: 'put',
  path: '/v1/mailboxes/{id}/credentials',
  tags: ['mailboxes'],
  summary: 'Replace a mailbox’s password or OAuth2 access token (admin)',
  description: 'The connector reconnects with them and keeps its checkpoints.',
  request: { params: IdParam, body: { ...json(Credential, 'The new credential'), required: true } },
  responses: { 200: json(MailboxView, 'The mailbox'), ...errors },
});
