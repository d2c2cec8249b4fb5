import type { PickerChoice } from '../../cards/index.js';
import type { PlaygroundUser } from '../../src/demo/playground.js';

/**
 * What a people picker's value means. Teams' picker returns the person's Entra object id, which the case keeps;
 * the Agents Playground's returns its own ids (`user-id-1` …), so in local development its users are mapped to
 * their object ids, and a redrawn form names them.
 */
export interface PickedPeople {
  /** The id the case keeps for what the picker returned. */
  idOf(picked: string): string;
  /** The picker's choice for a value already picked, where the bot knows who it is. */
  choiceOf(picked: string): PickerChoice | undefined;
}

/** Production: the picker's value is the object id, and Teams itself shows who it is. */
export const teamsPeople: PickedPeople = { idOf: (picked) => picked, choiceOf: () => undefined };

export function playgroundPeople(users: readonly PlaygroundUser[]): PickedPeople {
  const byPickerId = new Map(users.map((user) => [user.pickerId, user]));
  return {
    idOf: (picked) => byPickerId.get(picked)?.aadObjectId ?? picked,
    choiceOf: (picked) => {
      const user = byPickerId.get(picked);
      return user && { title: user.name, value: user.pickerId };
    },
  };
}

/** The choices a picker is drawn with: the one already picked, when known, so it shows and can be cleared. */
export const choicesFor = (people: PickedPeople, picked: string): PickerChoice[] => {
  const choice = picked === '' ? undefined : people.choiceOf(picked);
  return choice ? [choice] : [];
};
