// Sign-in with Microsoft and Google tokens. The providers' servers are faked
// by a local JWKS endpoint (see test/support/identity-provider.ts).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JWTPayload } from 'jose';
import { base64url } from 'jose';
import { createHmac } from 'node:crypto';
import { testDatabases, useDatabase } from '../../../../test/support/databases.ts';
import { startFakeIdentityProvider, type FakeIdentityProvider } from '../../../../test/support/identity-provider.ts';
import { TestClock, type Json } from '../../../../test/support/test-team.ts';
import { DEMO_SECRETS_KEY, secretBox } from '../../crypto/secret-box.ts';
import { silentLogger, withOrg } from '../../use-cases/deps.ts';
import { createOrgWithAdmin } from '../../use-cases/create-org.ts';
import { savePolicy } from '../../use-cases/policy.ts';
import { createApp } from '../app.ts';
import { tokenAuthenticator } from './token-authenticator.ts';
import { tokenVerifier } from './token-verifiers.ts';

const AUDIENCE = 'api://reply-routing.example/0f6b0b1e';
const GOOGLE_CLIENT = '1234-addon.apps.googleusercontent.com';

describe.each(testDatabases)('sign-in with Microsoft and Google tokens (fake identity providers) on $name', (database) => {
  const handle = useDatabase(database);
  let microsoft: FakeIdentityProvider;
  let google: FakeIdentityProvider;
  beforeAll(async () => {
    microsoft = await startFakeIdentityProvider();
    google = await startFakeIdentityProvider();
  });
  afterAll(async () => {
    await microsoft.close();
    await google.close();
  });

  /** A fresh org bound to a fresh tenant and domain, with Maya (admin) and Ava (rep). */
  async function setup() {
    const clock = new TestClock(new Date());
    const deps = { db: handle.db, rlsRole: handle.rlsRole, clock, newId: randomUUID, log: silentLogger };
    const tid = randomUUID();
    const domain = `t${randomUUID().slice(0, 8)}.example`;
    const org = await createOrgWithAdmin(deps, {
      name: `Team ${domain}`,
      admin: { email: `maya@${domain}`, name: 'Maya' },
      msTenantId: tid,
      googleDomain: domain,
    });
    await withOrg(deps, org.id, (scope) =>
      savePolicy(
        scope,
        {
          members: [
            { email: `maya@${domain}`, name: 'Maya', role: 'admin' },
            { email: `ava@${domain}`, name: 'Ava', role: 'rep' },
          ],
        },
        `maya@${domain}`,
        clock.now(),
      ),
    );
    const verify = tokenVerifier({
      microsoft: { jwksUrl: microsoft.jwksUrl, audiences: [AUDIENCE], scope: 'access_as_user' },
      google: { jwksUrl: google.jwksUrl, audiences: [GOOGLE_CLIENT] },
      clockToleranceSeconds: 5,
    });
    const app = createApp({ ...deps, authenticator: tokenAuthenticator(deps, verify, clock), secrets: secretBox(DEMO_SECRETS_KEY) });
    const call = async (token: string | null, path = '/v1/queue') => {
      const response = await app.request(path, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
      return { status: response.status, body: (await response.json()) as Json };
    };
    const msToken = (claims: JWTPayload = {}, options?: Parameters<FakeIdentityProvider['sign']>[1]) =>
      microsoft.sign(
        {
          iss: `https://login.microsoftonline.com/${tid}/v2.0`,
          aud: AUDIENCE,
          ver: '2.0',
          tid,
          oid: claims.oid ?? randomUUID(),
          scp: 'access_as_user',
          preferred_username: `ava@${domain}`,
          ...claims,
        },
        options,
      );
    const googleToken = (claims: JWTPayload = {}, options?: Parameters<FakeIdentityProvider['sign']>[1]) =>
      google.sign(
        {
          iss: 'https://accounts.google.com',
          aud: GOOGLE_CLIENT,
          sub: `g-${randomUUID()}`,
          email: `ava@${domain}`,
          email_verified: true,
          hd: domain,
          ...claims,
        },
        options,
      );
    return { org, tid, domain, app, call, msToken, googleToken };
  }

  it('a valid Microsoft v2 access token signs in the member it names', async () => {
    const { call, msToken } = await setup();
    const response = await call(await msToken());
    expect(response.status).toBe(200);
    expect(response.body.triage).toEqual([]);
  });

  it('a valid Google ID token from the Workspace domain signs in the member it names', async () => {
    const { call, googleToken } = await setup();
    const sub = `g-${randomUUID()}`;
    expect((await call(await googleToken({ sub }))).status).toBe(200);
    expect((await call(await googleToken({ sub, iss: 'accounts.google.com' }))).status).toBe(200);
  });

  it.each([
    ['no token', async () => null, 401, 'Authorization: Bearer'],
    ['not a JWT', async () => 'abc.def', 401, 'not a JWT'],
    ['expired', async (t: Setup) => t.msToken({}, { expiresIn: Math.floor(Date.now() / 1000) - 600 }), 401, 'expired'],
    ['not yet valid', async (t: Setup) => t.msToken({}, { notBefore: Math.floor(Date.now() / 1000) + 600 }), 401, 'not valid yet'],
    ['for another application', async (t: Setup) => t.msToken({ aud: 'api://someone-else' }), 401, 'audience'],
    [
      'with an issuer of another tenant than its tid',
      async (t: Setup) => t.msToken({ iss: `https://login.microsoftonline.com/${randomUUID()}/v2.0` }),
      401,
      'tenant',
    ],
    ['a v1 token', async (t: Setup) => t.msToken({ ver: '1.0' }), 401, 'v2.0'],
    ['without the access_as_user scope', async (t: Setup) => t.msToken({ scp: 'User.Read' }), 401, 'access_as_user'],
    ['signed by a key the provider does not publish', async (t: Setup) => t.msToken({}, { unpublished: true }), 401, 'key'],
    ['with a tampered payload', async (t: Setup) => tamper(await t.msToken(), { preferred_username: `maya@${t.domain}` }), 401, 'signature'],
    ['with alg none', async (t: Setup) => unsigned({ ...decode(await t.msToken()) }), 401, 'algorithm'],
    ['HMAC-signed with the public key', async (t: Setup) => hmacWithPublicKey({ ...decode(await t.msToken()) }, microsoft.publicJwk), 401, 'algorithm'],
    ['from an issuer nobody trusts', async (t: Setup) => t.msToken({ iss: 'https://evil.example/v2.0' }), 401, 'issuer'],
    ['from a tenant bound to no org', async (t: Setup) => retenant(t), 403, 'ask your admin'],
    ['of a Google account outside Workspace', async (t: Setup) => t.googleToken({ hd: undefined }), 401, 'Workspace'],
    ['of a Google account with an unverified email', async (t: Setup) => t.googleToken({ email_verified: false }), 401, 'verified'],
    ['of a Google domain bound to no org', async (t: Setup) => t.googleToken({ hd: 'nobody.example' }), 403, 'ask your admin'],
    ['for a Google client that is not ours', async (t: Setup) => t.googleToken({ aud: 'other.apps.googleusercontent.com' }), 401, 'audience'],
  ] as const)('a token %s is refused with %i', async (_label, make, status, words) => {
    const t = await setup();
    const response = await t.call(await make(t));
    expect(response.status).toBe(status);
    expect(response.body.error.message).toContain(words);
  });

  it('a verified person who is not on the team is told to ask their admin', async () => {
    const { call, msToken, domain } = await setup();
    const response = await call(await msToken({ preferred_username: `zed@${domain}` }));
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain('ask your admin to add you');
  });

  it("a member of another org sees none of this org's threads", async () => {
    const ours = await setup();
    const theirs = await setup();
    // Ava of "theirs" is a real member of her own org, and gets 404 on our thread.
    const thread = await ours.app.request('/v1/messages', {
      method: 'POST',
      headers: { authorization: `Bearer ${await ours.msToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        messageId: `<${randomUUID()}@x.example>`,
        direction: 'inbound',
        from: { email: 'p@q.example' },
        receivedAt: new Date().toISOString(),
      }),
    });
    const { id } = (await thread.json()) as Json;
    const response = await theirs.call(await theirs.msToken(), `/v1/threads/${id}`);
    expect(response.status).toBe(404);
  });

  it('an identity keeps its member when the address in the token changes, and an address is not handed to a newcomer', async () => {
    const { call, msToken, domain } = await setup();
    const avaOid = randomUUID();
    expect((await call(await msToken({ oid: avaOid }))).status).toBe(200);
    // Ava's account is renamed: still Ava.
    expect((await call(await msToken({ oid: avaOid, preferred_username: `ava.new@${domain}` }))).status).toBe(200);
    // Someone else now signs in with Ava's old address: refused.
    const intruder = await call(await msToken({ oid: randomUUID(), preferred_username: `ava@${domain}` }));
    expect(intruder.status).toBe(403);
    expect(intruder.body.error.message).toContain('already bound to another account');
  });

  type Setup = Awaited<ReturnType<typeof setup>>;
});

function decode(token: string): JWTPayload {
  return JSON.parse(new TextDecoder().decode(base64url.decode(token.split('.')[1]!))) as JWTPayload;
}

function tamper(token: string, claims: JWTPayload): string {
  const [header, , signature] = token.split('.');
  const payload = base64url.encode(JSON.stringify({ ...decode(token), ...claims }));
  return `${header}.${payload}.${signature}`;
}

function unsigned(payload: JWTPayload): string {
  return `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url.encode(JSON.stringify(payload))}.`;
}

function hmacWithPublicKey(payload: JWTPayload, jwk: Record<string, unknown>): string {
  const signingInput = `${base64url.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'key-1' }))}.${base64url.encode(JSON.stringify(payload))}`;
  const signature = createHmac('sha256', JSON.stringify(jwk)).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

/** A valid token of a tenant that no org is bound to. */
async function retenant(t: { msToken: (claims?: JWTPayload) => Promise<string> }): Promise<string> {
  const tid = randomUUID();
  return t.msToken({ tid, iss: `https://login.microsoftonline.com/${tid}/v2.0` });
}
