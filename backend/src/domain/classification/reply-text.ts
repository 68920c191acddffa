// What the prospect wrote: the reply without the quoted sales email below it
// and without the signature. email-reply-parser does most of the work (English
// and French quote headers); each language's cut markers catch the rest.
import EmailReplyParser from 'email-reply-parser';
import type { Lexicon } from './lexicon.ts';

const parser = new EmailReplyParser();

export function replyText(text: string, lexicons: readonly Lexicon[]): string {
  let reply: string;
  try {
    reply = parser.parseReply(text.replace(/\r\n/g, '\n'));
  } catch {
    reply = text;
  }
  const lines = reply.split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.startsWith('>')) break;
    if (lexicons.some((lexicon) => lexicon.cutMarkers.some((marker) => marker.test(trimmed)))) break;
    kept.push(line);
  }
  return kept.join('\n').trim();
}
