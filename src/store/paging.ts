import type { TableClient, TableEntityResult } from '@azure/data-tables';
import { guarded } from './errors.js';

/** Azure returns at most 1,000 entities per page, whatever is asked. */
export const MAX_PAGE_SIZE = 1000;

export type StoredEntity = TableEntityResult<Record<string, unknown>>;

export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque; present while more pages remain. Hand it back unchanged to read the next page. */
  readonly continuationToken?: string;
}

export interface PageRequest {
  readonly pageSize?: number;
  readonly continuationToken?: string;
}

/** One page of a filtered query, for callers who page through long lists (audit trails). */
export async function readPage(client: TableClient, filter: string, request: PageRequest = {}): Promise<Page<StoredEntity>> {
  const pageSize = Math.min(Math.max(1, Math.floor(request.pageSize ?? MAX_PAGE_SIZE)), MAX_PAGE_SIZE);
  const pages = client
    .listEntities<Record<string, unknown>>({ queryOptions: { filter } })
    .byPage({ maxPageSize: pageSize, ...(request.continuationToken ? { continuationToken: request.continuationToken } : {}) });
  const first = await guarded(() => pages.next());
  if (first.done) return { items: [] };
  const token = first.value.continuationToken;
  return { items: [...first.value], ...(token ? { continuationToken: token } : {}) };
}

/** Every entity a query matches, following continuation tokens past the 1,000-per-page limit. */
export async function readAll(client: TableClient, filter: string): Promise<StoredEntity[]> {
  const all: StoredEntity[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await readPage(client, filter, continuationToken ? { continuationToken } : {});
    all.push(...page.items);
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return all;
}
