/** One choice a people picker is drawn with, so a person already picked shows (and can be cleared). */
export interface PickerChoice {
  readonly title: string;
  readonly value: string;
}

/** Why each field was refused ('' where it was not): every problem at once, each shown beside its field. */
export type FieldErrors<Values> = { readonly [Field in keyof Values]: string };

export const noErrors = <Values extends object>(values: Values): FieldErrors<Values> =>
  Object.fromEntries(Object.keys(values).map((field) => [field, ''])) as FieldErrors<Values>;
