import template from './newCase.json' with { type: 'json' };
import type { FieldErrors, PickerChoice } from './formFields.js';
import { render, type AdaptiveCardJson } from './render.js';

/** What the form holds; on a rejected submit the same values come back, so nothing typed is lost. */
export interface NewCaseValues {
  readonly caseRef: string;
  readonly alias: string;
  readonly policyId: string;
  readonly initialConferenceDate: string;
  /** What the people picker returned, exactly (the bot maps it to the id the case keeps). */
  readonly teamManager: string;
  readonly chair: string;
}

export interface NewCaseFormData {
  /** Empty, or why the last submit was refused, in general. */
  readonly error: string;
  readonly errors: FieldErrors<NewCaseValues>;
  /** The person each picker already holds, where the bot knows who it is. */
  readonly pickers: { readonly teamManager: readonly PickerChoice[]; readonly chair: readonly PickerChoice[] };
  readonly policies: ReadonlyArray<{ readonly id: string; readonly title: string }>;
  readonly values: NewCaseValues;
  /** Makes a re-sent submit of this form recognisable (idempotency), whatever activity id Teams gives it. */
  readonly requestId: string;
}

export const EMPTY_NEW_CASE: NewCaseValues = { caseRef: '', alias: '', policyId: '', initialConferenceDate: '', teamManager: '', chair: '' };

export const newCaseFormCard = (data: NewCaseFormData): AdaptiveCardJson => render(template, data);
