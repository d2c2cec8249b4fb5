import { parseInput } from '../../src/cases/validation.js';
import { membersCardFor } from '../commands/members.js';
import { caseRequest } from './forms.js';
import type { ActionHandler } from './types.js';

/** verb members.show: the core group of one case, as "members CP-1042" shows it (the confirmation's "Keep them", a case's "Members" button). */
export const showMembersAction: ActionHandler = async ({ asker, data }, deps) => membersCardFor(deps, asker, parseInput(caseRequest, data).caseRef);
