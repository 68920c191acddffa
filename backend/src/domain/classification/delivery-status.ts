// Delivery status notifications (RFC 3464) and the plain-text bounces of older
// servers: who could not be reached, and whether it is final (5.x.x) or not (4.x.x).

export interface BounceFacts {
  kind: 'hard' | 'soft';
  recipient: string | null;
  status: string | null;
  action: string | null;
  diagnostic: string | null;
}

const field = (text: string, name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(text)?.[1]?.trim() ?? null;

/** Reads the per-recipient fields of a DSN (or guesses them from a plain-text bounce). Pure. */
export function readDeliveryStatus(text: string): BounceFacts {
  const recipientField = field(text, 'Final-Recipient') ?? field(text, 'Original-Recipient');
  const recipient = recipientField
    ? recipientField
        .replace(/^rfc822;\s*/i, '')
        .replace(/[<>]/g, '')
        .trim()
    : (/<([^<>\s@]+@[^<>\s]+)>/.exec(text)?.[1] ?? null);
  const action = field(text, 'Action')?.toLowerCase() ?? null;
  const status = field(text, 'Status')?.match(/[245]\.\d{1,3}\.\d{1,3}/)?.[0] ?? /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(text)?.[1] ?? null;
  const diagnostic = field(text, 'Diagnostic-Code')?.replace(/^smtp;\s*/i, '') ?? /\b([45]\d\d[ -].{0,160})$/m.exec(text)?.[1]?.trim() ?? null;
  const smtpCode = /\b([45])\d\d\b/.exec(diagnostic ?? '')?.[1];
  const soft =
    action === 'delayed' ||
    status?.startsWith('4.') ||
    (status === null && smtpCode === '4') ||
    /\b(delay|delayed|will retry|still trying|mailbox (is )?full|over quota|boite pleine)\b/i.test(text);
  const hard = action === 'failed' || status?.startsWith('5.') || smtpCode === '5';
  return { kind: hard && !(action === 'delayed') ? 'hard' : soft ? 'soft' : 'hard', recipient, status, action, diagnostic };
}
