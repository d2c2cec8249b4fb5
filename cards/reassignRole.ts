import template from './reassignRole.json' with { type: 'json' };
import type { Choice, FieldErrors, PickerChoice } from './formFields.js';
import { render, type AdaptiveCardJson } from './render.js';

/** What the form holds; a refused submit brings the same values back. */
export interface ReassignRoleValues {
  readonly role: string;
  /** What the people picker returned, exactly (the bot maps it to the id the case keeps). */
  readonly to: string;
}

export interface ReassignRoleFormData {
  readonly caseRef: string;
  /** "CP-1042 · Blue" */
  readonly caseLabel: string;
  /** Who holds each role now, by the staff directory's names ("Social worker: Sam Worker"). */
  readonly holders: readonly Choice[];
  readonly roles: readonly Choice[];
  /** The person the picker already holds, where the bot knows who it is. */
  readonly picker: readonly PickerChoice[];
  readonly error: string;
  readonly errors: FieldErrors<ReassignRoleValues>;
  readonly values: ReassignRoleValues;
  /** Makes a re-sent submit of this form recognisable (idempotency), whatever activity id Teams gives it. */
  readonly requestId: string;
}

export const EMPTY_REASSIGNMENT: ReassignRoleValues = { role: '', to: '' };

export const reassignRoleFormCard = (data: ReassignRoleFormData): AdaptiveCardJson => render(template, data);
