// What the prospect wrote: the reply without the quoted sales email below it
// and without the signature. Each language's lexicon lists the lines that
// start a quote or a signature (`cutMarkers`: "On … wrote:", "Le … a écrit :",
// "From:", "Sent from my iPhone", "Cordialement", …); the reply is what comes
// before the first of them. A header a mail client wrapped over two lines is
// read as one.
//
// Why not email-reply-parser (it was used until measured): its header
// patterns backtrack without bound on long lines (a 3.7 KB line took 0.58 s,
// twice as long a line about 16 times longer: a reply could stall ingestion
// for minutes), it spent 45% of the classifier's time, and without it the
// classifier scores the same once its English and French sign-offs are here
// as data. Every marker here is anchored and bounded, so a line costs time
// in proportion to its length.
import type { Lexicon } from './lexicon.ts';

// Built once per set of lexicons, not per reply.
const markersByLexicons = new WeakMap<readonly Lexicon[], RegExp[]>();
function markersOf(lexicons: readonly Lexicon[]): RegExp[] {
  let markers = markersByLexicons.get(lexicons);
  if (!markers) markersByLexicons.set(lexicons, (markers = lexicons.flatMap((lexicon) => lexicon.cutMarkers)));
  return markers;
}

/** Longer lines are a person's prose (or a pasted blob), never a quote header or a sign-off. */
const MAX_MARKER_LINE = 400;

export function replyText(text: string, lexicons: readonly Lexicon[]): string {
  const markers = markersOf(lexicons);
  const isMarker = (line: string) => line.length <= MAX_MARKER_LINE && markers.some((marker) => marker.test(line));
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith('>') || isMarker(line)) break;
    // "On Tue, 3 Nov 2026 at 10:14, Maya Chen <maya@acme.test>" / "wrote:" on the next line.
    // (Only a line as long as a header: "Kind" / "regards," would otherwise cut at "Kind".)
    const next = lines[i + 1]?.trim();
    if (next && line.length >= 20 && isMarker(`${line} ${next}`)) break;
    kept.push(lines[i]!);
  }
  return kept.join('\n').trim();
}
