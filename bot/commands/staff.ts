import { NotAllowed } from '../../src/cases/errors.js';
import { staffList } from '../views/staff.js';
import { cardReply } from '../views/reply.js';
import type { CommandHandler } from './types.js';

/** "staff": the staff directory card for an administrator; anyone else is told plainly, in words, who keeps it. */
export const handleStaff: CommandHandler = async ({ asker }, deps) => {
  try {
    deps.staff.admin(asker);
  } catch (error) {
    if (error instanceof NotAllowed) return error.message;
    throw error;
  }
  return cardReply(await staffList(deps, asker));
};
