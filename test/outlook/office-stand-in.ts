// A stand-in for the handful of Office.js calls the task pane and the send
// guard make, served in the browser in place of Microsoft's office.js (which
// cannot be reached from here). Each piece is typed with @types/office-js
// names (Pick<…>), so a call that Office.js does not have fails to compile.
// Configured per page through `window.officeStandIn` before the page loads.

import type { StandInConfig, StandInControl, StandInItem } from './office-stand-in-config.ts';

declare global {
  interface Window {
    officeStandIn: StandInConfig;
    officeStandInControl: StandInControl;
    officeStandInDialogs: string[];
  }
}

type Callback<T> = (result: Office.AsyncResult<T>) => void;
const succeeded = <T>(value: T): Office.AsyncResult<T> =>
  ({
    status: 'succeeded' as unknown as Office.AsyncResultStatus,
    value,
    error: undefined as unknown as Office.Error,
    asyncContext: undefined,
    diagnostics: undefined,
  }) as Office.AsyncResult<T>;

const config = window.officeStandIn;
let current = config.item;
const itemChangedHandlers: Array<() => void> = [];
const actions = new Map<string, (event: Office.MailboxEvent) => void>();

function mailItem(item: StandInItem) {
  if (item.mode === 'compose') {
    const compose: Pick<Office.MessageCompose, 'conversationId'> & { subject: Pick<Office.Subject, 'getAsync'> } = {
      conversationId: item.conversationId ?? '',
      subject: { getAsync: ((callback: Callback<string>) => callback(succeeded(item.subject))) as Office.Subject['getAsync'] },
    };
    return compose;
  }
  const read: Pick<Office.MessageRead, 'internetMessageId' | 'conversationId' | 'subject' | 'dateTimeCreated' | 'to'> & {
    from: Pick<Office.EmailAddressDetails, 'emailAddress' | 'displayName'> | undefined;
    body: Pick<Office.Body, 'getAsync'>;
  } = {
    internetMessageId: item.internetMessageId ?? '',
    conversationId: item.conversationId ?? '',
    subject: item.subject,
    dateTimeCreated: new Date(item.dateTimeCreated ?? Date.now()),
    to: [],
    from: item.from,
    body: {
      getAsync: ((_type: Office.CoercionType, callback: Callback<string>) => callback(succeeded(item.body ?? ''))) as Office.Body['getAsync'],
    },
  };
  return read;
}

const mailbox: Pick<Office.Mailbox, 'addHandlerAsync'> & { userProfile: Pick<Office.UserProfile, 'emailAddress'>; item: unknown } = {
  userProfile: { emailAddress: config.userEmail },
  get item() {
    return current ? mailItem(current) : undefined;
  },
  addHandlerAsync: ((eventType: Office.EventType, handler: () => void, callback?: Callback<void>) => {
    if ((eventType as unknown as string) === 'olkItemSelectedChanged') itemChangedHandlers.push(handler);
    callback?.(succeeded(undefined));
  }) as Office.Mailbox['addHandlerAsync'],
};

window.officeStandInDialogs = [];
const ui: Pick<Office.UI, 'displayDialogAsync'> = {
  displayDialogAsync: ((url: string, _options: Office.DialogOptions, callback: Callback<Office.Dialog>) => {
    window.officeStandInDialogs.push(url);
    const dialog: Pick<Office.Dialog, 'addEventHandler' | 'close'> = {
      addEventHandler: ((_type: Office.EventType, handler: (arg: { message: string; origin: string | undefined }) => void) =>
        setTimeout(
          () => handler({ message: config.dialogReply ?? JSON.stringify({ error: 'the user closed the window' }), origin: location.origin }),
          0,
        )) as Office.Dialog['addEventHandler'],
      close: () => undefined,
    };
    callback(succeeded(dialog as Office.Dialog));
  }) as Office.UI['displayDialogAsync'],
};

const context: Pick<Office.Context, 'displayLanguage'> & {
  officeTheme: Pick<Office.OfficeTheme, 'isDarkTheme' | 'bodyBackgroundColor'>;
  requirements: Pick<Office.RequirementSetSupport, 'isSetSupported'>;
  mailbox: typeof mailbox;
  ui: typeof ui;
} = {
  displayLanguage: config.displayLanguage,
  officeTheme: { isDarkTheme: config.dark ?? false, bodyBackgroundColor: config.dark ? '#292929' : '#ffffff' },
  requirements: { isSetSupported: (name: string) => name === 'NestedAppAuth' && (config.nestedAppAuth ?? false) },
  mailbox,
  ui,
};

const office = {
  onReady: (callback?: (info: { host: Office.HostType; platform: Office.PlatformType }) => void) => {
    const info = { host: 'Outlook' as unknown as Office.HostType, platform: 'OfficeOnline' as unknown as Office.PlatformType };
    callback?.(info);
    return Promise.resolve(info);
  },
  context,
  actions: { associate: (name: string, fn: (event: Office.MailboxEvent) => void) => void actions.set(name, fn) } satisfies Pick<Office.Actions, 'associate'>,
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  CoercionType: { Text: 'text', Html: 'html' },
  EventType: { ItemChanged: 'olkItemSelectedChanged', DialogMessageReceived: 'dialogMessageReceived' },
  MailboxEnums: { SendModeOverride: { PromptUser: 'promptUser' } },
};

(window as unknown as { Office: typeof office }).Office = office;
window.officeStandInControl = {
  select(item) {
    current = item;
    for (const handler of itemChangedHandlers) handler();
  },
  send() {
    return new Promise((resolve) => {
      const handler = actions.get('onMessageSendHandler');
      if (!handler) throw new Error('no OnMessageSend handler was associated');
      const event = { completed: (options?: Office.SmartAlertsEventCompletedOptions) => resolve(options) } as unknown as Office.MailboxEvent;
      handler(event);
    });
  },
};
