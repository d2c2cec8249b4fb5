import { newCaseForm } from '../commands/newCase.js';
import type { ActionHandler } from './types.js';

/** verb case.newForm: the "New case" button on the help card. */
export const newCaseFormAction: ActionHandler = async (_request, deps) => newCaseForm(deps);
