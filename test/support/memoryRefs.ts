import type { ConversationRefStore, StoredRef } from '../../bot/notify/conversationRefs.js';

/** A ConversationRefStore in a Map, counting writes, for tests that look at what was captured. */
export class MemoryRefs implements ConversationRefStore {
  readonly byPerson = new Map<string, StoredRef>();
  writes = 0;

  async upsert(ref: StoredRef): Promise<void> {
    this.writes += 1;
    this.byPerson.set(`${ref.tenantId}|${ref.aadObjectId}`, ref);
  }

  async get(tenantId: string, aadObjectId: string): Promise<StoredRef | undefined> {
    return this.byPerson.get(`${tenantId}|${aadObjectId}`);
  }
}
