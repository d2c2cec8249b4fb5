import { membersCard } from '../../cards/index.js';
import { parseInput } from '../../src/cases/validation.js';
import { membersData } from '../views/members.js';
import { caseRequest } from './forms.js';
import type { ActionHandler } from './types.js';

/** verb members.show: the core group of one case, as "members CP-1042" shows it (the confirmation's "Keep them"). */
export const showMembersAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef } = parseInput(caseRequest, data);
  return membersCard(membersData(await deps.cases.queries.getCase(asker, caseRef)));
};
