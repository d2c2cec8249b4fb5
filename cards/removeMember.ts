import template from './removeMember.json' with { type: 'json' };
import type { Choice, FieldErrors } from './formFields.js';
import { render, type AdaptiveCardJson } from './render.js';

export interface RemoveMemberValues {
  readonly reason: string;
}

/** The confirmation a members card's Remove button opens: who, from which case, and why (required). */
export interface RemoveMemberFormData {
  readonly caseRef: string;
  readonly memberId: string;
  /** "Remove Parent B (parent or carer) from the core group for CP-1042?" */
  readonly question: string;
  readonly error: string;
  readonly errors: FieldErrors<RemoveMemberValues>;
  readonly reasons: readonly Choice[];
  readonly values: RemoveMemberValues;
  /** Makes a re-sent Remove recognisable (idempotency). */
  readonly requestId: string;
}

export const EMPTY_REMOVAL: RemoveMemberValues = { reason: '' };

export const removeMemberFormCard = (data: RemoveMemberFormData): AdaptiveCardJson => render(template, data);
