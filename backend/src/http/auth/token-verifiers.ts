// Verifies Microsoft identity platform v2 access tokens and Google ID tokens
// against their providers' JWKS (fetched once, cached, refetched on an unknown
// key id at most once per cooldown). Returns who signed in, or a DomainError.
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { DomainError } from '../../domain/errors.ts';
import type { IdentityProvider } from '../../store/member-identities.ts';

export interface VerifiedPerson {
  provider: IdentityProvider;
  /** Stable across renames: Microsoft `tid:oid`, Google `sub`. */
  subject: string;
  email: string;
  /** Where the person comes from: the Entra tenant id or the Workspace domain. */
  tenant: { microsoftTenantId: string } | { googleDomain: string };
}

export interface MicrosoftConfig {
  jwksUrl: string;
  /** The application id URI and/or client id the add-in asks tokens for. */
  audiences: string[];
  /** The delegated scope the add-in requests (`access_as_user`). */
  scope: string;
}

export interface GoogleConfig {
  jwksUrl: string;
  /** The add-on's OAuth client id(s). */
  audiences: string[];
}

export interface VerifierConfig {
  microsoft: MicrosoftConfig | null;
  google: GoogleConfig | null;
  /** Seconds of clock skew tolerated on exp/nbf/iat. */
  clockToleranceSeconds: number;
}

const MICROSOFT_ISSUER = /^https:\/\/login\.microsoftonline\.com\/([0-9a-f-]+)\/v2\.0$/;
const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const unauthenticated = (message: string) => new DomainError('unauthenticated', message);

export type Verifier = (token: string) => Promise<VerifiedPerson>;

export function tokenVerifier(config: VerifierConfig): Verifier {
  const jwksOptions = { cooldownDuration: 30_000, cacheMaxAge: 6 * 60 * 60_000, timeoutDuration: 5_000 };
  const microsoftKeys = config.microsoft ? createRemoteJWKSet(new URL(config.microsoft.jwksUrl), jwksOptions) : null;
  const googleKeys = config.google ? createRemoteJWKSet(new URL(config.google.jwksUrl), jwksOptions) : null;

  return async (token) => {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw unauthenticated('The bearer token is not a JWT: sign in again from the add-in');
    }
    if (issuer && MICROSOFT_ISSUER.test(issuer) && config.microsoft && microsoftKeys) {
      return verifyMicrosoft(token, config.microsoft, microsoftKeys, config.clockToleranceSeconds);
    }
    if (issuer && GOOGLE_ISSUERS.includes(issuer) && config.google && googleKeys) {
      return verifyGoogle(token, config.google, googleKeys, config.clockToleranceSeconds);
    }
    throw unauthenticated('The token comes from an issuer this backend does not accept: sign in with Microsoft or Google from the add-in');
  };
}

type KeySet = ReturnType<typeof createRemoteJWKSet>;

async function verified(token: string, keys: KeySet, options: { audience: string[]; issuer?: string[]; clockTolerance: number }): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, keys, { ...options, algorithms: ['RS256'] });
    return payload;
  } catch (error) {
    throw unauthenticated(explainJoseError(error));
  }
}

async function verifyMicrosoft(token: string, config: MicrosoftConfig, keys: KeySet, clockTolerance: number): Promise<VerifiedPerson> {
  const payload = await verified(token, keys, { audience: config.audiences, clockTolerance });
  if (payload.ver !== '2.0') throw unauthenticated('Only Microsoft identity platform v2.0 access tokens are accepted');
  const tid = typeof payload.tid === 'string' ? payload.tid.toLowerCase() : '';
  const issuerTenant = MICROSOFT_ISSUER.exec(payload.iss ?? '')?.[1];
  if (!GUID.test(tid) || issuerTenant !== tid) throw unauthenticated("The token's tenant (tid) does not match its issuer");
  const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
  if (!scopes.includes(config.scope)) throw unauthenticated(`The token lacks the delegated scope ${config.scope}: the add-in must ask for it`);
  const oid = typeof payload.oid === 'string' ? payload.oid : '';
  if (!GUID.test(oid)) throw unauthenticated('The token has no object id (oid)');
  const email = [payload.email, payload.upn, payload.preferred_username].find((v): v is string => typeof v === 'string' && v.includes('@'));
  if (!email) throw unauthenticated('The token carries no email address (email, upn or preferred_username)');
  return { provider: 'microsoft', subject: `${tid}:${oid}`, email: email.toLowerCase(), tenant: { microsoftTenantId: tid } };
}

async function verifyGoogle(token: string, config: GoogleConfig, keys: KeySet, clockTolerance: number): Promise<VerifiedPerson> {
  const payload = await verified(token, keys, { audience: config.audiences, issuer: GOOGLE_ISSUERS, clockTolerance });
  if (payload.email_verified !== true || typeof payload.email !== 'string') throw unauthenticated('The Google account has no verified email address');
  if (typeof payload.hd !== 'string' || payload.hd === '') {
    throw unauthenticated('Only Google Workspace accounts can sign in (the token has no hosted domain, hd)');
  }
  if (typeof payload.sub !== 'string' || payload.sub === '') throw unauthenticated('The token has no subject (sub)');
  return { provider: 'google', subject: payload.sub, email: payload.email.toLowerCase(), tenant: { googleDomain: payload.hd.toLowerCase() } };
}

function explainJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The token has expired: sign in again';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf' || error.claim === 'iat') return 'The token is not valid yet: check the clock of the device that signed in';
    if (error.claim === 'aud') return 'The token was issued for another application (audience): check the add-in configuration';
    if (error.claim === 'iss') return 'The token comes from an issuer this backend does not accept';
    return `The token's ${error.claim} claim is not acceptable`;
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'The token is signed by a key the provider does not publish';
  if (error instanceof joseErrors.JOSEAlgNotAllowed || error instanceof joseErrors.JOSENotSupported)
    return 'The token is signed with an algorithm this backend does not accept';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The token signature is invalid';
  if (error instanceof joseErrors.JWKSTimeout) return "The identity provider's keys could not be fetched in time; try again";
  return 'The token could not be verified: sign in again';
}
