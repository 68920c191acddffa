// A stand-in for Microsoft's and Google's sign-in servers, which cannot be
// reached from here: a local JWKS endpoint with our own keys, and a signer
// that issues tokens in each provider's real format.
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

export interface FakeIdentityProvider {
  jwksUrl: string;
  /** Signs with the published key (or another one, to test an unknown kid). */
  sign(payload: JWTPayload, options?: { kid?: string; unpublished?: boolean; expiresIn?: string | number; notBefore?: string | number }): Promise<string>;
  close(): Promise<void>;
  /** The published key as a JWK, for attacks that misuse it. */
  publicJwk: Record<string, unknown>;
}

export async function startFakeIdentityProvider(): Promise<FakeIdentityProvider> {
  const published: KeyPair = await generateKeyPair('RS256', { extractable: true });
  const unpublished: KeyPair = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(published.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    jwksUrl: `http://127.0.0.1:${port}/keys`,
    publicJwk,
    async sign(payload, options = {}) {
      const key = options.unpublished ? unpublished.privateKey : published.privateKey;
      const jwt = new SignJWT(payload)
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? (options.unpublished ? 'key-2' : 'key-1'), typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '1h');
      if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
      return jwt.sign(key);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
