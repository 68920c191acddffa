// What the prospect wrote: the reply without the quoted sales email below it
// and without the signature. email-reply-parser does most of the work (English
// and French quote headers); each language's cut markers catch the rest.
import EmailReplyParser from 'email-reply-parser';
import type { Lexicon } from './lexicon.ts';

const parser = new EmailReplyParser();

export function replyText(text: string, lexicons: readonly Lexicon[]): string {
  // Cut at the first quote or marker we know first: the parser then reads a few lines, not the whole thread.
  const markers = lexicons.flatMap((lexicon) => lexicon.cutMarkers);
  const cut = (source: string) => {
    const kept: string[] = [];
    for (const line of source.split('\n')) {
      const trimmed = line.trim();
      if (trimmed.startsWith('>') || markers.some((marker) => marker.test(trimmed))) break;
      kept.push(line);
    }
    return kept.join('\n');
  };
  const head = cut(text.replace(/\r\n/g, '\n'));
  let reply: string;
  try {
    reply = parser.parseReply(head);
  } catch {
    reply = head;
  }
  return cut(reply).trim();
}
