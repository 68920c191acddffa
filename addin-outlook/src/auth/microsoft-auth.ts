// Microsoft sign-in for the backend's API scope: Nested App Authentication
// where the host offers it (NestedAppAuth 1.1), else MSAL in an Office dialog.
// Never the retired Exchange identity or callback tokens.
import { createNestablePublicClientApplication, type IPublicClientApplication } from '@azure/msal-browser';
import type { AddinSignIn } from '#shared/addin-config';
import type { OutlookHost } from '../host/host.ts';

type MicrosoftSignIn = Extract<AddinSignIn, { mode: 'microsoft' }>;
const AUTHORITY = 'https://login.microsoftonline.com/organizations';

/** Resolves with a function that returns a fresh access token for each request. */
export async function msalTokens(config: MicrosoftSignIn, host: OutlookHost): Promise<() => Promise<string>> {
  const request = { scopes: [config.apiScope] };
  if (host.supportsNestedAppAuth()) {
    const pca: IPublicClientApplication = await createNestablePublicClientApplication({ auth: { clientId: config.clientId, authority: AUTHORITY } });
    return async () => {
      try {
        return (await pca.acquireTokenSilent(request)).accessToken;
      } catch (silentError) {
        try {
          return (await pca.acquireTokenPopup(request)).accessToken;
        } catch (popupError) {
          throw new Error('Microsoft sign-in failed', { cause: popupError ?? silentError });
        }
      }
    };
  }
  // Older builds: sign in in a dialog on our own origin, which sends the token back.
  let cached: { token: string; expiresAt: number } | null = null;
  return async () => {
    if (cached && cached.expiresAt - Date.now() > 60_000) return cached.token;
    const url = new URL('auth-dialog.html', location.href);
    url.searchParams.set('clientId', config.clientId);
    url.searchParams.set('scope', config.apiScope);
    const reply = JSON.parse(await host.openDialog(url.toString())) as { token?: string; expiresOn?: number; error?: string };
    if (!reply.token) throw new Error(`Microsoft sign-in failed: ${reply.error ?? 'no token'}`);
    cached = { token: reply.token, expiresAt: reply.expiresOn ?? Date.now() + 30 * 60_000 };
    return cached.token;
  };
}
