import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { asCaseErrors } from '../cases/caseAccess.js';
import type { Actor } from '../cases/model.js';
import { actor as actorSchema, parseInput } from '../cases/validation.js';
import { auditEntity } from '../store/audit.js';
import { withEtagRetry, type RetryOptions } from '../store/etag.js';
import { guarded, isNotFound } from '../store/errors.js';
import type { Clock } from '../time/clock.js';

/** How often a chair or team manager hears what is overdue: every working day, or on the week's first. */
export const DIGEST_CHOICES = ['daily', 'weekly'] as const;
export type DigestChoice = (typeof DIGEST_CHOICES)[number];
const DEFAULT_DIGEST_CHOICE: DigestChoice = 'daily';

/** A stored preference, read back. */
const storedPreference = z.object({
  choice: z.enum(DIGEST_CHOICES),
  updatedAt: z.string().datetime(),
  etag: z.string(),
});

export interface PreferenceChange {
  readonly choice: DigestChoice;
  /** False when it already was the choice (the default included): nothing was written, nor audited. */
  readonly changed: boolean;
}

/** Store failures as a person can act on them (caseAccess.ts), a lost race in the preference's words. */
const translated = <T>(work: () => Promise<T>): Promise<T> => asCaseErrors(work, 'Your digest choice changed at the same moment elsewhere. Nothing was saved; please try again.');

/**
 * The DigestPreferences table: PartitionKey = tenant id, RowKey = the person's object id (both lower case, as the
 * actor schema gives them), one point read per person. The partition also holds the audit trail of changes
 * (`~audit|…`), written in the same transaction as the change. No row: the default, daily.
 */
export class DigestPreferences {
  constructor(
    private readonly table: TableClient,
    private readonly clock: Clock,
    private readonly retry?: RetryOptions,
  ) {}

  async choiceOf(personInput: Actor): Promise<DigestChoice> {
    const person = parseInput(actorSchema, personInput);
    return translated(async () => (await this.read(person))?.choice ?? DEFAULT_DIGEST_CHOICE);
  }

  /** Sets the person's own choice; audited. The same choice again (a re-sent message) writes nothing. */
  async set(personInput: Actor, choice: DigestChoice): Promise<PreferenceChange> {
    const person = parseInput(actorSchema, personInput);
    return translated(() =>
      withEtagRetry(async () => {
        const stored = await this.read(person);
        const before = stored?.choice ?? DEFAULT_DIGEST_CHOICE;
        if (before === choice) return { choice, changed: false };
        const at = this.clock.now().toISOString();
        const row = { partitionKey: person.tenantId, rowKey: person.aadObjectId, choice, updatedAt: at };
        const audit = auditEntity(person.tenantId, {
          at,
          actor: person.aadObjectId,
          operation: 'digest-preference',
          subject: `digest ${person.aadObjectId}`,
          before: stored === undefined ? `${before} (default)` : before,
          after: choice,
        });
        await guarded(() => this.table.submitTransaction([stored === undefined ? ['create', row] : ['update', row, 'Replace', { etag: stored.etag }], ['create', audit]]));
        return { choice, changed: true };
      }, this.retry),
    );
  }

  private async read(person: Actor): Promise<z.output<typeof storedPreference> | undefined> {
    try {
      return storedPreference.parse(await guarded(() => this.table.getEntity(person.tenantId, person.aadObjectId)));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }
}
