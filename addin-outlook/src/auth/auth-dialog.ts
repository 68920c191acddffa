// The sign-in dialog for hosts without Nested App Authentication: MSAL with a
// redirect inside the Office dialog, then the token goes back to the pane.
import { PublicClientApplication } from '@azure/msal-browser';

async function signIn(): Promise<{ token: string; expiresOn: number } | { error: string }> {
  const params = new URLSearchParams(location.search);
  const clientId = params.get('clientId') ?? sessionStorage.getItem('auth.clientId');
  const scope = params.get('scope') ?? sessionStorage.getItem('auth.scope');
  if (!clientId || !scope) return { error: 'the sign-in window was opened without its settings' };
  sessionStorage.setItem('auth.clientId', clientId);
  sessionStorage.setItem('auth.scope', scope);
  const pca = new PublicClientApplication({
    auth: { clientId, authority: 'https://login.microsoftonline.com/organizations', redirectUri: `${location.origin}${location.pathname}` },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await pca.initialize();
  const result = await pca.handleRedirectPromise();
  if (result) return { token: result.accessToken, expiresOn: result.expiresOn?.getTime() ?? Date.now() + 30 * 60_000 };
  await pca.loginRedirect({ scopes: [scope] });
  return new Promise(() => undefined); // the page navigates away
}

Office.onReady(async () => {
  const outcome = await signIn().catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
  Office.context.ui.messageParent(JSON.stringify(outcome));
});
