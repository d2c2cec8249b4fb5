import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADELE_VANCE, ALEX_WILBER, MEGAN_BOWEN, PLAYGROUND_TENANT_ID } from '../../src/demo/playground.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { cardInvoke, invokeAnswer, postActivity, teamsMessage } from './activities.js';
import { NODE_START, ROOT, START_TIMEOUT_MS, startBot, startedUrl, type BotProcess } from './botProcess.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';

/** A fixed day (`--now`), so the case created below has the same dates on every run. */
const NOW = ['--now', '2027-02-03T10:00'];
/** No timer sweep: nothing but the test's own turns writes to the folder. */
const ENV = { PORT: '0', SWEEP_INTERVAL_MINUTES: '0' };
/** Measured on the shared 2-core machine: 15 s for this build, 40 to 64 s for the full `npm run build` with its check. */
const BUILD_TIMEOUT_MS = 120_000;

/**
 * `npm run build`, without its type check (`npm run typecheck` has its own step): the same emitted JavaScript and
 * JSON, in about a third of the time.
 */
function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    const npm = spawn('npm', ['run', 'build', '--', '--noCheck'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run build exited ${code}:\n${output}`))));
  });
}

/**
 * `npm run build`'s output run with plain node (`npm run start:prod`) in local mode, on a data folder of its own:
 * it answers, a second start on the folder is refused while the first goes on, SIGTERM answers the turn under way
 * and saves what was written, and the process then ends by itself with code 0.
 */
describe('the production build, one bot per data folder, and stopping', { timeout: START_TIMEOUT_MS }, () => {
  let cwd: string;
  let connector: FakeConnector;
  let first: BotProcess;
  let url: string;
  const alex = () => ({ serviceUrl: connector.serviceUrl, tenantId: PLAYGROUND_TENANT_ID, aadObjectId: ALEX_WILBER.aadObjectId });
  /** The demo cases seeded for Alex at start, as "my cases" lists them on that day. */
  const DEMO_CASES = ['CP-9001 · Oak', 'CP-9004 · Willow', 'CP-9002 · Birch', 'CP-9003 · Rowan'];
  /** Alex's "my cases": each case's opening line (its reference and alias). */
  const myCases = async (botUrl: string) => {
    connector.reset();
    expect((await postActivity(botUrl, teamsMessage('my cases', alex()))).status).toBe(200);
    return sentencesOf(cardIn(connector.sentMessages()[0]?.body)).filter((sentence) => /^CP-\d+/.test(sentence));
  };

  beforeAll(async () => {
    const [dir, fake] = await Promise.all([mkdtemp(join(tmpdir(), 'core-group-prod-')), startFakeConnector(), build()]);
    cwd = dir;
    connector = fake;
    first = startBot([...NODE_START, ...NOW], cwd, ENV);
    url = await startedUrl(first);
  }, BUILD_TIMEOUT_MS + START_TIMEOUT_MS);

  afterAll(async () => {
    if (first.child.exitCode === null) first.child.kill('SIGKILL');
    await connector.close();
    await rm(cwd, { recursive: true, force: true });
  });

  it('runs from dist/ with plain node: /healthz, and a turn on the embedded Azurite', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await myCases(url)).toEqual(DEMO_CASES);
  });

  it('a second start on the same data folder stops at once with code 1, naming the folder, while the first goes on answering', async () => {
    const second = startBot([...NODE_START, ...NOW], cwd, ENV);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(`Another bot is already using the data folder ${join(cwd, '.data/azurite')}: two Azurites on one folder`);
    expect(second.stdout()).not.toContain('"event":"storage.open"');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('a turn under way when SIGTERM comes is answered, and what was written just before is saved; then the process ends with 0', async () => {
    const create = cardInvoke(
      'case.create',
      { requestId: randomUUID(), caseRef: 'CP-4242', alias: 'Elm', policyId: 'york', initialConferenceDate: '2027-01-27', teamManager: MEGAN_BOWEN.aadObjectId, chair: ADELE_VANCE.aadObjectId },
      alex(),
    );
    // The reply to "my cases" is held at the connector: that turn is under way until the test lets it go.
    const question = teamsMessage('my cases', alex());
    connector.reset();
    const held = connector.hold((request) => request.kind === 'send' && request.replyToId === question['id']);
    // Written and acknowledged, then SIGTERM well inside Azurite's 5 seconds between saves.
    expect((await invokeAnswer(url, create)).status).toBe(200);
    const answer = postActivity(url, question);
    await held.arrived;
    first.child.kill('SIGTERM');
    await expect.poll(() => first.stdout(), { timeout: 10_000 }).toContain('"event":"stopping","signal":"SIGTERM"');
    held.release();
    expect((await answer).status).toBe(200);
    const replies = connector.sentMessages().filter((sent) => sent.replyToId === question['id']);
    expect(replies.map((reply) => sentencesOf(cardIn(reply.body))[0])).toEqual(['Your cases']);
    expect(await first.exited).toBe(0);
    expect(first.stdout()).toContain('"event":"stopped"');
  });

  it('a restart on the same folder has the case created just before that SIGTERM', async () => {
    const again = startBot([...NODE_START, ...NOW], cwd, ENV);
    try {
      expect(await myCases(await startedUrl(again))).toEqual(['CP-9001 · Oak', 'CP-9004 · Willow', 'CP-4242 · Elm', 'CP-9002 · Birch', 'CP-9003 · Rowan']);
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    } finally {
      if (again.child.exitCode === null) again.child.kill('SIGKILL');
    }
  });
});
