import type { TableClient } from '@azure/data-tables';
import type { Clock } from '../time/clock.js';
import { guarded, isNotFound } from './errors.js';
import { entraIdKey } from './keys.js';
import { assertPropertyFits } from './text.js';

/**
 * Where to reach a user proactively: the last conversation we saw them in. PartitionKey = tenantId,
 * RowKey = aadObjectId (both Entra ids, stored lower case). Written on every inbound activity as a plain upsert: this is not a
 * read-modify-write, and the newest activity is the truth, so no ETag condition applies.
 */
export interface ConversationRef {
  readonly tenantId: string;
  readonly aadObjectId: string;
  /** The 1:1 conversation with the bot; absent for someone so far seen only in a group chat or channel. */
  readonly conversationId?: string;
  readonly serviceUrl: string;
  readonly botId?: string;
  /** ISO instant of the activity that produced it. */
  readonly updatedAt: string;
}

export type ConversationRefInput = Omit<ConversationRef, 'updatedAt'>;

interface RefEntity {
  conversationId?: string;
  serviceUrl: string;
  botId?: string;
  updatedAt: string;
}

export class ConversationRefs {
  constructor(
    private readonly table: TableClient,
    private readonly clock: Clock,
  ) {}

  async upsert(ref: ConversationRefInput): Promise<ConversationRef> {
    const stored: ConversationRef = {
      ...ref,
      tenantId: entraIdKey(ref.tenantId),
      aadObjectId: entraIdKey(ref.aadObjectId),
      updatedAt: this.clock.now().toISOString(),
    };
    for (const name of ['conversationId', 'serviceUrl', 'botId'] as const) {
      const value = stored[name];
      if (value !== undefined) assertPropertyFits(name, value);
    }
    const entity: RefEntity & { partitionKey: string; rowKey: string } = {
      partitionKey: stored.tenantId,
      rowKey: stored.aadObjectId,
      serviceUrl: ref.serviceUrl,
      updatedAt: stored.updatedAt,
      ...(ref.conversationId !== undefined ? { conversationId: ref.conversationId } : {}),
      ...(ref.botId !== undefined ? { botId: ref.botId } : {}),
    };
    await guarded(() => this.table.upsertEntity(entity, 'Replace'));
    return stored;
  }

  async get(tenantId: string, aadObjectId: string): Promise<ConversationRef | null> {
    try {
      const partitionKey = entraIdKey(tenantId);
      const rowKey = entraIdKey(aadObjectId);
      const entity = await guarded(() => this.table.getEntity<RefEntity>(partitionKey, rowKey));
      return {
        tenantId: partitionKey,
        aadObjectId: rowKey,
        serviceUrl: entity.serviceUrl,
        updatedAt: entity.updatedAt,
        ...(entity.conversationId !== undefined ? { conversationId: entity.conversationId } : {}),
        ...(entity.botId !== undefined ? { botId: entity.botId } : {}),
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
}
