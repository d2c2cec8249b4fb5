import type { WorkingCalendar } from '../calendar/workingDays.js';
import type { MeetingType } from '../cases/model.js';
import type { AddMemberInput } from '../cases/validation.js';
import { addDays, type LocalDate } from '../time/localDate.js';
import type { CaseHistory, HistoryMeeting } from './caseHistory.js';
import { ISAIAH_LANGER, LYNNE_ROBBINS, PATTI_FERNANDEZ, type PlaygroundUser } from './playground.js';

/**
 * The demo cases as plain data: what happened on each, dated relative to today, so the answers always show
 * the same mix whatever day the bot is first started. Every date is a working day of the case's nation.
 * Aliases are trees and the parent is labelled "Parent A": never anything that reads like a real family.
 */
/** A demo case: its history, less the people every demo case shares (seed.ts adds them). */
export type DemoCase = Omit<CaseHistory, 'socialWorker' | 'teamManager' | 'chair'> & { readonly alias: string };
export type DemoMeeting = HistoryMeeting;

/** Policy id → that policy's working calendar (the nation's, with the organisation's closure days). */
export type CalendarOf = (policyId: string) => WorkingCalendar;

const teamsMember = (person: PlaygroundUser, agency: string): AddMemberInput => ({
  kind: 'teams',
  aadObjectId: person.aadObjectId,
  displayName: person.name,
  email: person.email,
  agency,
  role: 'professional',
});

const PARENT_A: AddMemberInput = {
  kind: 'family',
  label: 'Parent A',
  role: 'parent-or-carer',
  contactRoute: 'Printed copy handed over at home visits',
};

const held = (date: LocalDate, type: MeetingType): DemoMeeting => ({ date, type, held: true });

export function demoCases(today: LocalDate, calendarOf: CalendarOf): DemoCase[] {
  /** The working day on or before `days` from today, on that policy's calendar. */
  const day = (policyId: string, days: number): LocalDate => calendarOf(policyId).onOrBeforeWorkingDay(addDays(today, days));
  const workingDaysAfter = (policyId: string, date: LocalDate, count: number): LocalDate => calendarOf(policyId).addWorkingDays(date, count);

  // Six-weekly core groups: the only core group was ten weeks ago, so the next (six weeks after it) is about
  // four weeks overdue, the chair's "hold it within 5 working days" with it; the plan was updated but never
  // circulated (nor sent to the ISU, which the procedure asks without a timescale). The ISU sent the outline plan
  // the next working day. The first review conference (3 months after the conference) is about two weeks ahead.
  const oakConference = day('six-weekly-isu', -77);
  const oakCoreGroup = calendarOf('six-weekly-isu').onOrBeforeWorkingDay(addDays(oakConference, 7));
  const oak: DemoCase = {
    caseRef: 'CP-9001',
    alias: 'Oak',
    policyId: 'six-weekly-isu',
    initialConference: oakConference,
    members: [teamsMember(PATTI_FERNANDEZ, 'Education: designated safeguarding lead'), PARENT_A],
    meetings: [held(oakCoreGroup, 'first')],
    events: [
      { kind: 'outline-plan-sent', date: workingDaysAfter('six-weekly-isu', oakConference, 1) },
      { kind: 'plan-updated', date: workingDaysAfter('six-weekly-isu', oakCoreGroup, 1) },
    ],
  };

  // Monthly core groups, both held on time with their records out: the next is due within days (a month
  // after the last, three weeks ago).
  const birchConference = day('york', -50);
  const birchFirst = calendarOf('york').onOrBeforeWorkingDay(addDays(birchConference, 7));
  const birchSecond = day('york', -22);
  const birch: DemoCase = {
    caseRef: 'CP-9002',
    alias: 'Birch',
    policyId: 'york',
    initialConference: birchConference,
    members: [teamsMember(ISAIAH_LANGER, 'Health visiting'), PARENT_A],
    meetings: [held(birchFirst, 'first'), held(birchSecond, 'subsequent')],
    events: [
      { kind: 'record-distributed', date: workingDaysAfter('york', birchFirst, 5) },
      { kind: 'record-distributed', date: workingDaysAfter('york', birchSecond, 5) },
    ],
  };

  // Scotland: the child protection planning meeting was last week; the first core group (within 15 working
  // days of it) is upcoming and already arranged.
  const rowan: DemoCase = {
    caseRef: 'CP-9003',
    alias: 'Rowan',
    policyId: 'scotland',
    initialConference: day('scotland', -8),
    members: [teamsMember(LYNNE_ROBBINS, 'School nursing')],
    meetings: [{ date: day('scotland', 7), type: 'first', held: false }],
    events: [],
  };

  // Northern Ireland: the first core group was held and its typed record went out; the second's date is a
  // target ("should occur 6 weeks after" the conference), which passed about two weeks ago. The child was seen
  // last week, so the next visit (within 4 weeks) is upcoming.
  const willowConference = day('ni-regional', -56);
  const willowCoreGroup = calendarOf('ni-regional').onOrBeforeWorkingDay(addDays(willowConference, 7));
  const willow: DemoCase = {
    caseRef: 'CP-9004',
    alias: 'Willow',
    policyId: 'ni-regional',
    initialConference: willowConference,
    members: [teamsMember(ISAIAH_LANGER, 'Health visiting')],
    meetings: [held(willowCoreGroup, 'first')],
    events: [
      { kind: 'record-distributed', date: workingDaysAfter('ni-regional', willowCoreGroup, 10) },
      { kind: 'child-seen', date: day('ni-regional', -7) },
    ],
  };

  return [oak, birch, rowan, willow];
}
