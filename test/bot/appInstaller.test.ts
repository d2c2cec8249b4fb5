import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphAppInstaller, graphScope, type AppInstaller } from '../../bot/graph/appInstaller.js';
import { Secret } from '../../src/config.js';
import { fakeGraphCredential, startFakeGraph, type FakeGraph } from '../support/fakeGraph.js';
import { recordingLogger } from '../support/recordingLogger.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const TEAMS_APP = '7a1b2c3d-0000-4000-8000-00000000abcd';
const person = (n: number) => ({ tenantId: TENANT, aadObjectId: `eeeeeeee-0000-4000-8000-00000000010${n}` });

/** Installing the app for one person through Graph (the fake, over real HTTP), and what each answer means. */
describe('the Graph app installer', () => {
  let graph: FakeGraph;
  let installer: AppInstaller;
  const log = recordingLogger();

  beforeAll(async () => {
    graph = await startFakeGraph(TEAMS_APP);
    const settings = { kind: 'on', url: graph.url, teamsAppId: TEAMS_APP, tenantId: TENANT, credential: { kind: 'secret', clientId: TEAMS_APP, secret: new Secret('s') } } as const;
    installer = graphAppInstaller({ settings, credential: fakeGraphCredential(), log, timeoutMs: 2_000 });
  });

  afterAll(async () => {
    await graph?.close();
  });

  it('installs (201), and reads 409 as already installed', async () => {
    expect(await installer.install(person(1))).toEqual({ status: 'installed' });
    expect(await installer.install(person(1))).toEqual({ status: 'already-installed' });
  });

  it('reads 403 and 404 as refused, with Graph error code, and 429 and 5xx as worth another try later', async () => {
    graph.answerFor(person(2).aadObjectId, { status: 403, body: { error: { code: 'Forbidden', message: 'no' } } }, { status: 404, body: { error: { code: 'Request_ResourceNotFound' } } });
    expect(await installer.install(person(2))).toEqual({ status: 'refused', httpStatus: 403, code: 'Forbidden' });
    expect(await installer.install(person(2))).toEqual({ status: 'refused', httpStatus: 404, code: 'Request_ResourceNotFound' });
    graph.answerFor(person(3).aadObjectId, { status: 503 }, { status: 429, body: { error: { code: 'TooManyRequests' } } });
    expect(await installer.install(person(3))).toEqual({ status: 'unavailable', httpStatus: 503 });
    expect(await installer.install(person(3))).toEqual({ status: 'unavailable', httpStatus: 429 });
    expect(log.entries.filter((entry) => entry.event === 'graph.refused').map((entry) => entry.fields)).toEqual([
      { tenantId: TENANT, aadObjectId: person(2).aadObjectId, httpStatus: 403, code: 'Forbidden' },
      { tenantId: TENANT, aadObjectId: person(2).aadObjectId, httpStatus: 404, code: 'Request_ResourceNotFound' },
    ]);
  });

  it('reads a Graph that cannot be reached as unavailable', async () => {
    const settings = { kind: 'on', url: 'http://127.0.0.1:1/v1.0', teamsAppId: TEAMS_APP, tenantId: TENANT, credential: { kind: 'managed-identity', clientId: TEAMS_APP } } as const;
    const nowhere = graphAppInstaller({ settings, credential: fakeGraphCredential(), log, timeoutMs: 2_000 });
    expect(await nowhere.install(person(4))).toEqual({ status: 'unavailable', httpStatus: undefined });
  });

  it("asks for the .default scope of the cloud Graph's URL is in", () => {
    expect(graphScope('https://graph.microsoft.com/v1.0')).toBe('https://graph.microsoft.com/.default');
    expect(graphScope('https://graph.microsoft.us/v1.0')).toBe('https://graph.microsoft.us/.default');
  });
});
