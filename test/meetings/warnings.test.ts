import { describe, expect, it } from 'vitest';
import { createCalendars } from '../../src/calendar/index.js';
import type { Member } from '../../src/cases/model.js';
import { proposedChair, schedulingWarnings, type SchedulingCase } from '../../src/meetings/warnings.js';
import { parseLocalDate } from '../../src/time/localDate.js';
import type { Obligation } from '../../src/timeline/index.js';
import { timelineOf, type Story } from '../timeline/helpers.js';

const calendars = createCalendars();
const SW = 'sw-0001';
const TM = 'tm-0001';
const professional = (memberId: string, aadObjectId?: string): Member => ({
  memberId,
  role: 'professional',
  ...(aadObjectId !== undefined && { aadObjectId }),
  displayName: `Person ${memberId}`,
  agency: 'Agency',
  status: 'active',
  addedAt: '2027-01-25T09:00:00.000Z',
});
const parent: Member = { memberId: 'M3', role: 'parent-or-carer', label: 'Parent A', status: 'active', addedAt: '2027-01-25T09:00:00.000Z' };

/** A case whose team manager is a member (M4) only when asked. */
function caseOn(policyId: string, teamManagerIn = false): SchedulingCase {
  const members = [professional('M1', SW), professional('M2', 'hv-0001'), parent, ...(teamManagerIn ? [professional('M4', TM)] : [])];
  return { policyId, socialWorker: SW, teamManager: TM, chair: 'cc-0001', members, meetings: [] };
}

const next = (policyId: string, story: Story): Obligation => {
  const due = timelineOf(policyId, story).nextCoreGroup;
  if (!due) throw new Error('no core group due');
  return due;
};

const ISU_FIRST: Story = { icpc: '2027-01-25', today: '2027-02-05' };
const JOINT_FIRST: Story = { icpc: '2027-01-25', today: '2027-02-05' };
const d = parseLocalDate;

