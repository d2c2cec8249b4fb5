import type { Actor } from '../../src/cases/model.js';
import type { BotServices } from '../services.js';

/** What is shown for someone the staff directory does not list (delisted since, or never listed). */
export const NOT_LISTED = 'not in the staff directory';

/** People's names as the staff directory lists them: one point read each, for the few people a card names. */
export type StaffNames = (aadObjectId: string) => string;

export async function staffNames(deps: Pick<BotServices, 'staff'>, tenantId: string, ids: readonly string[]): Promise<StaffNames> {
  const listed = await deps.staff.findMany(tenantId, ids);
  return (id) => listed.get(id.toLowerCase())?.displayName ?? NOT_LISTED;
}

/** The same, with the asker as "you". */
export async function staffNamesFor(deps: Pick<BotServices, 'staff'>, asker: Actor, ids: readonly string[]): Promise<StaffNames> {
  const names = await staffNames(deps, asker.tenantId, ids.filter((id) => id !== asker.aadObjectId));
  return (id) => (id === asker.aadObjectId ? 'you' : names(id));
}
