import type { z } from 'zod';
import { noErrors, type FieldErrors } from '../../cards/index.js';
import { CaseError, CaseNotFound, InvalidInput, NotAllowed } from '../../src/cases/errors.js';

/** Why a form was refused: each problem beside its field, and what belongs to no field at the top. */
export interface Refusal<Values> {
  readonly error: string;
  readonly errors: FieldErrors<Values>;
}

const MARKED_BELOW = 'Nothing was saved: put right what is marked below, then try again.';

/** A problem with the field it names ('' for the form as a whole). */
export interface Problem {
  readonly field: string;
  readonly message: string;
}

export const problemsOf = (issues: readonly z.ZodIssue[]): Problem[] => issues.map((issue) => ({ field: String(issue.path[0] ?? ''), message: issue.message }));

/** Every problem at once; the first one found for a field is the one shown beside it. */
export function refusalOf<Values extends object>(empty: Values, problems: readonly Problem[]): Refusal<Values> {
  const errors: Record<string, string> = { ...noErrors(empty) };
  const general: string[] = [];
  for (const { field, message } of problems) {
    if (Object.hasOwn(errors, field)) errors[field] ||= message;
    else if (!general.includes(message)) general.push(message);
  }
  const marked = Object.values(errors).some((message) => message !== '');
  return { error: [...general, ...(marked ? [MARKED_BELOW] : [])].join(' '), errors: errors as FieldErrors<Values> };
}

/**
 * A refusal the person can fix on the form (a bad field, a case reference taken, "try again") is shown on the
 * form, keeping what they typed. Not being allowed, or no such case, is no form's to fix: those propagate and
 * become a refusal card, as does anything that is a fault of ours.
 */
export function fixableOnForm(error: unknown): Problem[] | undefined {
  if (!(error instanceof CaseError) || error instanceof NotAllowed || error instanceof CaseNotFound) return undefined;
  return error instanceof InvalidInput ? [{ field: error.field, message: error.message }, ...error.also] : [{ field: '', message: error.message }];
}
