// Microsoft sign-in for the backend's API scope with MSAL's redirect flow:
// the console is a full page, so no popup; tokens renew silently, and a
// renewal that needs the user sends them through the redirect again.
import { createStandardPublicClientApplication, InteractionRequiredAuthError, type AccountInfo } from '@azure/msal-browser';
import type { AccountsSignIn, Auth } from './auth.ts';

const AUTHORITY = 'https://login.microsoftonline.com/organizations';

export async function msalSession(config: NonNullable<AccountsSignIn['microsoft']>): Promise<{ auth: Auth | null; signIn(): Promise<void> }> {
  const redirectUri = new URL('/app/', location.origin).toString();
  const pca = await createStandardPublicClientApplication({
    auth: { clientId: config.clientId, authority: AUTHORITY, redirectUri },
    cache: { cacheLocation: 'sessionStorage' },
  });
  const request = { scopes: [config.apiScope] };
  let account: AccountInfo | null;
  try {
    const returned = await pca.handleRedirectPromise();
    account = returned?.account ?? pca.getAllAccounts()[0] ?? null;
  } catch (error) {
    throw new Error('Microsoft sign-in failed', { cause: error });
  }
  const signIn = () => pca.loginRedirect({ ...request, redirectUri });
  if (!account) return { auth: null, signIn };
  pca.setActiveAccount(account);
  const signedIn = account;
  return {
    signIn,
    auth: {
      async headers() {
        try {
          const result = await pca.acquireTokenSilent({ ...request, account: signedIn });
          return { Authorization: `Bearer ${result.accessToken}` };
        } catch (error) {
          if (error instanceof InteractionRequiredAuthError) {
            await pca.acquireTokenRedirect({ ...request, redirectUri });
          }
          throw new Error('Microsoft sign-in expired: sign in again', { cause: error });
        }
      },
      signOut: () => pca.logoutRedirect({ account: signedIn, postLogoutRedirectUri: redirectUri }),
    },
  };
}
