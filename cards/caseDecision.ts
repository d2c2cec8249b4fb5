import template from './caseDecision.json' with { type: 'json' };
import type { PickerChoice } from './formFields.js';
import { render, type AdaptiveCardJson } from './render.js';

/**
 * What a team manager decides about a case created under them: confirm it, or reject it with a reason; and, when
 * other social workers asked for its reference, keep it or hand the reference to one of them.
 */
export interface CaseDecisionData {
  readonly title: string;
  readonly message: string;
  /** The case as proposed: reference and alias, procedure, conference date, who holds its roles (no family details exist here). */
  readonly facts: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  /** Empty, or why the last press was refused. */
  readonly error: string;
  readonly caseRef: string;
  /** "Confirm", or "Keep this case" when there are requests to decline. */
  readonly confirmTitle: string;
  readonly canReject: boolean;
  readonly reasons: readonly PickerChoice[];
  /** The reason chosen before a refused press, and why it was refused. */
  readonly reason: string;
  readonly reasonError: string;
  /** One button per waiting request: "Give CP-1042 to Isaiah Langer". */
  readonly handOvers: ReadonlyArray<{ readonly claimId: string; readonly title: string }>;
  readonly requestId: string;
}

export const caseDecisionCard = (data: CaseDecisionData): AdaptiveCardJson => render(template, data);
