import type { DigestChoice } from '../../src/digest/index.js';
import type { CommandHandler } from './types.js';

/** When each choice comes, in the words the replies use. */
const WHEN: Readonly<Record<DigestChoice, string>> = {
  daily: 'daily, each working day',
  weekly: 'weekly, on the first working day of each week, with a record of timeliness over the last 12 weeks',
};
const OTHER: Readonly<Record<DigestChoice, DigestChoice>> = { daily: 'weekly', weekly: 'daily' };

const WHAT = 'what is overdue and what falls due within 5 working days on the cases you chair or manage';
const ESCALATIONS = 'A missed core group is still told at once, whichever you choose.';

/**
 * "digest" shows the asker's choice; "digest weekly" / "digest daily" sets it (audited). Saying the choice already
 * made changes nothing, so a message Teams sends twice is answered the same way twice.
 */
export const handleDigest: CommandHandler = async ({ asker, intent }, deps) => {
  if (intent.digest === undefined) {
    const choice = await deps.digestPreferences.choiceOf(asker);
    return `Your digest of ${WHAT} comes ${WHEN[choice]}. Say "digest ${OTHER[choice]}" to have it ${OTHER[choice]} instead. ${ESCALATIONS}`;
  }
  const { choice, changed } = await deps.digestPreferences.set(asker, intent.digest);
  return changed ? `Done: your digest now comes ${WHEN[choice]}. ${ESCALATIONS}` : `Your digest already comes ${WHEN[choice]}: nothing was changed.`;
};
