import type { Asker, CommandHandler, Reply } from './types.js';

export interface NewCaseDeps {
  /** The case set-up form (a card), prefilled with the case ref when one was typed. */
  readonly newCaseForm: (asker: Asker, caseRef: string | undefined) => Promise<Reply>;
}

export const handleNewCase: CommandHandler<NewCaseDeps> = ({ asker, intent }, deps) => deps.newCaseForm(asker, intent.caseRef);
