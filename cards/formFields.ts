/** One choice of a ChoiceSet: what a person reads, and what the submit carries. */
export interface Choice {
  readonly title: string;
  readonly value: string;
}

/** One choice a people picker is drawn with, so a person already picked shows (and can be cleared). */
export type PickerChoice = Choice;

/** Why each field was refused ('' where it was not): every problem at once, each shown beside its field. */
export type FieldErrors<Values> = { readonly [Field in keyof Values]: string };

export const noErrors = <Values extends object>(values: Values): FieldErrors<Values> =>
  Object.fromEntries(Object.keys(values).map((field) => [field, ''])) as FieldErrors<Values>;
