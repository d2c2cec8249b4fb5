import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { withEtagRetry } from '../store/etag.js';
import { guarded, isNotFound } from '../store/errors.js';

/**
 * One "throttled until" row for the whole bot, in the outbox table. Teams' limits are per bot (per conversation,
 * and about 50 requests per second per app per tenant), not per instance: after a 429 every instance must hold
 * back, not just the one that was told. Each instance reads the row before a send and raises it after a 429;
 * it is only ever raised (a conditional write that loses to a later "until" keeps the later one).
 */
const ADDRESS = { partitionKey: '~throttle', rowKey: 'connector' } as const;

/** An `until` that does not parse holds nothing back, and the next 429 replaces it. */
const throttleRow = z.object({ until: z.string().datetime().catch(new Date(0).toISOString()), etag: z.string() });

export class ThrottleGate {
  constructor(private readonly table: TableClient) {}

  /** Until when sends must wait, if they must. */
  async until(): Promise<Date | undefined> {
    return (await this.read())?.until;
  }

  /** Holds every instance back until `until`, or later if another 429 already asked for more. */
  async hold(until: Date): Promise<void> {
    await withEtagRetry(async () => {
      const current = await this.read();
      if (current !== undefined && current.until >= until) return;
      const entity = { ...ADDRESS, until: until.toISOString() };
      await guarded(() => (current === undefined ? this.table.createEntity(entity) : this.table.updateEntity(entity, 'Replace', { etag: current.etag })));
    });
  }

  private async read(): Promise<{ readonly until: Date; readonly etag: string } | undefined> {
    try {
      const row = throttleRow.parse(await guarded(() => this.table.getEntity(ADDRESS.partitionKey, ADDRESS.rowKey)));
      return { until: new Date(row.until), etag: row.etag };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }
}
