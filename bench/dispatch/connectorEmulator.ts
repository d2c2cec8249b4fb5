import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * A stand-in for the Teams connector that throttles as Teams documents it for a bot's messages
 * (learn.microsoft.com, "Optimize your bot: rate limiting"): per conversation 7 per second, 8 per 2 s and 60 per
 * 30 s, and about 50 requests per second per app per tenant; anything over is a 429 with Retry-After. On top, a
 * few percent of the requests within the limits are refused with a 429 at random (seeded, so a run can be
 * repeated), as Teams does under its own load. Only accepted requests count towards a window: a refused one
 * delivered nothing. It answers sends (POST .../activities) only; the bench's people all have a 1:1 chat.
 */

interface Window {
  readonly ms: number;
  readonly max: number;
}

export const TEAMS_LIMITS = {
  perConversation: [
    { ms: 1_000, max: 7 },
    { ms: 2_000, max: 8 },
    { ms: 30_000, max: 60 },
  ],
  perTenant: [{ ms: 1_000, max: 50 }],
} as const satisfies Record<string, readonly Window[]>;

export interface EmulatorOptions {
  /** Share of requests within the limits refused anyway, 0 to 1. */
  readonly random429Rate: number;
  readonly seed: string;
  /** How long each answer takes, as a real connector's round trip does. */
  readonly latencyMs: number;
}

export interface Accepted {
  readonly conversationId: string;
  readonly tenantId: string;
  /** The activity as sent: the bench finds which outbox row it carried. */
  readonly text: string;
  /** performance.now() when it was accepted. */
  readonly at: number;
}

export interface ConnectorEmulator {
  readonly serviceUrl: string;
  readonly accepted: readonly Accepted[];
  /** 429s for going over a limit, and refused at random. */
  readonly refused: () => { readonly overLimit: number; readonly random: number };
  /** Retries of a refused activity that came before the Retry-After it was given: a sender that honours it makes none. */
  readonly early: () => number;
  close(): Promise<void>;
}

const SEND = /\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/;

/** Accepted times per key, oldest first, trimmed to the longest window. */
class Windows {
  readonly #times = new Map<string, number[]>();
  constructor(private readonly windows: readonly Window[]) {}

  /** How long until `key` may be accepted again: 0 when it may now. */
  waitMs(key: string, now: number): number {
    const times = this.#trimmed(key, now);
    let wait = 0;
    for (const { ms, max } of this.windows) {
      const inWindow = times.filter((at) => at > now - ms);
      // The request that would make max+1 in the window waits until the oldest of the last max ages out.
      if (inWindow.length >= max) wait = Math.max(wait, (inWindow[inWindow.length - max] ?? now) + ms - now);
    }
    return wait;
  }

  accept(key: string, now: number): void {
    this.#trimmed(key, now).push(now);
  }

  #trimmed(key: string, now: number): number[] {
    const longest = Math.max(...this.windows.map(({ ms }) => ms));
    const times = (this.#times.get(key) ?? []).filter((at) => at > now - longest);
    this.#times.set(key, times);
    return times;
  }
}

/** A fraction in [0, 1) from the seed and the request's number: the same run refuses the same requests. */
function seededFraction(seed: string, n: number): number {
  return createHash('sha256').update(`${seed}:${n}`).digest().readUInt32BE(0) / 2 ** 32;
}

export async function startConnectorEmulator(options: EmulatorOptions): Promise<ConnectorEmulator> {
  const accepted: Accepted[] = [];
  const conversations = new Windows(TEAMS_LIMITS.perConversation);
  const tenants = new Windows(TEAMS_LIMITS.perTenant);
  /** When each refused activity (its conversation and body) was told it may be sent again. */
  const retryAt = new Map<string, number>();
  let requests = 0;
  let overLimit = 0;
  let random = 0;
  let early = 0;

  const answer = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    setTimeout(() => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    }, options.latencyMs);
  };
  const throttled = (res: ServerResponse, activity: string, waitMs: number) => {
    // Retry-After is whole seconds; rounding up means a sender that honours it is never early.
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    retryAt.set(activity, performance.now() + seconds * 1000);
    answer(res, 429, { error: { code: 'Throttled', message: 'Too many requests' } }, { 'retry-after': String(seconds) });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const match = SEND.exec(new URL(req.url ?? '/', 'http://connector').pathname);
    if (req.method !== 'POST' || match === null) return answer(res, 404, { error: { code: 'NotFound', message: 'only sends are emulated' } });
    const conversationId = decodeURIComponent(match[1] ?? '');
    const body = JSON.parse(text) as { conversation?: { tenantId?: unknown } };
    const tenantId = body.conversation?.tenantId;
    if (typeof tenantId !== 'string') return answer(res, 400, { error: { code: 'BadArgument', message: 'no tenant on the conversation' } });

    const now = performance.now();
    const activity = `${conversationId} ${text}`;
    if (now < (retryAt.get(activity) ?? 0)) early += 1;
    const waitMs = Math.max(conversations.waitMs(conversationId, now), tenants.waitMs(tenantId, now));
    if (waitMs > 0) {
      overLimit += 1;
      return throttled(res, activity, waitMs);
    }
    requests += 1;
    if (seededFraction(options.seed, requests) < options.random429Rate) {
      random += 1;
      return throttled(res, activity, 1);
    }
    conversations.accept(conversationId, now);
    tenants.accept(tenantId, now);
    accepted.push({ conversationId, tenantId, text, at: now });
    answer(res, 201, { id: `activity-${accepted.length}` });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => answer(res, 500, {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    accepted,
    refused: () => ({ overLimit, random }),
    early: () => early,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
