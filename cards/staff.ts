import listTemplate from './staff.json' with { type: 'json' };
import formTemplate from './staffForm.json' with { type: 'json' };
import type { FieldErrors, PickerChoice } from './formFields.js';
import { render, type AdaptiveCardJson } from './render.js';

/** One person in the staff directory, by name and the roles they may hold (in words). */
export interface StaffLine {
  readonly aadObjectId: string;
  readonly name: string;
  readonly roles: string;
}

export interface StaffListData {
  /** "6 people are listed." */
  readonly summary: string;
  /** Empty, or what the last change did ("Megan Bowen is listed as a team manager."). */
  readonly notice: string;
  readonly people: readonly StaffLine[];
  /** Makes a re-sent "Remove" from this card the same request. */
  readonly requestId: string;
}

export interface StaffFormValues {
  /** What the people picker returned (the bot maps it to the object id kept). */
  readonly aadObjectId: string;
  readonly displayName: string;
  /** The roles ticked, as the multi-select sends them: comma-separated role ids. */
  readonly roles: string;
}

export interface StaffFormData {
  readonly title: string;
  readonly error: string;
  readonly errors: FieldErrors<StaffFormValues>;
  readonly pickers: { readonly aadObjectId: readonly PickerChoice[] };
  readonly roleChoices: readonly PickerChoice[];
  readonly values: StaffFormValues;
  readonly requestId: string;
}

export const EMPTY_STAFF_FORM: StaffFormValues = { aadObjectId: '', displayName: '', roles: '' };

/** The staff directory for an administrator, with a button per person to change or remove them. */
export const staffCard = (data: StaffListData): AdaptiveCardJson => render(listTemplate, data);
/** Add a person to the directory, or change their name or roles. */
export const staffFormCard = (data: StaffFormData): AdaptiveCardJson => render(formTemplate, data);
