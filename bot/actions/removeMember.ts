import { membersCard } from '../../cards/index.js';
import { parseInput } from '../../src/cases/validation.js';
import { membersData } from '../views/members.js';
import { removeMemberSubmit } from './forms.js';
import type { ActionHandler } from './types.js';

/** verb member.remove: kept on the case as removed, so their past answers and attendance stay on record. */
export const removeMemberAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef, memberId, version } = parseInput(removeMemberSubmit, data);
  const { view } = await deps.cases.commands.removeMember(asker, caseRef, { memberId }, { idempotencyKey: `member.remove:${memberId}:v${version}` });
  return membersCard(membersData(view));
};
