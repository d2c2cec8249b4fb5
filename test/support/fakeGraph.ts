import type { AccessToken, TokenCredential } from '@azure/identity';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The token the fake credential issues and the fake Graph accepts. */
export const FAKE_GRAPH_TOKEN = 'fake-graph-token-not-for-logs';

/** A credential standing in for Entra: every scope asked for is recorded, and the same token is returned. */
export function fakeGraphCredential(): TokenCredential & { readonly scopes: string[] } {
  const scopes: string[] = [];
  return {
    scopes,
    getToken: async (scope: string | string[]): Promise<AccessToken> => {
      scopes.push(...(Array.isArray(scope) ? scope : [scope]));
      return { token: FAKE_GRAPH_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

/** One request the bot made to Graph. */
export interface GraphCall {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

export interface FakeGraphAnswer {
  readonly status: number;
  readonly body?: unknown;
}

/**
 * A local stand-in for Microsoft Graph's user app installations, over real HTTP: records every call, installs
 * (201) the app for a user once and answers 409 after that, and answers what a test asks for a user instead
 * (403 refused, 5xx), in order, before going back to that.
 */
export interface FakeGraph {
  /** The versioned root, as GRAPH_URL would give it. */
  readonly url: string;
  readonly calls: GraphCall[];
  /** The users the app is installed for. */
  readonly installed: ReadonlySet<string>;
  isInstalled(userId: string): boolean;
  /** Answer this user's next installs with these, in order. */
  answerFor(userId: string, ...answers: FakeGraphAnswer[]): void;
  close(): Promise<void>;
}

const INSTALL = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/;

export async function startFakeGraph(teamsAppId: string): Promise<FakeGraph> {
  const calls: GraphCall[] = [];
  const installed = new Set<string>();
  const scripted = new Map<string, FakeGraphAnswer[]>();
  let url = '';

  const answer = (res: ServerResponse, { status, body }: FakeGraphAnswer) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const error = (status: number, code: string): FakeGraphAnswer => ({ status, body: { error: { code, message: code } } });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    const path = new URL(req.url ?? '/', 'http://graph').pathname;
    calls.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body });
    const match = INSTALL.exec(path);
    if (req.method !== 'POST' || match === null) return answer(res, error(404, 'UnknownError'));
    if (req.headers.authorization !== `Bearer ${FAKE_GRAPH_TOKEN}`) return answer(res, error(401, 'InvalidAuthenticationToken'));
    const userId = decodeURIComponent(match[1] ?? '');
    const next = scripted.get(userId)?.shift();
    if (next !== undefined) return answer(res, next);
    const bind = typeof body === 'object' && body !== null && 'teamsApp@odata.bind' in body ? body['teamsApp@odata.bind'] : undefined;
    if (bind !== `${url}/appCatalogs/teamsApps/${teamsAppId}`) return answer(res, error(400, 'BadRequest'));
    if (installed.has(userId)) return answer(res, error(409, 'Conflict'));
    installed.add(userId);
    return answer(res, { status: 201, body: { id: `installation-${userId}` } });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => answer(res, { status: 500 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;
  return {
    url,
    calls,
    installed,
    isInstalled: (userId) => installed.has(userId),
    answerFor: (userId, ...answers) => {
      scripted.set(userId, [...(scripted.get(userId) ?? []), ...answers]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
