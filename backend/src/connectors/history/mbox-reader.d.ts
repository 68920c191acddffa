// mbox-reader ships no types: the part of its API the history import uses.
declare module 'mbox-reader' {
  import type { Readable } from 'node:stream';
  export interface MboxMessage {
    returnPath: string | null;
    time: Date | false;
    content: Buffer;
    flags: string[];
    labels: string[];
  }
  export function mboxReader(input: Readable, options?: { gz?: boolean }): AsyncGenerator<MboxMessage>;
}
