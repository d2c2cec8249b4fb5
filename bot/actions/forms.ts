import { z } from 'zod';
import { MEMBER_ROLES } from '../../src/cases/model.js';

/**
 * What card submits carry. Adaptive Card inputs are client hints only (isRequired, maxLength, regex), so every
 * submit is parsed here; the case service then applies the domain rules. Missing inputs arrive as absent or
 * empty strings: both become ''.
 */
const field = z
  .unknown()
  .transform((value) => (typeof value === 'string' ? value.trim() : ''))
  .pipe(z.string().max(10_000, 'That is longer than any field allows'));

const EXPIRED = 'This form has expired: open a new one';
const requestId = z.string({ required_error: EXPIRED, invalid_type_error: EXPIRED }).uuid(EXPIRED);
const caseRef = z.string().trim().min(1, 'The card did not say which case').max(32);

export const newCaseSubmit = z.object({
  requestId,
  caseRef: field,
  alias: field,
  policyId: field,
  initialConferenceDate: field,
  teamManager: field,
  chair: field,
});

export const addMemberFormRequest = z.object({ caseRef });

export const addMemberSubmit = z.object({
  requestId,
  caseRef,
  aadObjectId: field,
  displayName: field,
  email: field,
  role: z.enum(MEMBER_ROLES, { errorMap: () => ({ message: 'Choose the member’s role in the core group' }) }),
  agency: field,
  contactRoute: field,
  secureSharing: field,
});

export const removeMemberSubmit = z.object({
  caseRef,
  memberId: z.string().trim().min(1),
  /** The case version the card showed: with the member id, it makes a re-sent "Remove" the same request. */
  version: z.coerce.number().int().nonnegative(),
});

/** The first problem, in words for the card. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? issue.message : 'The form could not be read';
}
