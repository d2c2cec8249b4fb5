import type { Citation, PolicyProfile } from './schema.js';

/** The kinds of core group an agenda is for, as the case service names them. */
export type AgendaMeeting = 'first' | 'subsequent' | 'last-before-review';

export interface Agenda {
  readonly items: readonly string[];
  readonly citation: Citation;
}

/**
 * For procedures without agendas of their own: seed 000's "What should the Core Group meeting include", which asks
 * the same of every core group.
 */
export const DEFAULT_AGENDA: Agenda = {
  items: [
    'Introductions',
    'Maintenance of attendance list – attendees, apologies and absentees',
    'Review progress of agreed actions',
    'Challenge the identified actions',
    'Note changes or updates to the plan',
    'Identify issues that cannot be resolved',
    'Review membership of the Core Group – should membership be extended to others (professionals, family members, friends?)',
    'Set a date for the next Core Group meeting',
  ],
  citation: {
    document: 'Guidance for arranging and chairing Core Group Meetings (Independent Safeguarding Unit)',
    section: 'What should the Core Group meeting include',
    quote: 'Set a date for the next Core Group meeting',
    wording: 'verbatim',
  },
};

/** The agenda an invitation carries for a meeting of this kind under this procedure. */
export function agendaFor(profile: Pick<PolicyProfile, 'agendas'>, meeting: AgendaMeeting): Agenda {
  const own = profile.agendas;
  if (own === undefined) return DEFAULT_AGENDA;
  const items = meeting === 'first' ? own.first : meeting === 'subsequent' ? own.subsequent : own.lastBeforeReview;
  return { items, citation: own.citation };
}
