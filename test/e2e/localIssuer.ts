import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type CryptoKey } from 'jose';

/**
 * A local stand-in for the Bot Framework token service: an RSA key made here, served as OpenID metadata and a
 * JWKS (with Teams' endorsement, as the real keys carry), and a signer for tokens with any claims we want to try.
 */
export interface LocalIssuer {
  readonly issuer: string;
  readonly openIdMetadataUrl: string;
  /** How often the bot fetched the metadata or the keys. */
  readonly fetches: () => number;
  sign(claims: JWTPayload, options?: { readonly expiresAt?: number; readonly key?: CryptoKey }): Promise<string>;
  close(): Promise<void>;
}

export const KEY_ID = 'local-test-key';

export async function startLocalIssuer(issuer: string): Promise<LocalIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: KEY_ID, use: 'sig', alg: 'RS256', endorsements: ['msteams'] };
  let fetches = 0;
  const server = createServer((req, res) => {
    fetches += 1;
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body =
      req.url === '/.well-known/openid-configuration'
        ? { issuer, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }
        : req.url === '/keys'
          ? { keys: [jwk] }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    issuer,
    openIdMetadataUrl: `http://127.0.0.1:${port}/.well-known/openid-configuration`,
    fetches: () => fetches,
    sign: async (claims, options = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
        .setIssuedAt(now - 60)
        .setNotBefore(now - 60)
        .setExpirationTime(options.expiresAt ?? now + 600)
        .sign(options.key ?? privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
