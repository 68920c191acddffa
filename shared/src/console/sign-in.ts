// What GET /app/config.json tells the manager's console about signing in.
// Types only, no zod: the console's bundle stays small.

export type ConsoleSignIn =
  /** Demo mode: pick a demo member; requests carry X-Dev-User. */
  | { mode: 'demo' }
  /** Real use: Microsoft (MSAL redirect, an access token for `apiScope`) and/or Google (Identity Services, an ID token). */
  | {
      mode: 'accounts';
      microsoft: { clientId: string; apiScope: string } | null;
      google: { clientId: string } | null;
    }
  /** The backend lacks the settings to let anyone sign in: the hint says which. */
  | { mode: 'unconfigured'; hint: string };
