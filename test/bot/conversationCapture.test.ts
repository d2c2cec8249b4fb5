import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { captureConversation, observedRef } from '../../bot/notify/conversationCapture.js';
import { MemoryRefs } from '../support/memoryRefs.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const USER = 'aaaaaaaa-0000-4000-8000-000000000001';

function activity(conversationType: string, serviceUrl: string, conversationId = conversationType === 'personal' ? 'a:1' : '19:group@thread.v2'): Partial<Activity> {
  return {
    serviceUrl,
    from: { id: '29:x', name: '', aadObjectId: USER },
    conversation: { id: conversationId, name: '', conversationType, isGroup: conversationType !== 'personal' },
    channelData: { tenant: { id: TENANT } },
  };
}

describe('conversation capture', () => {
  it('takes the conversation id from personal conversations only', () => {
    expect(observedRef(activity('personal', 'https://smba/emea/'))).toEqual({ tenantId: TENANT, aadObjectId: USER, serviceUrl: 'https://smba/emea/', conversationId: 'a:1' });
    expect(observedRef(activity('groupChat', 'https://smba/emea/'))).toEqual({ tenantId: TENANT, aadObjectId: USER, serviceUrl: 'https://smba/emea/', conversationId: undefined });
  });

  it('ignores activities that identify no Teams user', () => {
    expect(observedRef({ serviceUrl: 'https://smba/', from: { id: 'x', name: '' }, channelData: { tenant: { id: TENANT } } })).toBeUndefined();
    expect(observedRef({ ...activity('personal', 'https://smba/'), channelData: {} })).toBeUndefined();
  });

  it('writes only when the serviceUrl or the 1:1 id changed, and never forgets the 1:1 id', async () => {
    const refs = new MemoryRefs();
    await captureConversation(activity('personal', 'https://smba/emea/'), refs);
    await captureConversation(activity('personal', 'https://smba/emea/'), refs);
    expect(refs.writes).toBe(1);
    await captureConversation(activity('channel', 'https://smba/amer/'), refs);
    expect(refs.writes).toBe(2);
    expect(await refs.get(TENANT, USER)).toEqual({ tenantId: TENANT, aadObjectId: USER, serviceUrl: 'https://smba/amer/', conversationId: 'a:1' });
  });
});
