// How the task pane proves who the user is to the backend: a demo member's
// header in demo mode, a Microsoft access token otherwise.
import type { AddinSignIn } from '#shared/addin-config';
import type { OutlookHost } from '../host/host.ts';

export interface Auth {
  /** Headers for one backend request; may sign in first. Rejects with an Error when it cannot. */
  headers(): Promise<Record<string, string>>;
}

const DEMO_MEMBER_KEY = 'reply-routing.demo-member';

export const demoMember = {
  get(): string | null {
    return globalThis.localStorage?.getItem(DEMO_MEMBER_KEY) ?? null;
  },
  set(email: string | null) {
    if (email) globalThis.localStorage?.setItem(DEMO_MEMBER_KEY, email);
    else globalThis.localStorage?.removeItem(DEMO_MEMBER_KEY);
  },
};

export function demoAuth(email: string): Auth {
  return { headers: async () => ({ 'X-Dev-User': email }) };
}

/** Microsoft sign-in, loaded only when the backend asks for it (MSAL is large). */
export async function microsoftAuth(config: Extract<AddinSignIn, { mode: 'microsoft' }>, host: OutlookHost): Promise<Auth> {
  const { msalTokens } = await import('./microsoft-auth.ts');
  const token = await msalTokens(config, host);
  return { headers: async () => ({ Authorization: `Bearer ${await token()}` }) };
}
