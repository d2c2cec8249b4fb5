import { compareDates } from '../time/localDate.js';
import { CASE_EVENT_KINDS, type CaseEvent } from '../timeline/events.js';
import { isCaseOnlyEvent, type CaseState } from './model.js';

/**
 * The timeline engine's view of a case, derived from what is stored, each fact from one place: the initial
 * conference from the case, core groups held from their meetings (a scheduled meeting is not an event), and
 * everything else from the recorded event rows but those it does not count (a correction). Sorted by date, then in the vocabulary's order.
 */
export function caseEvents(state: Pick<CaseState, 'header' | 'meetings' | 'events'>): CaseEvent[] {
  const events: CaseEvent[] = [{ kind: 'initial-conference', date: state.header.initialConferenceDate }];
  for (const meeting of state.meetings) {
    if (meeting.held) events.push({ kind: 'core-group-held', date: meeting.held.heldOn });
  }
  for (const { kind, date, follows } of state.events) {
    if (!isCaseOnlyEvent(kind)) events.push({ kind, date, ...(follows !== undefined && { follows }) });
  }
  return events.sort(
    (a, b) => compareDates(a.date, b.date) || CASE_EVENT_KINDS.indexOf(a.kind) - CASE_EVENT_KINDS.indexOf(b.kind),
  );
}
