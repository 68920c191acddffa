// What the task pane needs from Outlook, as an interface: components receive
// it and never touch `Office` themselves (office-host.ts is the one adapter).
export interface MailItemFacts {
  mode: 'read' | 'compose';
  /** The RFC 5322 Message-ID (read mode only). */
  internetMessageId: string | null;
  conversationId: string | null;
  from: { email: string; name: string } | null;
  to: Array<{ email: string; name: string }>;
  subject: string;
  /** The body as plain text (read mode). */
  text: string;
  /** When the message was received (read mode), ISO 8601. */
  receivedAt: string | null;
}

export interface OutlookHost {
  displayLanguage: string;
  theme: 'light' | 'dark';
  /** The signed-in mailbox's address. */
  userEmail: string;
  /** The selected or composed item, or null when nothing is selected. */
  readItem(): Promise<MailItemFacts | null>;
  /** Calls `listener` when the pinned pane moves to another item. */
  onItemChanged(listener: () => void): Promise<void>;
  /** Whether Nested App Authentication is available (NestedAppAuth 1.1). */
  supportsNestedAppAuth(): boolean;
  /** Opens the sign-in dialog and resolves with the message it sends back. */
  openDialog(url: string): Promise<string>;
}
