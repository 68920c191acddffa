import { OpenAPIHono } from '@hono/zod-openapi';
import { IngestMessage } from '#shared/api';
import type { Context } from 'hono';
import { parseRfc822 } from '../../connectors/rfc822.ts';
import { classifyReply } from '../../domain/classification/classify.ts';
import { InvalidInput } from '../../domain/errors.ts';
import type { Deps } from '../../use-cases/deps.ts';
import { ingestMessage, type IngestExtras } from '../../use-cases/ingest-message.ts';
import { zodIssues } from '../../use-cases/policy.ts';
import type { AppEnv } from '../app-env.ts';
import { validationHook } from '../errors.ts';
import { respondWithView, scopeOf } from '../thread-responses.ts';
import { classifyRoute, ingestMessageRoute } from './messages.routes.ts';

const isRaw = (c: Context<AppEnv>) => /^message\/rfc822/i.test(c.req.header('content-type') ?? '');

/** The message of the request: its JSON, or its raw source parsed by the MIME parser. */
async function readMessage(c: Context<AppEnv>, json: unknown, now: Date): Promise<{ message: IngestMessage; extras: IngestExtras }> {
  if (!isRaw(c)) {
    // Checked again: a request without a body or a content type passes the route's validator empty.
    const result = IngestMessage.safeParse(json);
    if (!result.success)
      throw new InvalidInput(`Invalid field ${zodIssues(result.error)[0]!.path || '(body)'}: ${result.error.issues[0]!.message}`, zodIssues(result.error));
    return { message: result.data, extras: {} };
  }
  const query = c.req.query();
  const raw = await c.req.text();
  if (raw.trim() === '') throw new InvalidInput('The body is empty: send the raw RFC 822 source of the message');
  let parsed;
  try {
    parsed = await parseRfc822(raw, now, query.direction === 'outbound' ? 'outbound' : 'inbound');
  } catch (error) {
    throw new InvalidInput(`The message source could not be read (${(error as Error).message}): send the full RFC 822 source, headers first`);
  }
  const result = IngestMessage.safeParse({
    ...parsed.message,
    ...(query.mailbox ? { mailbox: query.mailbox.toLowerCase() } : {}),
    ...(query.sequence ? { sequence: query.sequence } : {}),
    ...(query.source ? { source: query.source } : {}),
  });
  if (!result.success) throw new InvalidInput(`The message source lacks what a message needs: ${result.error.issues[0]!.message}`, zodIssues(result.error));
  return { message: result.data, extras: { reportType: parsed.reportType } };
}

export function messagesRouter(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(ingestMessageRoute, async (c) => {
    const { message, extras } = await readMessage(c, c.req.valid('json'), deps.clock.now());
    const result = await ingestMessage(deps, scopeOf(deps, c), message, extras);
    return respondWithView(deps, c, { id: result.threadId }, result.created ? 201 : 200);
  });
  app.openapi(classifyRoute, async (c) => {
    const { message, extras } = await readMessage(c, c.req.valid('json'), deps.clock.now());
    const classification = classifyReply({
      given: message.category,
      subject: message.subject,
      text: message.text,
      headers: message.headers,
      from: message.from.email,
      date: new Date(message.receivedAt),
      reportType: extras.reportType ?? null,
    });
    return c.json({ category: classification.category, classification }, 200);
  });
  return app;
}
