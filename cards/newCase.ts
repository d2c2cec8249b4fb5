import template from './newCase.json' with { type: 'json' };
import { render, type AdaptiveCardJson } from './render.js';

/** What the form holds; on a rejected submit the same values come back, so nothing typed is lost. */
export interface NewCaseValues {
  readonly caseRef: string;
  readonly alias: string;
  readonly policyId: string;
  readonly initialConferenceDate: string;
  /** Entra object ids from the people picker. */
  readonly teamManager: string;
  readonly chair: string;
}

export interface NewCaseFormData {
  /** Empty, or why the last submit was refused. */
  readonly error: string;
  readonly policies: ReadonlyArray<{ readonly id: string; readonly title: string }>;
  readonly values: NewCaseValues;
  /** Makes a re-sent submit of this form recognisable (idempotency), whatever activity id Teams gives it. */
  readonly requestId: string;
}

export const EMPTY_NEW_CASE: NewCaseValues = { caseRef: '', alias: '', policyId: '', initialConferenceDate: '', teamManager: '', chair: '' };

export const newCaseFormCard = (data: NewCaseFormData): AdaptiveCardJson => render(template, data);
