// The send guard (Smart Alerts, OnMessageSend): before a reply goes out, ask
// the backend who owns the conversation and warn a rep who is not the owner.
// The owner's send, and any send the backend cannot judge in time, go through.
import type { AddinSignIn } from '#shared/addin-config';
import type { ThreadView } from '#shared/api';
import { lookupRequest } from '#shared/sidebar/backend-requests';
import { sendVerdict } from '#shared/sidebar/send-guard';
import { localeFrom } from '#shared/sidebar/strings';
import { demoMember } from '../auth/auth.ts';

/** Set at build time from ADDIN_BASE_URL: the JavaScript-only runtime of classic Outlook has no page origin. */
declare const BACKEND_ORIGIN: string;

/** Under Smart Alerts' 5 s "taking longer than expected" dialog. */
const GUARD_TIMEOUT_MS = 4_000;

async function authHeaders(signal: AbortSignal): Promise<Record<string, string> | null> {
  const config = (await fetch(`${BACKEND_ORIGIN}/addin/config.json`, { signal }).then((r) => r.json())) as AddinSignIn;
  if (config.mode === 'demo') {
    const email = demoMember.get();
    return email ? { 'X-Dev-User': email } : null;
  }
  if (config.mode !== 'microsoft') return null;
  const { createNestablePublicClientApplication } = await import('@azure/msal-browser');
  const pca = await createNestablePublicClientApplication({
    auth: { clientId: config.clientId, authority: 'https://login.microsoftonline.com/organizations' },
  });
  const token = await pca.acquireTokenSilent({ scopes: [config.apiScope] });
  return { Authorization: `Bearer ${token.accessToken}` };
}

async function ownerOf(conversationId: string, signal: AbortSignal): Promise<ThreadView | null> {
  const headers = await authHeaders(signal);
  if (!headers) return null;
  const request = lookupRequest({ conversationId });
  const response = await fetch(`${BACKEND_ORIGIN}${request.path}`, { headers, signal });
  return response.ok ? ((await response.json()) as ThreadView) : null;
}

export async function onMessageSendHandler(event: Office.MailboxEvent): Promise<void> {
  try {
    const item = Office.context.mailbox.item as Office.MessageCompose | undefined;
    const conversationId = item?.conversationId;
    if (!conversationId) return event.completed({ allowEvent: true });
    // One deadline for the whole check, under Smart Alerts' 5 s dialog.
    const view = await ownerOf(conversationId, AbortSignal.timeout(GUARD_TIMEOUT_MS));
    const verdict = sendVerdict(view, Office.context.mailbox.userProfile.emailAddress, localeFrom(Office.context.displayLanguage));
    if (verdict.allow) return event.completed({ allowEvent: true });
    // The manifest's SendMode="PromptUser" offers Send Anyway (a runtime override would need Mailbox 1.14).
    event.completed({ allowEvent: false, errorMessage: verdict.message });
  } catch {
    // Never hold a rep's mail hostage to the routing service being down.
    event.completed({ allowEvent: true });
  }
}

Office.actions.associate('onMessageSendHandler', onMessageSendHandler);
