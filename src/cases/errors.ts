/**
 * Everything a case operation can refuse with. Messages are written for a social worker reading them in Teams:
 * what went wrong and what to do, never a stack trace or a storage term. On any of these, nothing was written.
 */
export type CaseErrorCode = 'case-not-found' | 'member-not-found' | 'meeting-not-found' | 'not-allowed' | 'invalid-input' | 'conflict' | 'try-again';

export abstract class CaseError extends Error {
  abstract readonly code: CaseErrorCode;
}

export class CaseNotFound extends CaseError {
  readonly code = 'case-not-found';
  constructor(readonly caseRef: string) {
    super(`There is no case ${caseRef}. Check the case reference.`);
    this.name = 'CaseNotFound';
  }
}

export class MemberNotFound extends CaseError {
  readonly code = 'member-not-found';
  constructor(readonly caseRef: string, readonly memberId: string) {
    super(`${memberId} is not a current member of the core group for ${caseRef}.`);
    this.name = 'MemberNotFound';
  }
}

export class MeetingNotFound extends CaseError {
  readonly code = 'meeting-not-found';
  constructor(readonly caseRef: string, readonly meetingId: string) {
    super(`There is no meeting ${meetingId} on case ${caseRef}.`);
    this.name = 'MeetingNotFound';
  }
}

export class NotAllowed extends CaseError {
  readonly code = 'not-allowed';
  constructor(message: string) {
    super(message);
    this.name = 'NotAllowed';
  }
}

/**
 * The person has no role on the case. Told apart from other refusals so that a question about a case someone is
 * not on can be answered in the same words as one about a case that does not exist (no existence leak).
 */
export class NotOnCase extends NotAllowed {
  constructor(readonly caseRef: string, message: string) {
    super(message);
    this.name = 'NotOnCase';
  }
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export class InvalidInput extends CaseError {
  readonly code = 'invalid-input';
  /**
   * The field at fault, e.g. "update.whatIsWorking", so a card can point at it; `also`, other fields at fault found
   * by the same check, so a form shows every problem at once.
   */
  constructor(readonly field: string, message: string, readonly also: readonly FieldProblem[] = []) {
    super(message);
    this.name = 'InvalidInput';
  }
}

export class Conflict extends CaseError {
  readonly code = 'conflict';
  constructor(message: string) {
    super(message);
    this.name = 'Conflict';
  }
}

export class TryAgain extends CaseError {
  readonly code = 'try-again';
  constructor(options?: { cause?: unknown }) {
    super('The case records could not be reached just now. Nothing was saved; please try again in a minute.', options);
    this.name = 'TryAgain';
  }
}

/**
 * The reference is taken by a case whose social worker is someone else and which is not open to a competing
 * request (its team manager has confirmed it): said without any of that case's details. The team manager is named
 * (by id) for the bot to tell them who tried, never for the person refused.
 */
export class ReferenceInUse extends Conflict {
  constructor(readonly caseRef: string, readonly teamManager: string) {
    super(`${caseRef} is already in use by a confirmed case.`);
    this.name = 'ReferenceInUse';
  }
}
