import type { Actor } from '../cases/model.js';

/**
 * The people of the Microsoft 365 Agents Playground's built-in configuration (@microsoft/m365agentsplayground
 * 0.2.x, used when no .m365agentsplayground.yml is present): its tenant and its users' aadObjectIds, which it
 * sends as `channelData.tenant.id` and `from.aadObjectId`. The demo cases are seeded for these people so that
 * the Playground's default user, Alex Wilber, gets answers about cases of his own.
 */
export const PLAYGROUND_TENANT_ID = '00000000-0000-0000-0000-0000000000001';

export interface PlaygroundUser {
  readonly name: string;
  readonly aadObjectId: string;
  readonly email: string;
  /** What the Playground's people picker returns for this person (its own `users[].id`), not their aadObjectId. */
  readonly pickerId: string;
}

const user = (name: string, digits: string, email: string): PlaygroundUser => ({
  name,
  aadObjectId: `00000000-0000-0000-0000-00000000000${digits}`,
  email,
  pickerId: `user-id-${Number(digits) - 20}`,
});

/** The Playground's current user, unless its configuration says otherwise. */
export const ALEX_WILBER = user('Alex Wilber', '20', 'alexw@example.com');
export const MEGAN_BOWEN = user('Megan Bowen', '21', 'meganb@example.com');
export const ADELE_VANCE = user('Adele Vance', '22', 'adelev@example.com');
export const ISAIAH_LANGER = user('Isaiah Langer', '23', 'isaiahl@example.com');
export const PATTI_FERNANDEZ = user('Patti Fernandez', '24', 'pattif@example.com');
export const LYNNE_ROBBINS = user('Lynne Robbins', '25', 'lynner@example.com');

/** Everyone the Playground's people picker offers, in its order. */
export const PLAYGROUND_USERS: readonly PlaygroundUser[] = [ALEX_WILBER, MEGAN_BOWEN, ADELE_VANCE, ISAIAH_LANGER, PATTI_FERNANDEZ, LYNNE_ROBBINS];

export const actorOf = (person: PlaygroundUser): Actor => ({ tenantId: PLAYGROUND_TENANT_ID, aadObjectId: person.aadObjectId });
