import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the bot sent to the connector, as the connector saw it. */
export interface Received {
  readonly kind: 'create-conversation' | 'send' | 'update';
  readonly conversationId?: string;
  readonly replyToId?: string;
  /** An update's: the activity it replaces. */
  readonly activityId?: string;
  readonly authorization: string | undefined;
  readonly body: Record<string, unknown>;
}

/** A request as a rule sees it: what it is, and for whom (the member a chat is created for, or the chat posted to). */
export interface RuleRequest {
  readonly kind: Received['kind'];
  readonly memberId?: string;
  readonly conversationId?: string;
  /** A reply's: the activity it answers (an update's: the activity it replaces). */
  readonly replyToId?: string;
}

/** Answers the requests it returns a response for, every time, until reset; undefined lets the next rule or the default answer. */
export type ConnectorRule = (request: RuleRequest) => ScriptedResponse | undefined;

export interface ScriptedResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/**
 * A local stand-in for the Teams connector (the bot's serviceUrl): records every POST the bot makes and answers
 * like Bot Framework does, unless told to answer the next requests with scripted statuses (403, 404, 429, ...).
 */
export interface FakeConnector {
  /** The serviceUrl to put on activities, with the trailing slash Teams uses. */
  readonly serviceUrl: string;
  readonly received: Received[];
  /** Messages the bot sent (not typing indicators or other activities). */
  sentMessages(): Received[];
  /** Answer the next requests with these, in order; then succeed again. */
  script(...responses: ScriptedResponse[]): void;
  /**
   * Answer by who a request is for, whatever order concurrent sends arrive in: a member without the app installed
   * (403 on creating their chat), one who blocked the bot (403 on posting to their chat). Scripted answers come first.
   */
  rule(rule: ConnectorRule): void;
  /** The next request that matches waits, unanswered, until released: a turn kept in progress for as long as a test needs. */
  hold(matches: (request: RuleRequest) => boolean): Held;
  /** How many requests hit the connector, answered or scripted. */
  readonly hits: () => number;
  reset(): void;
  close(): Promise<void>;
}

export interface Held {
  /** Resolves once the held request has arrived. */
  readonly arrived: Promise<void>;
  release(): void;
}

/** Any path prefix before /v3, so tests can give one person several serviceUrls on the same connector. */
const CREATE = /\/v3\/conversations$/;
const SEND = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

/** Whose 1:1 chat a message went to: the fake connector names each conversation after the person's object id. */
export const recipientOf = (conversationId: string | undefined): string => /[0-9a-f-]{36}$/.exec(conversationId ?? '')?.[0] ?? '';

export async function startFakeConnector(): Promise<FakeConnector> {
  const received: Received[] = [];
  let scripted: ScriptedResponse[] = [];
  let rules: ConnectorRule[] = [];
  const holds: Array<{ matches: (request: RuleRequest) => boolean; arrive: () => void; released: Promise<void> }> = [];
  let hits = 0;
  let created = 0;
  let sent = 0;

  const answer = (res: ServerResponse, response: ScriptedResponse) => {
    res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers });
    res.end(JSON.stringify(response.body ?? {}));
  };

  const requestOf = (method: string | undefined, path: string, body: Record<string, unknown>): RuleRequest | undefined => {
    const send = SEND.exec(path);
    return method === 'POST' && CREATE.test(path)
      ? { kind: 'create-conversation', memberId: (body.members as { id: string }[] | undefined)?.[0]?.id }
      : send !== null
        ? { kind: method === 'PUT' ? 'update' : 'send', conversationId: decodeURIComponent(send[1] ?? ''), ...(send[2] !== undefined && { replyToId: decodeURIComponent(send[2]) }) }
        : undefined;
  };

  const ruled = (request: RuleRequest | undefined): ScriptedResponse | undefined => {
    if (request === undefined) return undefined;
    for (const rule of rules) {
      const response = rule(request);
      if (response !== undefined) return response;
    }
    return undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    hits += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
    const path = new URL(req.url ?? '/', 'http://connector').pathname;
    const request = requestOf(req.method, path, body);
    const hold = request === undefined ? undefined : holds.find((candidate) => candidate.matches(request));
    if (hold !== undefined) {
      holds.splice(holds.indexOf(hold), 1);
      hold.arrive();
      await hold.released;
    }
    const next = scripted.shift() ?? ruled(request);
    if (next !== undefined) return answer(res, next);

    if (req.method === 'POST' && CREATE.test(path)) {
      created += 1;
      received.push({ kind: 'create-conversation', authorization: req.headers.authorization, body });
      const members = body.members as { id: string }[] | undefined;
      return answer(res, { status: 201, body: { id: `a:created-${members?.[0]?.id ?? created}`, activityId: '', serviceUrl: '' } });
    }
    const match = SEND.exec(path);
    if (req.method === 'POST' && match) {
      sent += 1;
      const [, conversationId, replyToId] = match;
      received.push({
        kind: 'send',
        conversationId: decodeURIComponent(conversationId ?? ''),
        ...(replyToId && { replyToId: decodeURIComponent(replyToId) }),
        authorization: req.headers.authorization,
        body,
      });
      return answer(res, { status: 201, body: { id: `activity-${sent}` } });
    }
    if (req.method === 'PUT' && match?.[2] !== undefined) {
      const [, conversationId, activityId] = match;
      received.push({ kind: 'update', conversationId: decodeURIComponent(conversationId ?? ''), activityId: decodeURIComponent(activityId), authorization: req.headers.authorization, body });
      return answer(res, { status: 200, body: { id: decodeURIComponent(activityId) } });
    }
    answer(res, { status: 404, body: { error: { code: 'NotFound', message: `no route ${req.method} ${path}` } } });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => answer(res, { status: 500 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    received,
    sentMessages: () => received.filter((entry) => entry.kind === 'send' && entry.body.type === 'message'),
    script: (...responses) => {
      scripted.push(...responses);
    },
    rule: (rule) => {
      rules.push(rule);
    },
    hold: (matches) => {
      let arrive = () => {};
      let release = () => {};
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      holds.push({ matches, arrive, released: new Promise<void>((resolve) => (release = resolve)) });
      return { arrived, release };
    },
    hits: () => hits,
    reset: () => {
      received.length = 0;
      scripted = [];
      rules = [];
      hits = 0;
      created = 0;
      sent = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
