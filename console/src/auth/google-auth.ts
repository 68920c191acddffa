// Google sign-in with Google Identity Services: the button gives an ID token
// for the console's OAuth client, which the backend verifies (audience,
// issuer, Workspace domain). Kept in sessionStorage until it expires; then
// the user signs in again (GIS gives no refresh token to a page).
import type { Auth, KeyValueStore } from './auth.ts';

const GSI_SCRIPT = 'https://accounts.google.com/gsi/client';
const TOKEN_KEY = 'reply-routing.console.google-id-token';
/** Ask for a new sign-in this long before the token expires. */
const EXPIRY_MARGIN_MS = 60_000;

interface GoogleIdentity {
  accounts: {
    id: {
      initialize(options: { client_id: string; callback: (response: { credential: string }) => void; auto_select?: boolean; ux_mode?: 'popup' }): void;
      renderButton(parent: HTMLElement, options: { theme?: string; size?: string; text?: string; locale?: string }): void;
      disableAutoSelect(): void;
    };
  };
}

function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return (payload.exp ?? 0) * 1000;
  } catch {
    return 0;
  }
}

function loadScript(): Promise<GoogleIdentity> {
  const existing = (globalThis as { google?: GoogleIdentity }).google;
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement('script'), { src: GSI_SCRIPT, async: true });
    script.onload = () => {
      const loaded = (globalThis as { google?: GoogleIdentity }).google;
      if (loaded) resolve(loaded);
      else reject(new Error('Google Identity Services did not load'));
    };
    script.onerror = () => reject(new Error('Google Identity Services could not be loaded: check the network and the page’s CSP'));
    document.head.append(script);
  });
}

function tokenAuth(token: string, storage: KeyValueStore, google: GoogleIdentity | null): Auth {
  return {
    async headers() {
      if (expiryOf(token) - Date.now() < EXPIRY_MARGIN_MS) {
        storage.removeItem(TOKEN_KEY);
        throw new Error('Your Google sign-in has expired: sign in again');
      }
      return { Authorization: `Bearer ${token}` };
    },
    async signOut() {
      storage.removeItem(TOKEN_KEY);
      google?.accounts.id.disableAutoSelect();
    },
  };
}

/**
 * The signed-in session when a fresh token is stored; otherwise `renderButton`
 * draws Google's button into `parent` and calls `onSignedIn` once the user has signed in.
 */
export function googleSession(clientId: string, storage: KeyValueStore) {
  const stored = storage.getItem(TOKEN_KEY);
  const auth = stored && expiryOf(stored) - Date.now() > EXPIRY_MARGIN_MS ? tokenAuth(stored, storage, null) : null;
  return {
    auth,
    async renderButton(parent: HTMLElement, locale: string, onSignedIn: (auth: Auth) => void): Promise<void> {
      const google = await loadScript();
      google.accounts.id.initialize({
        client_id: clientId,
        ux_mode: 'popup',
        callback: ({ credential }) => {
          storage.setItem(TOKEN_KEY, credential);
          onSignedIn(tokenAuth(credential, storage, google));
        },
      });
      google.accounts.id.renderButton(parent, { theme: 'outline', size: 'large', text: 'signin_with', locale });
    },
  };
}
