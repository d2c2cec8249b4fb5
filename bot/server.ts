import type { AddressInfo } from 'node:net';
import pLimit from 'p-limit';
import restify from 'restify';
import type { Activity, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { withStorageDeadline } from '../src/store/deadline.js';
import type { BotAdapter } from './auth.js';
import { installSweepRoute, type SweepEndpoint } from './jobs/sweepRoute.js';
import { MATCHED_CHARACTERS } from './commands/intents.js';
import { readJsonBody } from './requestBody.js';
import type { TenantVerdict } from './tenantGuard.js';
import { describeError, type Logger } from './log.js';

export interface ServerDeps {
  readonly adapter: BotAdapter;
  /** The turn logic: the teams-ai Application's run. */
  readonly runTurn: (context: TurnContext) => Promise<void>;
  readonly tenantGuard: (activity: Partial<Activity>) => TenantVerdict;
  readonly log: Logger;
  /** What one turn may spend waiting for storage; TURN_STORAGE_BUDGET_MS unless a test needs it shorter. */
  readonly storageBudgetMs?: number;
  /** POST /api/jobs/sweep (startJobs' `endpoint`); without it the route answers 404. */
  readonly jobs?: SweepEndpoint;
}

export interface RunningServer {
  /** http://host:port, with the port actually bound (tests listen on port 0). */
  readonly url: string;
  /** Stops listening, waits for the requests under way to be answered, at most DRAIN_MS, then closes every connection left. */
  close(): Promise<void>;
}

/**
 * How long shutdown waits for the requests under way. A turn's storage is cut off at TURN_STORAGE_BUDGET_MS; this
 * leaves its replies to Teams time to go too, and stays within the 30 s a host gives a process to stop after SIGTERM.
 */
export const DRAIN_MS = 15_000;

/**
 * What one turn may spend waiting for storage, retries included. Teams shows an error for a card action not
 * answered in about 5 s and re-sends a message after 15 s: past this the turn stops waiting and says "nothing was
 * saved, try again", which a re-sent form makes safe (its request id is the idempotency key).
 */
export const TURN_STORAGE_BUDGET_MS = 4_000;

/**
 * Turns run at once; the rest wait their turn in order of arrival. Every turn in progress whose storage reply
 * has come back runs its next stretch of work in the same pass of the event loop, so with twenty at once the
 * loop was held for twenty stretches together, and /healthz and every other request with it. A few at a time
 * keeps the 2 cores as busy (a turn mostly waits on storage) and each pass short.
 */
export const CONCURRENT_TURNS = 6;

/**
 * POST /api/messages runs three gates in order, each refusing before any turn work: a well-formed activity
 * (400; a body over the limit 413, an encoded one 415), a valid Bot Framework token (401), an allowed tenant
 * (403). Only then does the adapter run the turn.
 */
export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'core-group-bot' });
  const turnSlot = pLimit(CONCURRENT_TURNS);

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { status: 'ok' });
  });

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const read = await readJsonBody(req);
    if (!read.ok) {
      deps.log.warn('activity.refused', { problem: read.problem });
      // A refused body may not have been read to its end: the connection closes with the answer instead of waiting.
      res.setHeader('connection', 'close');
      if (read.status === 415) res.setHeader('accept-encoding', 'identity');
      res.send(read.status, { error: read.problem });
      return;
    }
    const parsed = toActivity(read.body);
    if (!parsed.ok) {
      deps.log.warn('activity.refused', { problem: parsed.problem });
      res.send(400, { error: `the body is not a Bot Framework activity (${parsed.problem})` });
      return;
    }
    const activity = parsed.activity;
    const ids = { activityId: activity.id, activityType: activity.type };

    let authenticated;
    try {
      authenticated = await deps.adapter.authenticate(activity, req.headers.authorization ?? '');
    } catch (error) {
      // A failure to fetch the OpenID metadata is ours, not the caller's: say so instead of blaming the token.
      const unavailable = statusOf(error) >= 500;
      deps.log.warn(unavailable ? 'auth.unavailable' : 'auth.refused', { ...ids, ...describeError(error) });
      res.send(unavailable ? 503 : 401, { error: unavailable ? 'authentication unavailable' : 'unauthorized' });
      return;
    }

    const verdict = deps.tenantGuard(activity);
    if (!verdict.allowed) {
      deps.log.warn('tenant.refused', { ...ids, tenantId: verdict.tenantId, reason: verdict.reason });
      res.send(403, { error: 'tenant not allowed' });
      return;
    }

    try {
      const invokeResponse = await turnSlot(() =>
        withStorageDeadline(deps.storageBudgetMs ?? TURN_STORAGE_BUDGET_MS, () => deps.adapter.runAuthenticated(authenticated, activity, deps.runTurn)),
      );
      res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
    } catch (error) {
      deps.log.error('turn.failed', { ...ids, tenantId: verdict.tenantId, ...describeError(error) });
      res.send(500, { error: 'the turn failed' });
    }
  });

  installSweepRoute(server, deps.jobs, deps.log);
  return server;
}

