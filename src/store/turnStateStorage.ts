import type { TableClient } from '@azure/data-tables';
import type { Storage, StoreItems } from 'botbuilder';
import { guarded, isNotFound, isPreconditionFailed, ValueTooLarge } from './errors.js';
import { assertValidKey, hashKey } from './keys.js';
import { MAX_PROPERTY_UNITS, splitIntoChunks } from './text.js';

/**
 * botbuilder `Storage` on Azure Tables, for teams-ai turn state (no maintained package does this).
 *
 * - Keys: botbuilder keys contain `/` and can be long, so each item lives at PartitionKey = SHA-256 of its key
 *   (one partition per item: no hot partition), RowKey 'state'; the original key is kept beside it and checked.
 * - eTags: an item read from here carries the table ETag as `eTag`. Writing it back with that eTag is a
 *   conditional replace (412 → an eTag conflict error, as botbuilder expects); no eTag or '*' overwrites.
 * - Size: the JSON is split across properties v0..vN of up to 32,000 UTF-16 units (a property holds 64 KiB) and
 *   joined on read; an item beyond what one 1 MiB entity holds is refused with a clear error.
 */
const ROW_KEY = 'state';
export const MAX_CHUNKS = 15;
export const MAX_ITEM_UNITS = MAX_CHUNKS * MAX_PROPERTY_UNITS;

interface StateEntity {
  key: string;
  chunks: number;
  [chunk: `v${number}`]: string;
}

export class TurnStateConflict extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'TurnStateConflict';
  }
}

function partitionOf(key: string): string {
  return assertValidKey(hashKey(key));
}

export class TableTurnStateStorage implements Storage {
  constructor(private readonly table: TableClient) {}

  async read(keys: string[]): Promise<StoreItems> {
    const found = await Promise.all(keys.map(async (key) => [key, await this.readOne(key)] as const));
    const items: StoreItems = {};
    for (const [key, item] of found) if (item !== undefined) items[key] = item;
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(Object.entries(changes).map(([key, item]) => this.writeOne(key, item)));
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.deleteOne(key)));
  }

  private async readOne(key: string): Promise<Record<string, unknown> | undefined> {
    try {
      const entity = await guarded(() => this.table.getEntity<StateEntity>(partitionOf(key), ROW_KEY));
      if (entity.key !== key) return undefined; // a SHA-256 collision: treat as absent rather than mix items
      let json = '';
      for (let index = 0; index < entity.chunks; index += 1) json += entity[`v${index}`];
      return { ...(JSON.parse(json) as Record<string, unknown>), eTag: entity.etag };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private async writeOne(key: string, item: unknown): Promise<void> {
    const { eTag, ...value } = (item ?? {}) as { eTag?: unknown };
    const json = JSON.stringify(value);
    if (json.length > MAX_ITEM_UNITS) {
      throw new ValueTooLarge(`Turn state "${key}" is ${json.length} characters of JSON; at most ${MAX_ITEM_UNITS} can be stored`);
    }
    const chunks = splitIntoChunks(json);
    const entity: StateEntity & { partitionKey: string; rowKey: string } = {
      partitionKey: partitionOf(key),
      rowKey: ROW_KEY,
      key,
      chunks: chunks.length,
    };
    chunks.forEach((chunk, index) => {
      entity[`v${index}`] = chunk;
    });
    // Replace, not Merge: a shorter value must not keep stale chunks from a longer one.
    if (typeof eTag !== 'string' || eTag === '*') {
      await guarded(() => this.table.upsertEntity(entity, 'Replace'));
      return;
    }
    try {
      await guarded(() => this.table.updateEntity(entity, 'Replace', { etag: eTag }));
    } catch (error) {
      // 404: the item was deleted since it was read; for the writer that is the same conflict.
      if (isPreconditionFailed(error) || isNotFound(error)) throw new TurnStateConflict(key);
      throw error;
    }
  }

  private async deleteOne(key: string): Promise<void> {
    try {
      await guarded(() => this.table.deleteEntity(partitionOf(key), ROW_KEY));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
