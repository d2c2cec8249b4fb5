import type { z } from 'zod';
import type { ApologyRules } from '../policy/schema.js';
import { InvalidInput, type FieldProblem } from './errors.js';
import type { ContributionHeading, MeetingType, WrittenUpdatePart } from './model.js';
import type { answerInput } from './validation.js';

/** The parts of a written update, in seed 002's words ("Reports provided by non-attendees"), as the form and its refusals say them. */
export const UPDATE_PART_LABELS = {
  progressOnActions: 'Progress on my actions and the outcomes for the child',
  whatIsWorking: 'What is working well',
  whatIsNotWorking: 'What is not working or worries me',
  changesToPlan: 'Changes the plan needs',
} as const satisfies Record<WrittenUpdatePart, string>;

/** Seed 002's "Agency contribution" form: each heading, and the form's own guidance under it. */
export const CONTRIBUTION_LABELS = {
  chronology: { label: 'Chronology of agency involvement since the last conference', hint: 'Include information about significant events with dates and details of outcomes' },
  progressOfPlan: {
    label: 'Review of progress of the protection plan',
    hint: 'Use the headings from the plan for the actions you are responsible for. How far have the expected outcomes been achieved? What actions or services were most effective? Are there continuing or newly identified needs?',
  },
  updatesForPlan: { label: 'Updates required for the plan', hint: 'Key actions with timescales' },
  riskAndProtectiveFactors: {
    label: 'Any other relevant information: risk factors and protective factors',
    hint: 'Refer to the child protection conference minutes: are there new or different risk factors? Any changes in the protective factors?',
  },
  voiceOfChild: { label: 'The voice of the child', hint: '' },
} as const satisfies Record<ContributionHeading, { label: string; hint: string }>;

/**
 * Answers people type into a required box to get past it. They tell the core group nothing, and seed 002 is plain
 * that an apology without written information is not acceptable. Compared whole, after case, spaces and
 * punctuation are dropped, so "N/A", "n.a." and "-" are caught while "none of my actions are late" is not.
 */
const TOKEN_ANSWERS: ReadonlySet<string> = new Set([
  'na', 'none', 'nil', 'no', 'nothing', 'nothingtoreport', 'nothingtoadd', 'nothingnew', 'noupdate', 'noupdates',
  'tbc', 'tba', 'tbd', 'x', 'ok', 'unknown', 'asabove', 'seeabove', 'asbefore', 'sameasbefore', 'test',
]);

/** Whether text says nothing: empty once punctuation is gone, or a stock placeholder. */
export function isTokenAnswer(text: string): boolean {
  const bare = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return bare === '' || TOKEN_ANSWERS.has(bare);
}

type AnswerSubmission = z.output<typeof answerInput>;

/** A required box's problem, if any: empty, or a placeholder such as "n/a". */
export function problemWith(field: string, label: string, value: string): FieldProblem | undefined {
  if (value === '') return { field, message: `"${label}" is needed.` };
  if (isTokenAnswer(value)) return { field, message: `"${label}" needs a real answer: "${value}" tells the core group nothing.` };
  return undefined;
}

/** Whether this meeting asks every member for their agency's joint-report contribution (seed 002: the last core group before review). */
export const asksForContribution = (rules: ApologyRules, meetingType: MeetingType): boolean => rules.jointReportContribution !== undefined && meetingType === 'last-before-review';

/**
 * The procedure's rules for an answer, after its shape is checked (validation.ts): apologies carry the written
 * update's required parts, or a verbal update where the procedure accepts one; the pre-review meeting asks for the
 * joint-report contribution whatever the answer. Every problem at once, as one InvalidInput.
 */
export function checkAnswer(rules: ApologyRules, meetingType: MeetingType, input: AnswerSubmission): void {
  const problems: FieldProblem[] = [];
  if (input.response === 'apologies') {
    if (input.verbalUpdate && rules.update !== 'verbal-or-written') {
      problems.push({ field: 'verbalUpdate', message: 'This procedure needs a written update with apologies: a verbal one is not enough.' });
    } else if (!input.verbalUpdate) {
      for (const part of rules.requiredParts.parts) {
        const problem = problemWith(`update.${part}`, UPDATE_PART_LABELS[part], input.update[part]);
        if (problem) problems.push(problem);
      }
    }
  }
  if (asksForContribution(rules, meetingType)) {
    for (const heading of rules.jointReportContribution?.headings ?? []) {
      const problem = problemWith(`contribution.${heading}`, CONTRIBUTION_LABELS[heading].label, input.contribution[heading]);
      if (problem) problems.push(problem);
    }
  }
  const [first, ...also] = problems;
  if (first) throw new InvalidInput(first.field, first.message, also);
}