export async function startServer(deps: ServerDeps, at: { host: string; port: number }, drainMs: number = DRAIN_MS): Promise<RunningServer> {
  const server = createServer(deps);
  const underWay = new Set<restify.Response>();
  server.pre((_req: restify.Request, res: restify.Response, next: restify.Next) => {
    underWay.add(res);
    res.once('close', () => underWay.delete(res));
    return next();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port, at.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const close = async () => {
    // Each answer still to come closes its connection: a kept-alive one would hold close() for its idle timeout.
    for (const res of underWay) if (!res.headersSent) res.setHeader('connection', 'close');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const cutOff = setTimeout(() => {
      deps.log.warn('server.cutOff', { requests: underWay.size, afterMs: drainMs });
      server.server.closeAllConnections();
    }, drainMs);
    await closed;
    clearTimeout(cutOff);
  };
  let closing: Promise<void> | undefined;
  return { url: `http://${host}:${address.port}`, close: () => (closing ??= close()) };
}

/**
 * A field that may be left out. JSON's null counts as left out: botbuilder and teams-ai test for undefined, and read
 * a null as the value (`entities: null` threw in the turn, found by fuzzing).
 */
const optional = <T extends z.ZodTypeAny>(schema: T) => schema.nullish().transform((value): z.output<T> | undefined => value ?? undefined);

const text = optional(z.string());

/**
 * A message's text as far as the bot reads it: the matcher reads its first MATCHED_CHARACTERS, and nothing reads
 * further, so the rest is not carried through the turn. A 28 KB paste held by each turn in progress was most of
 * what survived to be copied at each young-generation collection, the pauses that held the loop longest while
 * long messages came in. The kept part is a string of its own: a slice is a view that keeps the whole text alive.
 */
const messageText = optional(
  z.string().transform((value) => (value.length > MATCHED_CHARACTERS ? Buffer.from(value.slice(0, MATCHED_CHARACTERS), 'utf16le').toString('utf16le') : value)),
);

const account = z.object({ id: text, name: text, aadObjectId: text }).passthrough();

/** teams-ai keys every turn's state on these, so a turn without one failed before any route could answer it. */
const turnKey = z.string().min(1);

/**
 * The fields botbuilder and the bot read, with the types they assume (a numeric serviceUrl or text would
 * otherwise throw inside the turn), and a message's text cut to what is read of it. Anything else passes
 * through untouched.
 */
const activityShape = z
  .object({
    type: z.string().min(1),
    id: text,
    // Where every answer goes: without it a reply went to botbuilder's default, and the turn failed sending it.
    serviceUrl: z.string().url(),
    channelId: turnKey,
    from: account.extend({ id: turnKey }),
    recipient: account.extend({ id: turnKey }),
    conversation: z.object({ id: turnKey, conversationType: text, tenantId: text }).passthrough(),
    text: messageText,
    textFormat: text,
    name: text,
    locale: text,
    replyToId: text,
    timestamp: text,
    localTimestamp: text,
    entities: optional(z.array(z.object({ type: text }).passthrough())),
    // teams-ai takes a message whose value is of type "object" for a card's Action.Submit and reads its verb, so a
    // null value threw while the turn was routed.
    value: optional(z.unknown()),
    channelData: optional(z.object({}).passthrough()),
  })
  .passthrough();

type Parsed = { readonly ok: true; readonly activity: Activity } | { readonly ok: false; readonly problem: string };

/** botbuilder's own checks (CloudAdapter) and the types above; timestamps arrive as strings and become Dates. */
function toActivity(body: unknown): Parsed {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, problem: 'not a JSON object' };
  const result = activityShape.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` };
  }
  const { timestamp, localTimestamp, ...rest } = result.data;
  const activity = {
    ...rest,
    ...(typeof timestamp === 'string' && { rawTimestamp: timestamp, timestamp: new Date(timestamp) }),
    ...(typeof localTimestamp === 'string' && { rawLocalTimestamp: localTimestamp, localTimestamp: new Date(localTimestamp) }),
  };
  // The shape checked is the part of Activity the code reads; botbuilder's type asks for more than Teams sends.
  return { ok: true, activity: activity as unknown as Activity };
}

function statusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number') return error.statusCode;
  return 0;
}
