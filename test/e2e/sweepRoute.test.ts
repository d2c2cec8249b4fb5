import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../bot/auth.js';
import { startJobs, type Jobs } from '../../bot/jobs/sweepJob.js';
import type { SweepReport } from '../../bot/jobs/types.js';
import { startServer, type RunningServer } from '../../bot/server.js';
import { createTenantGuard } from '../../bot/tenantGuard.js';
import { Secret } from '../../src/config.js';
import { JobLeases } from '../../src/store/lease.js';
import { testContainers } from '../setup/tables.js';
import { gate } from '../support/gate.js';
import { recordingLogger } from '../support/recordingLogger.js';

const SECRET = 'sweep-secret-0123456789abcdefghijklmnop';
const REPORT: SweepReport = { reminders: 2, digests: 1 };

/** The restify server as bot/index.ts starts it, on port 0, with the sweep endpoint given (or not). */
function serve(jobs: Jobs | undefined, log = recordingLogger()): Promise<RunningServer> {
  const adapter = createAdapter({ kind: 'anonymous' });
  return startServer(
    { adapter, runTurn: async () => {}, tenantGuard: createTenantGuard('any'), log, ...(jobs?.endpoint && { jobs: jobs.endpoint }) },
    { host: '127.0.0.1', port: 0 },
  );
}

async function post(server: RunningServer, headers: Record<string, string> = {}, body = '') {
  const response = await fetch(`${server.url}/api/jobs/sweep`, { method: 'POST', headers, body });
  return { status: response.status, authenticate: response.headers.get('www-authenticate'), body: await response.json() };
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe('POST /api/jobs/sweep with SWEEP_SECRET set', () => {
  const log = recordingLogger();
  const sweeps: AbortSignal[] = [];
  let failWith: Error | undefined;
  let container: ContainerClient;
  let jobs: Jobs;
  let server: RunningServer;

  beforeAll(async () => {
    ({ jobs: container } = await testContainers('sweeproute'));
    const sweep = async (signal: AbortSignal) => {
      sweeps.push(signal);
      if (failWith) throw failWith;
      return REPORT;
    };
    jobs = startJobs({ container, settings: { intervalMinutes: 0, secret: new Secret(SECRET) }, sweep, log });
    server = await serve(jobs, log);
  });
  afterAll(async () => {
    await jobs.stop();
    await server.close();
  });
  beforeEach(() => {
    sweeps.length = 0;
    log.entries.length = 0;
    failWith = undefined;
  });

  it('sweeps under the lease and answers with the report; the body is ignored', async () => {
    expect(await post(server, { ...bearer(SECRET), 'content-type': 'application/json' }, '{"sweep":"everything twice"}')).toEqual({
      status: 200,
      authenticate: null,
      body: { ran: true, report: { reminders: 2, digests: 1 } },
    });
    expect(sweeps).toHaveLength(1);
    expect(log.entries.map(({ event, fields }) => ({ event, ...fields }))).toEqual([
      { event: 'lease.acquired', job: 'sweep', holder: expect.stringMatching(/-\d+$/), leaseSeconds: 60 },
      { event: 'lease.released', job: 'sweep', holder: expect.stringMatching(/-\d+$/), heldMs: expect.any(Number) },
      { event: 'sweep.done', reminders: 2, digests: 1, trigger: 'http' },
    ]);
  });

  it.each([
    ['no Authorization', {}, 'missing'],
    ['a wrong secret of the same length', bearer(SECRET.replace(/p$/, 'q')), 'wrong'],
    ['the secret with a character more', bearer(`${SECRET}x`), 'wrong'],
    ['the secret as Basic credentials', { authorization: `Basic ${SECRET}` }, 'wrong'],
    ['an empty bearer token', { authorization: 'Bearer ' }, 'wrong'],
  ])('answers 401 and does not sweep for %s', async (_, headers, authorization) => {
    expect(await post(server, headers)).toEqual({ status: 401, authenticate: 'Bearer', body: { error: 'unauthorized' } });
    expect(sweeps).toEqual([]);
    expect(log.entries).toEqual([{ level: 'warn', event: 'sweep.refused', fields: { trigger: 'http', authorization } }]);
  });

  it('accepts the scheme in any case and spaces around the token', async () => {
    expect((await post(server, { authorization: `  bearer   ${SECRET}  ` })).body).toEqual({ ran: true, report: REPORT });
  });

  it('answers ran: false while another instance holds the lease, without sweeping', async () => {
    const [acquired, held] = [gate(), gate()];
    const elsewhere = new JobLeases(container, recordingLogger(), { holder: 'other-instance' });
    const other = elsewhere.runExclusive('sweep', async () => {
      acquired.open();
      await held.opened;
    });
    await acquired.opened;
    expect(await post(server, bearer(SECRET))).toEqual({ status: 200, authenticate: null, body: { ran: false, reason: 'another instance is sweeping' } });
    expect(sweeps).toEqual([]);
    expect(log.entries.map((entry) => entry.event)).toEqual(['lease.busy', 'sweep.skipped']);
    held.open();
    await other;
  });

  it('answers 500 when the sweep fails, saying no more, and releases the lease', async () => {
    failWith = new Error('the case store is down');
    expect(await post(server, bearer(SECRET))).toEqual({ status: 500, authenticate: null, body: { error: 'the sweep failed' } });
    expect(log.entries.map(({ event, fields }) => ({ event, ...fields })).slice(1)).toEqual([
      { event: 'lease.released', job: 'sweep', holder: expect.any(String), heldMs: expect.any(Number) },
      { event: 'sweep.failed', trigger: 'http', error: 'Error', message: 'the case store is down' },
    ]);
    failWith = undefined;
    expect((await post(server, bearer(SECRET))).body).toEqual({ ran: true, report: REPORT });
  });

  it('never logs the secret or what was sent in its place', async () => {
    await post(server, bearer(`${SECRET}x`));
    await post(server, bearer(SECRET));
    expect(JSON.stringify(log.entries)).not.toContain(SECRET.slice(0, 12));
  });
});

describe('POST /api/jobs/sweep without SWEEP_SECRET', () => {
  it('answers 404 saying the endpoint is off, whatever is sent, and sweeps nothing', async () => {
    const { jobs: container } = await testContainers('sweepoff');
    let sweeps = 0;
    const jobs = startJobs({
      container,
      settings: { intervalMinutes: 0, secret: undefined },
      sweep: async () => {
        sweeps += 1;
        return REPORT;
      },
      log: recordingLogger(),
    });
    expect(jobs.endpoint).toBeUndefined();
    const server = await serve(jobs);
    try {
      const off = { status: 404, authenticate: null, body: { error: 'the sweep endpoint is off: SWEEP_SECRET is not configured' } };
      expect(await post(server)).toEqual(off);
      expect(await post(server, bearer(SECRET))).toEqual(off);
      expect(sweeps).toBe(0);
    } finally {
      await jobs.stop();
      await server.close();
    }
  });
});
