import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConversationRefs } from '../../src/store/conversationRefs.js';
import { fixedClock } from '../../src/time/clock.js';
import { testTables } from '../setup/tables.js';

describe('conversation references', () => {
  it('keeps the latest reference per user and returns null for strangers', async () => {
    const refs = new ConversationRefs((await testTables('refs')).conversationRefs, fixedClock(new Date('2027-03-01T09:00:00Z')));
    const tenantId = randomUUID();
    const aadObjectId = randomUUID();
    await refs.upsert({ tenantId, aadObjectId, conversationId: 'a:old', serviceUrl: 'https://smba.trafficmanager.net/uk/' });
    await refs.upsert({ tenantId: tenantId.toUpperCase(), aadObjectId, conversationId: 'a:new', serviceUrl: 'https://smba.trafficmanager.net/uk/', botId: '28:bot' });
    expect(await refs.get(tenantId, aadObjectId.toUpperCase())).toEqual({
      tenantId,
      aadObjectId,
      conversationId: 'a:new',
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      botId: '28:bot',
      updatedAt: '2027-03-01T09:00:00.000Z',
    });
    expect(await refs.get(tenantId, randomUUID())).toBeNull();
  });

  it("keeps the Agents Playground's default user, whose mock ids are GUID-shaped but not GUIDs", async () => {
    const refs = new ConversationRefs((await testTables('refs')).conversationRefs, fixedClock(new Date('2027-03-01T09:00:00Z')));
    const playground = { tenantId: '00000000-0000-0000-0000-0000000000001', aadObjectId: '00000000-0000-0000-0000-0000000000020' };
    await refs.upsert({ ...playground, conversationId: 'c0ffee', serviceUrl: 'http://localhost:56150/_connector' });
    expect(await refs.get(playground.tenantId, playground.aadObjectId)).toMatchObject({ ...playground, conversationId: 'c0ffee' });
  });

  it('keeps a serviceUrl for someone seen only in a group chat, with no 1:1 conversation yet', async () => {
    const refs = new ConversationRefs((await testTables('refs')).conversationRefs, fixedClock(new Date('2027-03-01T09:00:00Z')));
    const tenantId = randomUUID();
    const aadObjectId = randomUUID();
    await refs.upsert({ tenantId, aadObjectId, serviceUrl: 'https://smba.trafficmanager.net/emea/' });
    expect(await refs.get(tenantId, aadObjectId)).toEqual({ tenantId, aadObjectId, serviceUrl: 'https://smba.trafficmanager.net/emea/', updatedAt: '2027-03-01T09:00:00.000Z' });
  });
});
