import type { ConversationRefs } from '../../src/store/conversationRefs.js';
import type { ConversationRefStore, StoredRef } from './conversationRefs.js';

/**
 * The Azure Tables conversation references behind the bot's ConversationRefStore. The table row requires a
 * conversation id, but a person first seen in a group chat has only a serviceUrl so far: that is stored with
 * an empty conversation id, which reads back as "no 1:1 yet".
 */
export function tableRefStore(refs: ConversationRefs): ConversationRefStore {
  return {
    async upsert(ref: StoredRef): Promise<void> {
      await refs.upsert({ tenantId: ref.tenantId, aadObjectId: ref.aadObjectId, serviceUrl: ref.serviceUrl, conversationId: ref.conversationId ?? '' });
    },
    async get(tenantId: string, aadObjectId: string): Promise<StoredRef | undefined> {
      const found = await refs.get(tenantId, aadObjectId);
      if (found === null) return undefined;
      const { serviceUrl, conversationId } = found;
      return { tenantId: found.tenantId, aadObjectId: found.aadObjectId, serviceUrl, ...(conversationId !== '' && { conversationId }) };
    },
  };
}
