// How the console proves who the user is to the backend: a demo member's
// header in demo mode; in real use a Microsoft access token (MSAL, redirect)
// or a Google ID token (Google Identity Services), verified by the backend
// with the same middleware as the add-ins.
import type { ConsoleSignIn } from '#shared/console/sign-in';

export interface Auth {
  /** Headers for one backend request. Rejects with an Error when the user must sign in again. */
  headers(): Promise<Record<string, string>>;
  signOut(): Promise<void>;
}

export type AccountsSignIn = Extract<ConsoleSignIn, { mode: 'accounts' }>;

const DEMO_MEMBER_KEY = 'reply-routing.console.demo-member';

/** Where the console keeps the demo member between visits. Injected so tests and the page share one shape. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function demoMemberStore(storage: KeyValueStore) {
  return {
    get: () => storage.getItem(DEMO_MEMBER_KEY),
    set: (email: string | null) => (email ? storage.setItem(DEMO_MEMBER_KEY, email) : storage.removeItem(DEMO_MEMBER_KEY)),
  };
}

export function demoAuth(email: string, forget: () => void): Auth {
  return {
    headers: async () => ({ 'X-Dev-User': email }),
    signOut: async () => forget(),
  };
}

/**
 * Microsoft sign-in, loaded only when the backend offers it (MSAL is large).
 * Resolves with an Auth when an account is signed in (after the redirect
 * back, or from MSAL's session cache), or null when the user must click.
 */
export async function microsoftSession(config: NonNullable<AccountsSignIn['microsoft']>): Promise<{ auth: Auth | null; signIn(): Promise<void> }> {
  const { msalSession } = await import('./microsoft-auth.ts');
  return msalSession(config);
}

export { googleSession } from './google-auth.ts';
