import { randomUUID } from 'node:crypto';
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

/**
 * The Playground's configuration file (.m365agentsplayground.yml, read from the folder it starts in) with `me` as
 * its current user and everyone else of its built-in configuration as the others, under the same ids: the page
 * cannot switch its user, so another person's chat is another Playground started this way, against the same bot.
 */
export function playgroundConfigFor(me: PlaygroundUser): string {
  const person = (user: PlaygroundUser) => {
    const [givenName = '', surname = ''] = user.name.split(' ');
    return { id: user.pickerId, name: user.name, userPrincipleName: user.email, aadObjectId: user.aadObjectId, givenName, surname, email: user.email };
  };
  const config = {
    version: '0.1.1',
    tenantId: PLAYGROUND_TENANT_ID,
    bot: { id: '00000000-0000-0000-0000-00000000000011', name: 'Test Bot' },
    currentUser: person(me),
    users: PLAYGROUND_USERS.filter((user) => user !== me).map(person),
    personalChat: { id: randomUUID() },
    groupChat: { id: randomUUID(), name: 'Group Chat' },
    team: { id: 'team-id', name: 'My Team', aadGroupId: '00000000-0000-0000-0000-000000000031', channels: [{ id: 'channel-announcements-id', name: 'Announcements' }] },
  };
  // YAML reads JSON as it is.
  return JSON.stringify(config, null, 2);
}
