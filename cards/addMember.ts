import template from './addMember.json' with { type: 'json' };
import type { Choice, FieldErrors, PickerChoice } from './formFields.js';
import { render, type AdaptiveCardJson } from './render.js';

export interface AddMemberValues {
  readonly role: string;
  /** From the people picker, for a colleague in the tenant; empty for someone outside Teams. */
  readonly aadObjectId: string;
  /** A professional's name and agency; a family member has neither. */
  readonly displayName: string;
  readonly agency: string;
  readonly email: string;
  /** A family member's neutral label ("Parent A"). */
  readonly label: string;
  readonly contactRoute: string;
}

/** The most each box takes (a hint to the client: the server's limits are the same numbers, and decide). */
export type AddMemberLimits = { readonly [field in 'name' | 'agency' | 'email' | 'label' | 'contactRoute']: number };

export interface AddMemberFormData {
  readonly caseRef: string;
  readonly caseLabel: string;
  readonly error: string;
  readonly errors: FieldErrors<AddMemberValues>;
  /** Set when a refused form was redrawn without details typed that the chat history must not keep. */
  readonly personalCleared: boolean;
  readonly pickers: { readonly aadObjectId: readonly PickerChoice[] };
  readonly roles: readonly Choice[];
  readonly limits: AddMemberLimits;
  readonly values: AddMemberValues;
  readonly requestId: string;
}

export const EMPTY_MEMBER: AddMemberValues = { role: '', aadObjectId: '', displayName: '', agency: '', email: '', label: '', contactRoute: '' };

export const addMemberFormCard = (data: AddMemberFormData): AdaptiveCardJson => render(template, data);
