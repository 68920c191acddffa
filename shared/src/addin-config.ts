// What GET /addin/config.json tells a sidebar page about signing in.
import { z } from 'zod';

export const AddinSignIn = z.discriminatedUnion('mode', [
  /** Demo mode: pick a demo member; requests carry X-Dev-User. */
  z.object({ mode: z.literal('demo') }),
  /** Microsoft sign-in: MSAL (nested app auth, else a dialog) for `apiScope`. */
  z.object({ mode: z.literal('microsoft'), clientId: z.string(), apiScope: z.string() }),
  /** The backend lacks the settings to let anyone sign in: the hint says which. */
  z.object({ mode: z.literal('unconfigured'), hint: z.string() }),
]);
export type AddinSignIn = z.infer<typeof AddinSignIn>;
