// How a browser test configures and drives the Office.js stand-in. Free of DOM
// and Office types, so the Node side of the tests can use it too.

export interface StandInItem {
  mode: 'read' | 'compose';
  internetMessageId?: string;
  conversationId?: string;
  from?: { emailAddress: string; displayName: string };
  subject: string;
  body?: string;
  dateTimeCreated?: string;
}

export interface StandInConfig {
  userEmail: string;
  displayLanguage: string;
  dark?: boolean;
  item: StandInItem | null;
  nestedAppAuth?: boolean;
  /** What the sign-in dialog sends back to the pane (Office.context.ui.messageParent). */
  dialogReply?: string;
}

/** What the OnMessageSend handler told Outlook (Office.SmartAlertsEventCompletedOptions). */
export interface SendOutcome {
  allowEvent?: boolean;
  errorMessage?: string;
  sendModeOverride?: string;
}

export interface StandInControl {
  /** Selects another item, as a pinned pane sees it (fires ItemChanged). */
  select(item: StandInItem | null): void;
  /** Presses Send: runs the OnMessageSend handler and resolves with what it told Outlook. */
  send(): Promise<SendOutcome | undefined>;
}

/** The page's globals the stand-in reads and sets. */
export interface StandInGlobals {
  officeStandIn: StandInConfig;
  officeStandInControl: StandInControl;
  /** The URLs the page opened with Office.context.ui.displayDialogAsync. */
  officeStandInDialogs: string[];
  localStorage: { setItem(key: string, value: string): void };
}
