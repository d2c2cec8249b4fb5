import type { TableClient } from '@azure/data-tables';
import { guarded, isAlreadyExists, isNotFound } from '../store/errors.js';
import type { LocalDate } from '../time/localDate.js';

/** The partition of the days done, beside the people's choices (tenant ids never start with `~`). */
const DONE_PARTITION = '~digests-done';

/**
 * The days whose digests are all queued, kept in the DigestPreferences table. The sweep runs every few minutes
 * all day; once a day's digests are in the outbox, later sweeps that day skip building them again (the outbox
 * would send nothing twice anyway, but building them reads every case a chair or manager has). A crash before
 * the day is marked only means the next sweep builds them again, and the outbox keeps each part once.
 */
export class DigestDays {
  constructor(private readonly table: TableClient) {}

  async done(day: LocalDate): Promise<boolean> {
    try {
      await guarded(() => this.table.getEntity(DONE_PARTITION, day));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async markDone(day: LocalDate, at: Date): Promise<void> {
    try {
      await guarded(() => this.table.createEntity({ partitionKey: DONE_PARTITION, rowKey: day, at: at.toISOString() }));
    } catch (error) {
      // Another instance marked it first: the same fact.
      if (!isAlreadyExists(error)) throw error;
    }
  }
}
