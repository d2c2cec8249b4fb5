import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { Activity, TurnContext } from 'botbuilder';
import type { BotAdapter } from './auth.js';
import type { TenantVerdict } from './tenantGuard.js';
import { describeError, type Logger } from './log.js';

export interface ServerDeps {
  readonly adapter: BotAdapter;
  /** The turn logic: the teams-ai Application's run. */
  readonly runTurn: (context: TurnContext) => Promise<void>;
  readonly tenantGuard: (activity: Partial<Activity>) => TenantVerdict;
  readonly log: Logger;
}

export interface RunningServer {
  /** http://host:port, with the port actually bound (tests listen on port 0). */
  readonly url: string;
  close(): Promise<void>;
}

/** Teams activities are small; a card submit with a written update is well under this. */
const MAX_BODY_BYTES = 512 * 1024;

/**
 * POST /api/messages runs three gates in order, each refusing before any turn work: a well-formed activity
 * (400), a valid Bot Framework token (401), an allowed tenant (403). Only then does the adapter run the turn.
 */
export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'core-group-bot' });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { status: 'ok' });
  });

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const activity = toActivity(req.body);
    if (activity === undefined) {
      res.send(400, { error: 'the body is not a Bot Framework activity' });
      return;
    }
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
      const invokeResponse = await deps.adapter.runAuthenticated(authenticated, activity, deps.runTurn);
      res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
    } catch (error) {
      deps.log.error('turn.failed', { ...ids, tenantId: verdict.tenantId, ...describeError(error) });
      res.send(500, { error: 'the turn failed' });
    }
  });

  return server;
}

export async function startServer(deps: ServerDeps, at: { host: string; port: number }): Promise<RunningServer> {
  const server = createServer(deps);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port, at.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** botbuilder's own checks (CloudAdapter): an object with a type; timestamps arrive as strings and become Dates. */
function toActivity(body: unknown): Activity | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const activity = body as Activity & { rawTimestamp?: string; rawLocalTimestamp?: string };
  if (typeof activity.type !== 'string' || activity.type === '') return undefined;
  const timestamp: unknown = activity.timestamp;
  if (typeof timestamp === 'string') {
    activity.rawTimestamp = timestamp;
    activity.timestamp = new Date(timestamp);
  }
  const localTimestamp: unknown = activity.localTimestamp;
  if (typeof localTimestamp === 'string') {
    activity.rawLocalTimestamp = localTimestamp;
    activity.localTimestamp = new Date(localTimestamp);
  }
  return activity;
}

function statusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number') return error.statusCode;
  return 0;
}
