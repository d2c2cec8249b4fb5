import { describe, expect, it } from 'vitest';
import { createAdapter } from '../../bot/auth.js';
import { startServer } from '../../bot/server.js';
import { createTenantGuard } from '../../bot/tenantGuard.js';
import { recordingLogger } from '../support/recordingLogger.js';
import { postActivity, TENANT, teamsMessage } from './activities.js';

/** The server's close on SIGTERM, in process: a turn under way is answered before it ends; one that hangs is cut off. */
describe('closing the server', () => {
  /** A server whose turns each wait for their release, which the test gives. */
  const serverWithHeldTurns = async (drainMs?: number) => {
    const log = recordingLogger();
    const releases: Array<() => void> = [];
    const server = await startServer(
      {
        adapter: createAdapter({ kind: 'anonymous' }),
        runTurn: () => new Promise<void>((resolve) => releases.push(resolve)),
        tenantGuard: createTenantGuard([TENANT]),
        log,
      },
      { host: '127.0.0.1', port: 0 },
      drainMs,
    );
    const turnStarted = async () => {
      while (releases.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    return { server, log, releases, turnStarted };
  };
  const question = () => teamsMessage('my cases', { serviceUrl: 'http://127.0.0.1:9/' });

  it('stops listening at once, answers the turn under way, then closes its connection and resolves', async () => {
    const { server, releases, turnStarted } = await serverWithHeldTurns();
    const answer = postActivity(server.url, question());
    await turnStarted();
    let closed = false;
    const closing = server.close().then(() => (closed = true));

    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow('fetch failed');
    expect(closed).toBe(false);
    releases[0]?.();
    const response = await answer;
    expect([response.status, response.headers.get('connection')]).toEqual([200, 'close']);
    await closing;
    expect(closed).toBe(true);
  });

  it('cuts off a turn still running after the drain time, saying how many', async () => {
    const { server, log, turnStarted } = await serverWithHeldTurns(300);
    const answer = postActivity(server.url, question());
    await turnStarted();
    await server.close();
    await expect(answer).rejects.toThrow('fetch failed');
    expect(log.entries).toEqual([{ level: 'warn', event: 'server.cutOff', fields: { requests: 1, afterMs: 300 } }]);
  });
});
