import template from './apologies.json' with { type: 'json' };
import type { MeetingAnswerHeading } from './answer.js';
import type { FieldErrors } from './formFields.js';
import { render, type AdaptiveCardJson } from './render.js';

/** What the apologies form submits: the written update's four parts, the joint-report headings, the verbal-update toggle. */
export interface AnswerValues {
  readonly progressOnActions: string;
  readonly whatIsWorking: string;
  readonly whatIsNotWorking: string;
  readonly changesToPlan: string;
  readonly chronology: string;
  readonly progressOfPlan: string;
  readonly updatesForPlan: string;
  readonly riskAndProtectiveFactors: string;
  readonly voiceOfChild: string;
  /** "true" or "false", as an Input.Toggle submits it. */
  readonly verbalUpdate: string;
}

export const EMPTY_ANSWER: AnswerValues = {
  progressOnActions: '',
  whatIsWorking: '',
  whatIsNotWorking: '',
  changesToPlan: '',
  chronology: '',
  progressOfPlan: '',
  updatesForPlan: '',
  riskAndProtectiveFactors: '',
  voiceOfChild: '',
  verbalUpdate: 'false',
};

/** One multi-line box: a part of the written update or a joint-report heading. */
export interface AnswerBox {
  readonly id: keyof AnswerValues;
  /** In the procedure's words, saying whether it is required. */
  readonly label: string;
  /** The source's own guidance under a heading; '' for none. */
  readonly hint: string;
  readonly value: string;
  readonly error: string;
  readonly maxLength: number;
}

/** The apologies form an invitation's "Send apologies" opens, or the social worker's form to record one received by secure email. */
export interface ApologiesFormData extends MeetingAnswerHeading {
  /** '' for one's own answer; else who it is recorded for, and that it is marked so. */
  readonly onBehalf: string;
  /** What the procedure asks, and why. */
  readonly intro: string;
  readonly error: string;
  /** Seed 003 (warwickshire): a verbal update given to the key worker may stand instead of the written one. */
  readonly verbal: { readonly allowed: boolean; readonly title: string; readonly value: string; readonly error: string };
  readonly parts: readonly AnswerBox[];
  /** Empty headings unless the procedure asks every member for the joint report before this meeting. */
  readonly contribution: { readonly intro: string; readonly headings: readonly AnswerBox[] };
  /** "I will attend", or "I will attend, send my contribution" where a contribution is asked. */
  readonly attendingTitle: string;
  /** Makes a re-sent submit recognisable (idempotency). */
  readonly requestId: string;
}

export type AnswerErrors = FieldErrors<AnswerValues>;

export const apologiesFormCard = (data: ApologiesFormData): AdaptiveCardJson => render(template, data);
