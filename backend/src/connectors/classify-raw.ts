// Raw RFC 822 source straight to a classification: the CLI, the evaluation and
// the corpus test all read messages this way.
import { classifyReply, type Classification, type ClassificationInput } from '../domain/classification/classify.ts';
import { parseRfc822, type ParsedRawMessage } from './rfc822.ts';

export async function classifyRaw(raw: string | Buffer, receivedAt: Date): Promise<{ parsed: ParsedRawMessage; classification: Classification }> {
  const parsed = await parseRfc822(raw, receivedAt);
  return { parsed, classification: classifyParsed(parsed) };
}

export function classifyParsed(parsed: ParsedRawMessage): Classification {
  return classifyReply(classificationInput(parsed));
}

/** What the classifier reads of a parsed message. */
export function classificationInput({ message, reportType }: ParsedRawMessage): ClassificationInput {
  return {
    given: undefined,
    subject: message.subject ?? '',
    text: message.text ?? '',
    headers: message.headers ?? {},
    from: message.from.email,
    date: new Date(message.receivedAt),
    reportType,
  };
}
