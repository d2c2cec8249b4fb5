import type { WorkingCalendar } from '../calendar/index.js';
import type { OutboxCard, OutboxRequest } from '../delivery/outboxItem.js';
import { addDays, dayOfWeek, type LocalDate } from '../time/localDate.js';
import { calendarOf, casesFor, digestFor, type Digest, type DigestCase, type DigestDeps, type DigestPerson, type DigestVariant } from './digest.js';
import type { DigestChoice } from './preferences.js';

/** The outbox card name the bot renders a digest part with (bot/notify/outboxPorts.ts). */
export const DIGEST_CARD = 'digest';

/**
 * A digest as the cards that carry it, in order, each one's data: the bot's (bot/views/digest.ts), which knows how
 * big a card is, so a digest too long for one card is split, never cut short.
 */
export type DigestPages = (digest: Digest) => ReadonlyArray<OutboxCard['data']>;

export interface DigestRequestDeps extends DigestDeps {
  readonly pages: DigestPages;
}

/**
 * The person's working days are those of the nations their cases are in: a day is one when any of those nations
 * works it (a Scottish case keeps Easter Monday a working day for a chair who also has English ones).
 */
const worksOn = (calendars: readonly WorkingCalendar[], date: LocalDate): boolean => calendars.some((calendar) => calendar.isWorkingDay(date));

/** The first of the week's (Monday's on) working days: a Monday bank holiday moves it to Tuesday. */
export function isFirstWorkingDayOfWeek(calendars: readonly WorkingCalendar[], date: LocalDate): boolean {
  if (!worksOn(calendars, date)) return false;
  const sinceMonday = (dayOfWeek(date) + 6) % 7;
  return Array.from({ length: sinceMonday }, (_, back) => addDays(date, -(back + 1))).every((earlier) => !worksOn(calendars, earlier));
}

/** Which digest, if any, the person gets today: daily on each working day, weekly on the week's first. */
export function digestVariantOn(calendars: readonly WorkingCalendar[], today: LocalDate, choice: DigestChoice): DigestVariant | undefined {
  if (choice === 'weekly') return isFirstWorkingDayOfWeek(calendars, today) ? 'weekly' : undefined;
  return worksOn(calendars, today) ? 'daily' : undefined;
}

/**
 * What the sweep queues for one chair or team manager today: the digest's parts, keyed by (person, kind
 * `digest-daily` or `digest-weekly`, today, part n), so a sweep run twice or on two instances queues each part
 * once. None on a day with nothing to say, on a day that is no working day of theirs, or on a weekly person's
 * other days. Escalations are not held back for a digest: the sweep sends them at once as notices.
 */
export function digestRequests(person: DigestPerson, cases: readonly DigestCase[], today: LocalDate, choice: DigestChoice, deps: DigestRequestDeps): OutboxRequest[] {
  const theirs = casesFor(person, cases);
  const variant = digestVariantOn(theirs.map((item) => calendarOf(item, deps)), today, choice);
  if (variant === undefined) return [];
  const digest = digestFor(person, theirs, today, variant, deps);
  if (digest === null) return [];
  return deps.pages(digest).map((data, index) => ({
    key: { scope: 'person', tenantId: person.tenantId, subject: `part-${index + 1}`, kind: `digest-${variant}`, recipientId: person.aadObjectId, date: today },
    card: { name: DIGEST_CARD, data },
    tellId: person.aadObjectId,
  }));
}