describe('scheduling warnings: they do not block, and each says where its rule comes from', () => {
  it('six-weekly-isu: the social worker chairs; another chair is warned, the social worker is not', () => {
    const due = next('six-weekly-isu', ISU_FIRST);
    const kase = caseOn('six-weekly-isu');
    expect(schedulingWarnings(kase, { date: d('2027-02-08'), chair: 'M1', noteTaker: 'M2' }, due, calendars['england-wales'])).toEqual([]);
    expect(schedulingWarnings(kase, { date: d('2027-02-08'), chair: 'M2' }, due, calendars['england-wales'])).toEqual([
      {
        kind: 'chair-rule',
        text: "The chair chosen is not the case's social worker: the social worker chairs this core group (six-weekly-isu: 'The social worker is responsible for arranging and chairing the Core Group meetings').",
      },
    ]);
    expect(schedulingWarnings(kase, { date: d('2027-02-08') }, due, calendars['england-wales'])[0]?.text).toMatch(/^No chair is chosen: the social worker chairs this core group/);
    expect(proposedChair(kase, due)).toBe('M1');
  });

  it('six-weekly-joint-report: the team manager chairs the first; not in the core group, they cannot be chosen, and the warning says to add them', () => {
    const due = next('six-weekly-joint-report', JOINT_FIRST);
    expect(due.coreGroup?.number).toBe(1);
    const without = caseOn('six-weekly-joint-report');
    expect(proposedChair(without, due)).toBeUndefined();
    expect(schedulingWarnings(without, { date: d('2027-02-08'), chair: 'M1', noteTaker: 'M2' }, due, calendars['england-wales'])).toEqual([
      {
        kind: 'chair-rule',
        text: "The chair chosen is not the case's team manager: the team manager chairs this core group (six-weekly-joint-report: 'FIRST CORE GROUP – chaired by Team Manager'). The team manager is not in the core group: add them as a member to choose them.",
      },
    ]);
    const withManager = caseOn('six-weekly-joint-report', true);
    expect(proposedChair(withManager, due)).toBe('M4');
    expect(schedulingWarnings(withManager, { date: d('2027-02-08'), chair: 'M4', noteTaker: 'M2' }, due, calendars['england-wales'])).toEqual([]);
  });

  it('six-weekly-joint-report: the chair is not also the note taker (seed 002)', () => {
    const due = next('six-weekly-joint-report', JOINT_FIRST);
    expect(schedulingWarnings(caseOn('six-weekly-joint-report', true), { date: d('2027-02-08'), chair: 'M4', noteTaker: 'M4' }, due, calendars['england-wales'])).toEqual([
      {
        kind: 'chair-is-note-taker',
        text: "The same person is chosen to chair and to take notes (six-weekly-joint-report: 'there should not be an expectation that the same practitioner both chairs and minutes core group meetings').",
      },
    ]);
  });

  it('other procedures do not say so, so a chair who takes the notes is not warned about under york', () => {
    const due = next('york', ISU_FIRST);
    expect(schedulingWarnings(caseOn('york'), { date: d('2027-02-08'), chair: 'M1', noteTaker: 'M1' }, due, calendars['england-wales'])).toEqual([]);
  });

  it('six-weekly-joint-report: the team manager attends the second; not in the core group, they would not be invited', () => {
    const due = next('six-weekly-joint-report', { icpc: '2027-01-04', coreGroups: ['2027-01-18'], today: '2027-02-05' });
    expect(due.coreGroup?.number).toBe(2);
    expect(schedulingWarnings(caseOn('six-weekly-joint-report'), { date: d('2027-02-26'), chair: 'M1', noteTaker: 'M2' }, due, calendars['england-wales'])).toEqual([
      {
        kind: 'attendance',
        text: "The team manager is not in the core group, so they will not be invited: the team manager attends this core group (six-weekly-joint-report: '2nd CORE GROUP – TM to attend'). Add them as a member.",
      },
    ]);
  });

  it('ni-regional: the case does not record whether the co-ordinator is AYE, so the band 7 rule is said, not guessed', () => {
    const due = next('ni-regional', { icpc: '2027-01-25', today: '2027-02-05' });
    expect(schedulingWarnings(caseOn('ni-regional'), { date: d('2027-02-08'), chair: 'M1' }, due, calendars['northern-ireland'])).toEqual([
      {
        kind: 'chair-rule-unchecked',
        text: "The case does not record whether the case co-ordinator is in their assessed year in employment (AYE), so I cannot check the chair: if they are, a band 7 manager must chair (ni-regional: 'If the case coordinator is an Assessed Year in Employment (AYE) social worker: the social work manager (band 7)/senior social work practitioner (band 7) must chair the core group').",
      },
    ]);
  });

  it('another core group arranged and not yet held is pointed out, except to the meeting itself; one held or cancelled is not', () => {
    const due = next('six-weekly-isu', ISU_FIRST);
    const meeting = (meetingId: string, extra: object = {}) => ({ meetingId, date: d('2027-02-08'), time: '10:00', venue: 'Room 2', type: 'first' as const, answers: [], ...extra });
    const kase = { ...caseOn('six-weekly-isu'), meetings: [meeting('CG1')] };
    expect(schedulingWarnings(kase, { date: d('2027-02-08'), chair: 'M1' }, due, calendars['england-wales'])).toEqual([
      {
        kind: 'already-arranged',
        text: 'CG1 is also scheduled, for Mon 8 Feb 2027 at 10:00, and not yet recorded as held: to move it rather than arrange another, use "Change the arrangements" on its scheduled card.',
      },
    ]);
    expect(schedulingWarnings(kase, { meetingId: 'CG1', date: d('2027-02-08'), chair: 'M1' }, due, calendars['england-wales'])).toEqual([]);
    const over = { ...kase, meetings: [meeting('CG1', { cancelled: { on: d('2027-02-01'), by: SW } })] };
    expect(schedulingWarnings(over, { date: d('2027-02-08'), chair: 'M1' }, due, calendars['england-wales'])).toEqual([]);
  });

  it('a date after the deadline says so with the reason for the deadline; a weekend says it is not a working day', () => {
    const due = next('six-weekly-isu', ISU_FIRST);
    expect(schedulingWarnings(caseOn('six-weekly-isu'), { date: d('2027-02-13'), chair: 'M1' }, due, calendars['england-wales'])).toEqual([
      { kind: 'not-working-day', text: "Sat 13 Feb 2027 is a Saturday, not a working day in England and Wales (the calendar six-weekly-isu's timescales are counted on)." },
      {
        kind: 'after-due',
        text:
          "Sat 13 Feb 2027 is after this core group's due date, Mon 8 Feb 2027: 10 working days after the initial child protection conference on 25 Jan 2027 " +
          "(six-weekly-isu: 'The First Core Group is convened within 10 working days of the Initial Child Protection Conference').",
      },
    ]);
  });

  it('due today, on the day: no warning; overdue, any date from today is after it', () => {
    const dueToday = next('six-weekly-isu', { icpc: '2027-01-25', today: '2027-02-08' });
    expect(dueToday.status).toBe('due-today');
    expect(schedulingWarnings(caseOn('six-weekly-isu'), { date: d('2027-02-08'), chair: 'M1' }, dueToday, calendars['england-wales'])).toEqual([]);
    const overdue = next('six-weekly-isu', { icpc: '2027-01-25', today: '2027-02-10' });
    expect(schedulingWarnings(caseOn('six-weekly-isu'), { date: d('2027-02-11'), chair: 'M1' }, overdue, calendars['england-wales']).map((w) => w.kind)).toEqual(['after-due']);
  });

  it("a bank holiday is named, on the nation's own calendar: Easter Monday 2027 in England, an ordinary day in Scotland", () => {
    const due = next('six-weekly-isu', { icpc: '2027-03-15', today: '2027-03-16' });
    expect(schedulingWarnings(caseOn('six-weekly-isu'), { date: d('2027-03-29'), chair: 'M1' }, due, calendars['england-wales'])).toEqual([
      { kind: 'not-working-day', text: "Mon 29 Mar 2027 is Easter Monday, not a working day in England and Wales (the calendar six-weekly-isu's timescales are counted on)." },
    ]);
    const scottish = next('scotland', { icpc: '2027-03-15', today: '2027-03-16' });
    expect(schedulingWarnings(caseOn('scotland'), { date: d('2027-03-29'), chair: 'M1' }, scottish, calendars.scotland)).toEqual([]);
  });

  it('an organisation closure day is not a working day either', () => {
    const due = next('york', { icpc: '2026-12-14', today: '2026-12-15' });
    const closed = createCalendars([d('2026-12-29')])['england-wales'];
    expect(schedulingWarnings(caseOn('york'), { date: d('2026-12-29'), chair: 'M1' }, due, closed)[0]?.text).toBe(
      "Tue 29 Dec 2026 is an organisation closure day, not a working day in England and Wales (the calendar york's timescales are counted on).",
    );
  });

  it('ni-regional: past a target date is said to be a target, not a deadline', () => {
    const due = next('ni-regional', { icpc: '2026-12-07', coreGroups: ['2026-12-14'], today: '2027-02-05' });
    expect(due.firmness).toBe('target');
    const [late] = schedulingWarnings(caseOn('ni-regional'), { date: d('2027-02-08'), chair: 'M1' }, due, calendars['northern-ireland']);
    expect(late).toEqual({
      kind: 'after-due',
      text:
        "Mon 8 Feb 2027 is after this core group's target date (a target, not a deadline), Mon 18 Jan 2027: 6 weeks after the initial child protection case conference on 7 Dec 2026 " +
        "(ni-regional: 'The second should occur 6 weeks after the Initial Child Protection Case Conference').",
    });
  });
});
