/**
 * What the bot needs to reach a person proactively, per (tenantId, aadObjectId). The store engineer's
 * src/store/conversationRefs.ts implements this; bot/ depends only on the interface.
 */
export interface StoredRef {
  readonly tenantId: string;
  readonly aadObjectId: string;
  /** The 1:1 ("personal") conversation with the bot; absent until the person has one we know of. */
  readonly conversationId?: string;
  /** The Teams connector endpoint for this person's region. It changes: refreshed from every inbound activity. */
  readonly serviceUrl: string;
}

export interface ConversationRefStore {
  upsert(ref: StoredRef): Promise<void>;
  get(tenantId: string, aadObjectId: string): Promise<StoredRef | undefined>;
}
