import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../bot/auth.js';
import { MATCHED_CHARACTERS } from '../../bot/commands/intents.js';
import { MAX_BODY_BYTES } from '../../bot/requestBody.js';
import { CONCURRENT_TURNS, startServer, type RunningServer } from '../../bot/server.js';
import { createTenantGuard } from '../../bot/tenantGuard.js';
import { recordingLogger } from '../support/recordingLogger.js';
import { postActivity, TENANT, teamsMessage } from './activities.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';

const QUESTION = 'when is the next core group due?';
const PASTED = `${QUESTION} ${'Notes pasted from the case file, line after line. '.repeat(560)}`.slice(0, 28_000);

/**
 * What reaches a turn of the real server and adapter over HTTP, and what is refused at the door before any turn:
 * nothing one request sends makes the bot hold more than it reads.
 */
describe('the door to /api/messages', () => {
  const log = recordingLogger();
  /** The text of each activity that reached a turn. */
  const turns: Array<string | undefined> = [];
  let server: RunningServer;
  let connector: FakeConnector;

  beforeAll(async () => {
    connector = await startFakeConnector();
    const adapter = createAdapter({ kind: 'anonymous' });
    server = await startServer(
      { adapter, runTurn: async (context) => void turns.push(context.activity.text), tenantGuard: createTenantGuard([TENANT]), log },
      { host: '127.0.0.1', port: 0 },
    );
  });
  afterAll(async () => {
    await server.close();
    await connector.close();
  });
  beforeEach(() => {
    turns.length = 0;
    log.entries.length = 0;
  });

  const message = (text: string) => JSON.stringify(teamsMessage(text, { serviceUrl: connector.serviceUrl }));

  it('a message reaches the turn as far as the bot reads it: a 28,000-character paste as its opening characters, a question whole', async () => {
    expect((await postActivity(server.url, JSON.parse(message(PASTED)))).status).toBe(200);
    expect((await postActivity(server.url, JSON.parse(message(QUESTION)))).status).toBe(200);
    expect(turns).toEqual([PASTED.slice(0, MATCHED_CHARACTERS), QUESTION]);
    expect(MATCHED_CHARACTERS).toBe(400);
  });

  it('a gzip body is refused with 415 unread, saying what is accepted, before any turn', async () => {
    // 10 KB that inflates to 10 MB, twenty times the limit: restify's body parser inflated such a body whole.
    const bomb = gzipSync(JSON.stringify({ ...JSON.parse(message(QUESTION)), notes: 'a'.repeat(10 * 1024 * 1024) }));
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: bomb,
    });
    expect([response.status, response.headers.get('accept-encoding'), await response.json()]).toEqual([
      415,
      'identity',
      { error: 'the body is encoded (content-encoding): send plain JSON' },
    ]);
    expect(turns).toEqual([]);
    expect(log.entries).toEqual([{ level: 'warn', event: 'activity.refused', fields: { problem: 'the body is encoded (content-encoding): send plain JSON' } }]);
  });

  it('a body past the limit is refused with 413 as soon as it passes it, without waiting for the rest', async () => {
    const answered = await new Promise<{ status: number | undefined; body: string }>((resolve, reject) => {
      const post = request(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => {
          post.destroy();
          resolve({ status: response.statusCode, body });
        });
      });
      post.on('error', reject);
      // More than the limit, and the body never ends: the answer cannot be waiting for its end.
      post.write(`{"type":"message","text":"${'a'.repeat(MAX_BODY_BYTES)}`);
    });
    expect([answered.status, JSON.parse(answered.body)]).toEqual([413, { error: `the body is over ${MAX_BODY_BYTES} bytes` }]);
    expect(turns).toEqual([]);
  });

  it('a body that is not JSON is refused with 400 before any turn', async () => {
    const response = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect([response.status, await response.json()]).toEqual([400, { error: 'the body is not JSON' }]);
    expect(turns).toEqual([]);
  });
});

describe('turns in progress', () => {
  it(`at most ${CONCURRENT_TURNS} turns run at once; the rest wait, and each starts as one ends, every request answered`, async () => {
    const connector = await startFakeConnector();
    let running = 0;
    let started = 0;
    let mostAtOnce = 0;
    const releases: Array<() => void> = [];
    const server = await startServer(
      {
        adapter: createAdapter({ kind: 'anonymous' }),
        runTurn: async () => {
          started += 1;
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          await new Promise<void>((resolve) => releases.push(resolve));
          running -= 1;
        },
        tenantGuard: createTenantGuard([TENANT]),
        log: recordingLogger(),
      },
      { host: '127.0.0.1', port: 0 },
    );
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    try {
      const sent = CONCURRENT_TURNS * 3;
      const answers = Array.from({ length: sent }, (_, i) => postActivity(server.url, teamsMessage(`question ${i}`, { serviceUrl: connector.serviceUrl })));
      await until(() => started === CONCURRENT_TURNS);
      // Time for every request to arrive: none starts while the slots are full.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect([started, running]).toEqual([CONCURRENT_TURNS, CONCURRENT_TURNS]);

      releases.shift()!();
      await until(() => started === CONCURRENT_TURNS + 1);
      expect(running).toBe(CONCURRENT_TURNS);

      const release = setInterval(() => releases.shift()?.(), 1);
      const statuses = (await Promise.all(answers)).map((response) => response.status);
      clearInterval(release);
      expect(statuses).toEqual(Array.from({ length: sent }, () => 200));
      expect([started, mostAtOnce]).toEqual([sent, CONCURRENT_TURNS]);
    } finally {
      await server.close();
      await connector.close();
    }
  });
});
