import type { ConversationRefs } from '../../src/store/conversationRefs.js';
import type { ConversationRefStore, StoredRef } from './conversationRefs.js';

/** The Azure Tables conversation references behind the bot's ConversationRefStore. */
export function tableRefStore(refs: ConversationRefs): ConversationRefStore {
  return {
    async upsert(ref: StoredRef): Promise<void> {
      await refs.upsert(ref);
    },
    async get(tenantId: string, aadObjectId: string): Promise<StoredRef | undefined> {
      const found = await refs.get(tenantId, aadObjectId);
      if (found === null) return undefined;
      const { serviceUrl, conversationId } = found;
      return { tenantId: found.tenantId, aadObjectId: found.aadObjectId, serviceUrl, ...(conversationId !== undefined && { conversationId }) };
    },
  };
}
