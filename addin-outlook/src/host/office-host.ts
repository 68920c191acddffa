// The Outlook adapter: reads the current item and the host's settings through
// Office.js. Everything else in the task pane goes through `OutlookHost`.
import type { MailItemFacts, OutlookHost } from './host.ts';
import { officeAsync } from './office-async.ts';

type AnyItem = NonNullable<typeof Office.context.mailbox.item>;

function isCompose(item: AnyItem): boolean {
  // In compose mode `subject` is an object with getAsync; in read mode, a string.
  return typeof (item as { subject: unknown }).subject !== 'string';
}

async function readComposeItem(item: Office.MessageCompose): Promise<MailItemFacts> {
  const subject = await officeAsync<string>((cb) => item.subject.getAsync(cb));
  return {
    mode: 'compose',
    internetMessageId: null,
    conversationId: item.conversationId ?? null,
    from: null,
    to: [],
    subject,
    text: '',
    receivedAt: null,
  };
}

async function readReadItem(item: Office.MessageRead): Promise<MailItemFacts> {
  const text = await officeAsync<string>((cb) => item.body.getAsync(Office.CoercionType.Text, cb)).catch(() => '');
  return {
    mode: 'read',
    internetMessageId: item.internetMessageId ?? null,
    conversationId: item.conversationId ?? null,
    from: item.from ? { email: item.from.emailAddress, name: item.from.displayName } : null,
    to: (item.to ?? []).map((r) => ({ email: r.emailAddress, name: r.displayName })),
    subject: item.subject ?? '',
    text,
    receivedAt: item.dateTimeCreated ? new Date(item.dateTimeCreated).toISOString() : null,
  };
}

export function officeHost(): OutlookHost {
  const theme = Office.context.officeTheme;
  return {
    displayLanguage: Office.context.displayLanguage ?? 'en-US',
    theme: theme?.isDarkTheme || (theme && isDark(theme.bodyBackgroundColor)) ? 'dark' : 'light',
    userEmail: Office.context.mailbox.userProfile.emailAddress,
    async readItem() {
      const item = Office.context.mailbox.item;
      if (!item) return null;
      return isCompose(item) ? readComposeItem(item as Office.MessageCompose) : readReadItem(item as Office.MessageRead);
    },
    async onItemChanged(listener) {
      await officeAsync<void>((cb) => Office.context.mailbox.addHandlerAsync(Office.EventType.ItemChanged, () => listener(), cb));
    },
    supportsNestedAppAuth() {
      return Office.context.requirements.isSetSupported('NestedAppAuth', '1.1');
    },
    openDialog(url) {
      return new Promise<string>((resolve, reject) => {
        Office.context.ui.displayDialogAsync(url, { height: 60, width: 30, promptBeforeOpen: false }, (result) => {
          if (result.status !== Office.AsyncResultStatus.Succeeded) {
            reject(new Error(result.error.message, { cause: result.error }));
            return;
          }
          const dialog = result.value;
          dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
            dialog.close();
            if ('message' in arg) resolve(arg.message);
            else reject(new Error(`The sign-in window closed (${arg.error})`));
          });
        });
      });
    },
  };
}

/** A background colour like #1f1f1f is dark. */
function isDark(color: string | undefined): boolean {
  const hex = /^#?([0-9a-f]{6})$/i.exec(color ?? '')?.[1];
  if (!hex) return false;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 128;
}
