// What the build fixes: the backend's origin and how the add-on signs in.

/** Replaced by esbuild (`define`) at build time; see build.ts. */
declare const __BACKEND_URL__: string;
declare const __SIGN_IN__: string;

export type SignInMode = 'google' | 'demo';

export interface AddonSettings {
  /** The backend's origin, without a trailing slash. */
  backendUrl: string;
  /** `google`: the user's ID token (ScriptApp.getIdentityToken); `demo`: X-Dev-User of a picked demo member. */
  signIn: SignInMode;
}

export function buildSettings(): AddonSettings {
  return { backendUrl: __BACKEND_URL__, signIn: __SIGN_IN__ === 'google' ? 'google' : 'demo' };
}
