import template from './addMember.json' with { type: 'json' };
import type { FieldErrors, PickerChoice } from './formFields.js';
import { render, type AdaptiveCardJson } from './render.js';

export interface AddMemberValues {
  /** From the people picker, for a colleague in the tenant; empty for someone outside Teams. */
  readonly aadObjectId: string;
  readonly displayName: string;
  readonly email: string;
  readonly role: string;
  readonly agency: string;
  readonly contactRoute: string;
  readonly secureSharing: string;
}

export interface AddMemberFormData {
  readonly caseRef: string;
  readonly caseLabel: string;
  readonly error: string;
  readonly errors: FieldErrors<AddMemberValues>;
  /** Set when a refused form was redrawn without the personal details typed, which the chat history would keep. */
  readonly personalCleared: boolean;
  readonly pickers: { readonly aadObjectId: readonly PickerChoice[] };
  readonly values: AddMemberValues;
  readonly requestId: string;
}

export const EMPTY_MEMBER: AddMemberValues = { aadObjectId: '', displayName: '', email: '', role: '', agency: '', contactRoute: '', secureSharing: '' };

export const addMemberFormCard = (data: AddMemberFormData): AdaptiveCardJson => render(template, data);
