import { CaseError, CaseNotFound, NotAllowed } from '../../src/cases/errors.js';

/**
 * A refusal the person can fix on the form (a bad field, a case reference taken, "try again") is shown on the
 * form, keeping what they typed. Not being allowed, or no such case, is no form's to fix: those propagate and
 * become a refusal card, as does anything that is a fault of ours.
 */
export function fixableOnForm(error: unknown): string | undefined {
  if (!(error instanceof CaseError) || error instanceof NotAllowed || error instanceof CaseNotFound) return undefined;
  return error.message;
}
