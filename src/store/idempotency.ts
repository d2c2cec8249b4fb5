import { createHash } from 'node:crypto';
import type { TableClient, TableEntity } from '@azure/data-tables';
import { guarded, isNotFound } from './errors.js';
import { assertValidKey, hashKey } from './keys.js';

/**
 * Exactly-once operations. The caller names an operation with a business key (a card submit id, a retry
 * token). A row `~op|<hash of key>` is created in the SAME transaction as the change it records, so either both
 * exist or neither does. A second arrival finds the row and returns the first result without changing anything.
 */
const OP_ROW_PREFIX = '~op|';

export interface OperationRecord {
  readonly operation: string;
  /** Hash of who asked for what: the same key with a different request is refused, not silently replayed. */
  readonly fingerprint: string;
  /** Small JSON the operation returned the first time (ids it created), never the whole view. */
  readonly resultJson: string;
  readonly actor: string;
  readonly at: string;
}

function opRowKey(businessKey: string): string {
  return assertValidKey(`${OP_ROW_PREFIX}${hashKey(businessKey)}`);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** Key-order-independent hash of a request. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('base64url');
}

export function operationEntity(partitionKey: string, businessKey: string, record: OperationRecord): TableEntity {
  return { partitionKey, rowKey: opRowKey(businessKey), ...record };
}

export async function readOperation(client: TableClient, partitionKey: string, businessKey: string): Promise<OperationRecord | null> {
  try {
    const entity = await guarded(() => client.getEntity<OperationRecord>(partitionKey, opRowKey(businessKey)));
    return {
      operation: entity.operation,
      fingerprint: entity.fingerprint,
      resultJson: entity.resultJson,
      actor: entity.actor,
      at: entity.at,
    };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}
