import { describe, expect, it } from 'vitest';
import { outboxKey } from '../../src/delivery/outboxItem.js';
import { SWEEP_DEFAULTS, sweepSettingsSchema } from '../../src/sweep/index.js';
import { answer, brief, CASE_REF, caseState, CHAIR, day, held, recorded, scheduled, SCHOOL, sweep, SW, TENANT, TM } from './caseState.js';

/** Seed 000: ICPC Mon 1 Feb 2027, so the first core group is due by Mon 15 Feb. */
const isu = (spec: Omit<Parameters<typeof caseState>[0], 'policyId' | 'icpc'> = {}) => caseState({ policyId: 'six-weekly-isu', icpc: '2027-02-01', ...spec });

/** Each day's notices, as brief lines. */
const days = (state: ReturnType<typeof caseState>, dates: readonly string[], kind?: string) =>
  Object.fromEntries(dates.map((date) => [date, brief(sweep(state, date).filter((notice) => kind === undefined || notice.kind === kind))]));

describe('members who have not answered an invitation', () => {
  const invited = isu({ meetings: [scheduled('CG1', '2027-02-12', 'first')], answers: [answer('CG1', 'M2', 'attending')] });

  it('are reminded 3 and 1 working days before the meeting; not the social worker, not those who answered, not people outside Teams', () => {
    expect(sweep(invited, '2027-02-09')).toEqual([
      {
        key: { tenantId: TENANT, caseRef: CASE_REF, subject: 'CG1', kind: 'invitation-reminder', recipientId: SCHOOL, date: '2027-02-09' },
        kind: 'invitation-reminder',
        recipient: { role: 'member', id: SCHOOL, memberId: 'M3' },
        data: { caseRef: CASE_REF, alias: 'Blue', meeting: { meetingId: 'CG1', date: '2027-02-12', time: '10:00' }, workingDaysBefore: 3 },
        reason:
          "No answer yet to the invitation to the core group CG1 on Fri 12 Feb 2027 at 10:00, 3 working days away (six-weekly-isu: 'a member who cannot attend sends a written update on their part of the plan'); " +
          'members who have not answered are reminded 3 and 1 working days before the meeting (sweep settings).',
      },
    ]);
    expect(days(invited, ['2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'])).toEqual({
      '2027-02-08': [],
      '2027-02-09': ['invitation-reminder CG1 member/M3 2027-02-09'],
      // The day after a reminder is still its day: a run that missed Tuesday sends it; one that did not sends nothing new.
      '2027-02-10': ['invitation-reminder CG1 member/M3 2027-02-09'],
      '2027-02-11': ['invitation-reminder CG1 member/M3 2027-02-11'],
      '2027-02-12': [],
    });
  });

  it('an apology is an answer; a cancelled meeting is reminded to nobody (and no longer counts as arranged)', () => {
    expect(sweep(isu({ meetings: [scheduled('CG1', '2027-02-12', 'first')], answers: [answer('CG1', 'M2', 'attending'), answer('CG1', 'M3', 'apologies')] }), '2027-02-11')).toEqual([]);
    const cancelled = { ...scheduled('CG1', '2027-02-12', 'first'), cancelled: { on: day('2027-02-08'), by: SW } };
    expect(brief(sweep(isu({ meetings: [cancelled] }), '2027-02-11'))).toEqual(['schedule-core-group core-group-1 social-worker/M1 2027-02-01']);
  });

  it('Spring bank holiday (Mon 31 May 2027) moves "1 working day before" a Tuesday meeting back to Fri 28 May', () => {
    const state = isu({ meetings: [scheduled('CG1', '2027-06-01', 'first')] });
    expect(days(state, ['2027-05-25', '2027-05-26', '2027-05-28', '2027-05-29', '2027-05-31'], 'invitation-reminder')).toEqual({
      '2027-05-25': [],
      '2027-05-26': ['invitation-reminder CG1 member/M2 2027-05-26', 'invitation-reminder CG1 member/M3 2027-05-26'],
      '2027-05-28': ['invitation-reminder CG1 member/M2 2027-05-28', 'invitation-reminder CG1 member/M3 2027-05-28'],
      // The weekend and the holiday belong to Friday's reminder: no second one is dated on them.
      '2027-05-29': ['invitation-reminder CG1 member/M2 2027-05-28', 'invitation-reminder CG1 member/M3 2027-05-28'],
      '2027-05-31': ['invitation-reminder CG1 member/M2 2027-05-28', 'invitation-reminder CG1 member/M3 2027-05-28'],
    });
  });

  it("the case's nation decides: 12 July is a holiday in Northern Ireland (Fri 9 Jul), not in England (Mon 12 Jul)", () => {
    const meeting = { meetings: [scheduled('CG1', '2027-07-13', 'first')] };
    const dates = ['2027-07-07', '2027-07-08', '2027-07-09', '2027-07-12'];
    const atM2 = (state: ReturnType<typeof caseState>) => Object.values(days(state, dates, 'invitation-reminder')).map((lines) => lines[0]);
    expect(atM2(caseState({ policyId: 'ni-regional', icpc: '2027-06-21', ...meeting }))).toEqual([
      'invitation-reminder CG1 member/M2 2027-07-07',
      'invitation-reminder CG1 member/M2 2027-07-07',
      'invitation-reminder CG1 member/M2 2027-07-09',
      'invitation-reminder CG1 member/M2 2027-07-09',
    ]);
    expect(atM2(caseState({ policyId: 'england', icpc: '2027-06-21', ...meeting }))).toEqual([
      undefined,
      'invitation-reminder CG1 member/M2 2027-07-08',
      'invitation-reminder CG1 member/M2 2027-07-08',
      'invitation-reminder CG1 member/M2 2027-07-12',
    ]);
  });

  it('the days are settings: 2 working days before only, or none at all', () => {
    expect(brief(sweep(invited, '2027-02-09', { unansweredInvitation: [2] }))).toEqual([]);
    expect(brief(sweep(invited, '2027-02-10', { unansweredInvitation: [2] }))).toEqual(['invitation-reminder CG1 member/M3 2027-02-10']);
    expect(sweep(invited, '2027-02-11', { unansweredInvitation: [] })).toEqual([]);
  });
});

describe('the social worker, when no core group is arranged', () => {
  // Core group 2 is due 6 weeks after 12 Feb, moved back from Good Friday 26 Mar to Thu 25 Mar.
  const afterFirst = isu({ meetings: [held('CG1', '2027-02-12', 'M2', 'first')], events: [recorded('plan-updated', '2027-02-15'), recorded('plan-circulated', '2027-02-16')] });

  it('is told once the due date is 10 working days away or less (Thu 11 Mar), and the notice keeps its day until the due date', () => {
    expect(sweep(afterFirst, '2027-03-11')).toEqual([
      {
        key: { tenantId: TENANT, caseRef: CASE_REF, subject: 'core-group-2', kind: 'schedule-core-group', recipientId: SW, date: '2027-03-11' },
        kind: 'schedule-core-group',
        recipient: { role: 'social-worker', id: SW, memberId: 'M1' },
        data: { caseRef: CASE_REF, alias: 'Blue', obligation: { kind: 'core-group', label: 'Core group 2', due: '2027-03-25', status: 'upcoming', owner: 'social-worker', coreGroup: 2 }, workingDaysBefore: 10 },
        reason:
          'No core group is arranged and Core group 2 is due by Thu 25 Mar 2027, 10 working days away or less: 6 weeks after the core group on 12 Feb 2027, moved back to the working day before as 26 Mar 2027 is Good Friday ' +
          "(six-weekly-isu: 'at least every six weeks thereafter – whether a review takes place in the period or not'); the social worker is told 10 working days before it is due (sweep settings).",
      },
    ]);
    expect(days(afterFirst, ['2027-03-10', '2027-03-15', '2027-03-25'])).toEqual({
      '2027-03-10': [],
      '2027-03-15': ['schedule-core-group core-group-2 social-worker/M1 2027-03-11'],
      '2027-03-25': ['schedule-core-group core-group-2 social-worker/M1 2027-03-11'],
    });
  });

  it('is not told once a core group is arranged, passed or not', () => {
    expect(sweep(isu({ ...afterFirst, meetings: [...afterFirst.meetings, scheduled('CG2', '2027-03-24')] }), '2027-03-15')).toEqual([]);
  });
});

describe('a missed core group', () => {
  const afterFirst = isu({ meetings: [held('CG1', '2027-02-12', 'M2', 'first')], events: [recorded('plan-updated', '2027-02-15'), recorded('plan-circulated', '2027-02-16')] });

  it('six-weekly-isu: the social worker and team manager are told, and the chair asked to record the decision, on the first working day after (Tue 30 Mar, after Easter)', () => {
    expect(days(afterFirst, ['2027-03-26', '2027-03-29'])).toEqual({ '2027-03-26': [], '2027-03-29': [] });
    const notices = sweep(afterFirst, '2027-03-30');
    expect(brief(notices)).toEqual([
      'missed-core-group core-group-2 social-worker/M1 2027-03-30',
      'missed-core-group core-group-2 team-manager 2027-03-30',
      'missed-core-group-decision core-group-2 chair 2027-03-30',
    ]);
    expect(notices[2]).toEqual({
      key: { tenantId: TENANT, caseRef: CASE_REF, subject: 'core-group-2', kind: 'missed-core-group-decision', recipientId: CHAIR, date: '2027-03-30' },
      kind: 'missed-core-group-decision',
      recipient: { role: 'chair', id: CHAIR },
      data: { caseRef: CASE_REF, alias: 'Blue', obligation: { kind: 'core-group', label: 'Core group 2', due: '2027-03-25', status: 'overdue', owner: 'social-worker', coreGroup: 2 } },
      reason:
        'Core group 2 was due by Thu 25 Mar 2027 and none is recorded as held: 6 weeks after the core group on 12 Feb 2027, moved back to the working day before as 26 Mar 2027 is Good Friday ' +
        "(six-weekly-isu: 'at least every six weeks thereafter – whether a review takes place in the period or not'). Record the decision on it " +
        "(six-weekly-isu: 'Hold a Core Group within five working days; Child Protection Chair will email Team Manager and Service Delivery Manager').",
    });
  });

  it("once the chair records it, the chair is not asked again, and the hold-within deadline (from the decision: Wed 7 Apr) is swept like any other", () => {
    const decided = isu({ ...afterFirst, events: [...afterFirst.events, recorded('missed-core-group-decision', '2027-03-31')] });
    expect(days(decided, ['2027-03-31', '2027-04-06', '2027-04-07', '2027-04-08'])).toEqual({
      '2027-03-31': ['missed-core-group core-group-2 social-worker/M1 2027-03-30', 'missed-core-group core-group-2 team-manager 2027-03-30'],
      '2027-04-06': [
        'missed-core-group core-group-2 social-worker/M1 2027-03-30',
        'missed-core-group core-group-2 team-manager 2027-03-30',
        'due-soon missed-core-group-escalation-2 social-worker/M1 2027-04-06',
        'due-soon missed-core-group-escalation-2 team-manager 2027-04-06',
      ],
      '2027-04-07': [
        'missed-core-group core-group-2 social-worker/M1 2027-03-30',
        'missed-core-group core-group-2 team-manager 2027-03-30',
        'due-today missed-core-group-escalation-2 social-worker/M1 2027-04-07',
        'due-today missed-core-group-escalation-2 team-manager 2027-04-07',
      ],
      '2027-04-08': [
        'missed-core-group core-group-2 social-worker/M1 2027-03-30',
        'missed-core-group core-group-2 team-manager 2027-03-30',
        'overdue missed-core-group-escalation-2 social-worker/M1 2027-04-08',
        'overdue missed-core-group-escalation-2 team-manager 2027-04-08',
      ],
    });
    expect(sweep(decided, '2027-04-06')[2]?.reason).toBe(
      "Missed core group: hold it now (for the chair) is due by Wed 7 Apr 2027, 1 working day away: 5 working days after the chair's decision on 31 Mar 2027 " +
        "(six-weekly-isu: 'Hold a Core Group within five working days; Child Protection Chair will email Team Manager and Service Delivery Manager'); " +
        'told 1 working day before it is due, on the day and each working day it is overdue (sweep settings).',
    );
  });

  it('held at last, nothing more is said', () => {
    expect(sweep(isu({ ...afterFirst, meetings: [...afterFirst.meetings, held('CG2', '2027-04-01')], events: [...afterFirst.events, recorded('plan-updated', '2027-04-01'), recorded('plan-circulated', '2027-04-01')] }), '2027-04-06')).toEqual([]);
  });

  it('a procedure without a chair\'s decision (England) tells the social worker and team manager only', () => {
    expect(brief(sweep(caseState({ policyId: 'england', icpc: '2027-02-01' }), '2027-02-16'))).toEqual([
      'missed-core-group core-group-1 social-worker/M1 2027-02-16',
      'missed-core-group core-group-1 team-manager 2027-02-16',
    ]);
  });

  it('a passed target (ni-regional: the second core group "should occur" 6 weeks after the conference) is not escalated', () => {
    const ni = caseState({ policyId: 'ni-regional', icpc: '2027-04-12', meetings: [held('CG1', '2027-04-20', 'M2', 'first')], events: [recorded('record-distributed', '2027-04-30'), recorded('child-seen', '2027-05-07')] });
    expect(days(ni, ['2027-05-10', '2027-05-24', '2027-05-25', '2027-05-26'])).toEqual({
      '2027-05-10': ['schedule-core-group core-group-2 social-worker/M1 2027-05-10'],
      '2027-05-24': ['schedule-core-group core-group-2 social-worker/M1 2027-05-10'],
      '2027-05-25': [],
      '2027-05-26': [],
    });
  });
});

describe('paperwork after a core group', () => {
  // Seed 000: held Fri 12 Feb 2027; the plan is updated by Tue 16 Feb and circulated by Fri 19 Feb.
  const afterFirst = isu({ meetings: [held('CG1', '2027-02-12', 'M2', 'first')] });

  it('the social worker hears the day before, on the day, and each working day while overdue (one key a day; a weekend belongs to Friday)', () => {
    expect(days(afterFirst, ['2027-02-12', '2027-02-13', '2027-02-15', '2027-02-16', '2027-02-17', '2027-02-18', '2027-02-19', '2027-02-20', '2027-02-22'])).toEqual({
      '2027-02-12': [],
      '2027-02-13': [],
      '2027-02-15': ['due-soon plan-update-20270212 social-worker/M1 2027-02-15'],
      '2027-02-16': ['due-today plan-update-20270212 social-worker/M1 2027-02-16'],
      '2027-02-17': ['overdue plan-update-20270212 social-worker/M1 2027-02-17'],
      '2027-02-18': ['overdue plan-update-20270212 social-worker/M1 2027-02-18', 'due-soon plan-circulation-20270212 social-worker/M1 2027-02-18'],
      '2027-02-19': ['overdue plan-update-20270212 social-worker/M1 2027-02-19', 'due-today plan-circulation-20270212 social-worker/M1 2027-02-19'],
      '2027-02-20': ['overdue plan-update-20270212 social-worker/M1 2027-02-19', 'due-today plan-circulation-20270212 social-worker/M1 2027-02-19'],
      '2027-02-22': ['overdue plan-update-20270212 social-worker/M1 2027-02-22', 'overdue plan-circulation-20270212 social-worker/M1 2027-02-22'],
    });
    expect(sweep(afterFirst, '2027-02-17')).toEqual([
      {
        key: { tenantId: TENANT, caseRef: CASE_REF, subject: 'plan-update-20270212', kind: 'overdue', recipientId: SW, date: '2027-02-17' },
        kind: 'overdue',
        recipient: { role: 'social-worker', id: SW, memberId: 'M1' },
        data: { caseRef: CASE_REF, alias: 'Blue', obligation: { kind: 'plan-update', label: 'Plan updated', due: '2027-02-16', status: 'overdue', owner: 'social-worker', follows: '2027-02-12' } },
        reason: "Plan updated was due by Tue 16 Feb 2027 and is overdue: 2 working days after the core group on 12 Feb 2027 (six-weekly-isu: 'the plan must be updated within two working days').",
      },
    ]);
  });

  it('the same case on the same day gives the same notices and keys; once done, it stops', () => {
    expect(sweep(afterFirst, '2027-02-18')).toEqual(sweep(isu({ meetings: [held('CG1', '2027-02-12', 'M2', 'first')] }), '2027-02-18'));
    expect(brief(sweep(isu({ meetings: afterFirst.meetings, events: [recorded('plan-updated', '2027-02-17')] }), '2027-02-18'))).toEqual([
      'due-soon plan-circulation-20270212 social-worker/M1 2027-02-18',
    ]);
  });

  it('seed 002: the note taker hears about the minutes (5 working days); one outside Teams cannot be told', () => {
    const jointReport = (noteTaker: string) => caseState({ policyId: 'six-weekly-joint-report', icpc: '2027-01-04', meetings: [held('CG1', '2027-01-18', noteTaker, 'first')] });
    expect(days(jointReport('M3'), ['2027-01-21', '2027-01-22', '2027-01-25', '2027-01-26'])).toEqual({
      '2027-01-21': [],
      '2027-01-22': ['due-soon minutes-20270118 note-taker/M3 2027-01-22'],
      '2027-01-25': ['due-today minutes-20270118 note-taker/M3 2027-01-25'],
      '2027-01-26': ['overdue minutes-20270118 note-taker/M3 2027-01-26'],
    });
    expect(sweep(jointReport('M3'), '2027-01-22')[0]?.recipient).toEqual({ role: 'note-taker', id: SCHOOL, memberId: 'M3' });
    expect(sweep(jointReport('M5'), '2027-01-22')).toEqual([]);
  });

  it('seed 001: the typed record is distributed within 14 working days (Tue 11 May 2027, past the May Day holiday)', () => {
    const ni = caseState({ policyId: 'ni-regional', icpc: '2027-04-12', meetings: [held('CG1', '2027-04-20', 'M2', 'first'), scheduled('CG2', '2027-05-24')], events: [recorded('child-seen', '2027-05-07')] });
    expect(days(ni, ['2027-05-07', '2027-05-10', '2027-05-11', '2027-05-12'])).toEqual({
      '2027-05-07': [],
      '2027-05-10': ['due-soon record-distribution-20270420 social-worker/M1 2027-05-10'],
      '2027-05-11': ['due-today record-distribution-20270420 social-worker/M1 2027-05-11'],
      '2027-05-12': ['overdue record-distribution-20270420 social-worker/M1 2027-05-12'],
    });
  });
});

describe('ni-regional: the child seen at least every 4 weeks', () => {
  const ni = (events: ReturnType<typeof recorded>[] = []) =>
    caseState({ policyId: 'ni-regional', icpc: '2027-04-12', meetings: [held('CG1', '2027-04-20', 'M2', 'first'), scheduled('CG2', '2027-05-24')], events: [recorded('record-distributed', '2027-04-30'), ...events] });

  it('the social worker is told before, on and after the day the child has gone 4 weeks unseen (Mon 10 May 2027)', () => {
    expect(days(ni(), ['2027-05-06', '2027-05-07', '2027-05-10', '2027-05-11', '2027-05-12'])).toEqual({
      '2027-05-06': [],
      '2027-05-07': ['due-soon child-seen-1 social-worker/M1 2027-05-07'],
      '2027-05-10': ['due-today child-seen-1 social-worker/M1 2027-05-10'],
      '2027-05-11': ['overdue child-seen-1 social-worker/M1 2027-05-11'],
      '2027-05-12': ['overdue child-seen-1 social-worker/M1 2027-05-12'],
    });
    expect(sweep(ni(), '2027-05-11')[0]?.reason).toBe(
      "Child seen was due by Mon 10 May 2027 and is overdue: 4 weeks after the initial child protection case conference on 12 Apr 2027 (ni-regional: 'Child(ren) must be seen at a minimum of at least every 4 weeks during the period of registration').",
    );
  });

  it('a visit restarts the count: the next is due by Wed 9 Jun, told on Tue 8 Jun', () => {
    expect(days(ni([recorded('child-seen', '2027-05-12')]), ['2027-05-13', '2027-06-08'])).toEqual({
      '2027-05-13': [],
      '2027-06-08': ['due-soon child-seen-2 social-worker/M1 2027-06-08'],
    });
  });
});

describe('seed 002: the joint report for the review conference', () => {
  // ICPC Mon 4 Jan 2027; the first review is due by Fri 2 Apr (3 months, moved back from Sun 4 Apr).
  const beforeReview = caseState({
    policyId: 'six-weekly-joint-report',
    icpc: '2027-01-04',
    meetings: [held('CG1', '2027-01-18', 'M2', 'first'), scheduled('CG2', '2027-03-01', 'last-before-review')],
    answers: [answer('CG2', 'M2', 'attending', true), answer('CG2', 'M3', 'apologies')],
    events: [recorded('minutes-received', '2027-01-20')],
  });

  it('members who have not given their contribution to the last core group before review are asked 5 and 1 working days before it', () => {
    expect(days(beforeReview, ['2027-02-19', '2027-02-22', '2027-02-26', '2027-03-01'])).toEqual({
      '2027-02-19': [],
      '2027-02-22': ['contribution-reminder CG2 member/M3 2027-02-22'],
      '2027-02-26': ['contribution-reminder CG2 member/M3 2027-02-26'],
      '2027-03-01': [],
    });
    expect(sweep(beforeReview, '2027-02-22')[0]?.reason).toBe(
      'No joint-report contribution yet for the core group CG2 on Mon 1 Mar 2027 at 10:00, the last before the review conference, 5 working days away ' +
        "(six-weekly-joint-report: 'At the final core group before the Review Child Protection Conference each core group member should provide a written account to the social worker to be included in the Joint Report'); " +
        'asked 5 and 1 working days before the meeting (sweep settings).',
    );
  });

  it('an ordinary core group asks for no contribution', () => {
    expect(sweep({ ...beforeReview, meetings: [held('CG1', '2027-01-18', 'M2', 'first'), scheduled('CG2', '2027-03-01')] }, '2027-02-22')).toEqual([]);
  });

  const afterPreReview = caseState({
    policyId: 'six-weekly-joint-report',
    icpc: '2027-01-04',
    meetings: [held('CG1', '2027-01-18', 'M2', 'first'), held('CG2', '2027-03-01', 'M3', 'last-before-review')],
    events: [recorded('minutes-received', '2027-01-20'), recorded('minutes-received', '2027-03-02')],
  });

  it('the social worker and the team manager are told of each step: the draft within 5 working days (Mon 8 Mar)', () => {
    expect(days(afterPreReview, ['2027-03-04', '2027-03-05', '2027-03-08', '2027-03-09'])).toEqual({
      '2027-03-04': [],
      '2027-03-05': ['due-soon joint-report-draft-20270301 social-worker/M1 2027-03-05', 'due-soon joint-report-draft-20270301 team-manager 2027-03-05'],
      '2027-03-08': ['due-today joint-report-draft-20270301 social-worker/M1 2027-03-08', 'due-today joint-report-draft-20270301 team-manager 2027-03-08'],
      '2027-03-09': ['overdue joint-report-draft-20270301 social-worker/M1 2027-03-09', 'overdue joint-report-draft-20270301 team-manager 2027-03-09'],
    });
    const [toSocialWorker, toManager] = sweep(afterPreReview, '2027-03-08');
    expect(toSocialWorker?.reason).toBe(
      "Joint report: draft sent is due today: 5 working days after the core group before review on 1 Mar 2027 (six-weekly-joint-report: 'distributed to the core group within 5 working days').",
    );
    expect(toManager?.reason).toBe(
      "Joint report: draft sent (for the social worker) is due today: 5 working days after the core group before review on 1 Mar 2027 (six-weekly-joint-report: 'distributed to the core group within 5 working days').",
    );
    expect(toManager?.recipient).toEqual({ role: 'team-manager', id: TM });
  });

  it('a team manager who is also the social worker is told once', () => {
    const own = { ...afterPreReview, header: { ...afterPreReview.header, teamManager: SW } };
    expect(brief(sweep(own, '2027-03-08'))).toEqual(['due-today joint-report-draft-20270301 social-worker/M1 2027-03-08']);
  });

  it("the team manager's own step (authorise within 3 working days of receiving it) is the social worker's to follow too", () => {
    const done = {
      ...afterPreReview,
      events: [...afterPreReview.events, recorded('joint-report-draft-sent', '2027-03-05'), recorded('joint-report-comments-received', '2027-03-10'), recorded('joint-report-sent-to-manager', '2027-03-11')],
    };
    // Authorised by 3 working days after Thu 11 Mar: Tue 16 Mar.
    expect(days(done, ['2027-03-12', '2027-03-15', '2027-03-16'])).toEqual({
      '2027-03-12': [],
      '2027-03-15': ['due-soon joint-report-authorised-20270301 social-worker/M1 2027-03-15', 'due-soon joint-report-authorised-20270301 team-manager 2027-03-15'],
      '2027-03-16': ['due-today joint-report-authorised-20270301 social-worker/M1 2027-03-16', 'due-today joint-report-authorised-20270301 team-manager 2027-03-16'],
    });
    expect(sweep(done, '2027-03-16').map((notice) => notice.reason.split(' is due')[0])).toEqual(['Joint report: authorised (for the team manager)', 'Joint report: authorised']);
  });
});

describe('what every notice guarantees', () => {
  const cases = [
    isu({ meetings: [held('CG1', '2027-02-12', 'M2', 'first'), scheduled('CG2', '2027-03-24')] }),
    isu({ meetings: [scheduled('CG1', '2027-06-01', 'first')] }),
    caseState({ policyId: 'ni-regional', icpc: '2027-04-12' }),
    caseState({ policyId: 'six-weekly-joint-report', icpc: '2027-01-04', meetings: [held('CG1', '2027-01-18', 'M3', 'first'), held('CG2', '2027-03-01', 'M3', 'last-before-review')] }),
  ];
  const dates = ['2027-02-15', '2027-03-19', '2027-03-30', '2027-05-10', '2027-05-28', '2027-06-30'];
  const all = cases.flatMap((state) => dates.flatMap((date) => sweep(state, date)));

  it('keys are outbox keys, each once, with the case reference and alias and no name anywhere', () => {
    expect(all.length).toBeGreaterThan(30);
    for (const notice of all) {
      expect(outboxKey.parse(notice.key)).toEqual(notice.key);
      expect(notice.key.kind).toBe(notice.kind);
      expect(notice.key.recipientId).toBe(notice.recipient.id);
      expect(notice.data).toMatchObject({ caseRef: CASE_REF, alias: 'Blue' });
      expect(JSON.stringify(notice)).not.toMatch(/Person M|Parent A/);
    }
    for (const state of cases) {
      for (const date of dates) {
        const keys = sweep(state, date).map((notice) => JSON.stringify(notice.key));
        expect(new Set(keys).size).toBe(keys.length);
      }
    }
  });

  it('a case that is not open has nothing to say', () => {
    expect(sweep(isu({ meetings: [held('CG1', '2027-02-12', 'M2', 'first')], status: 'ended' }), '2027-02-17')).toEqual([]);
  });

  it('settings left out take the defaults; a day listed twice, a window that closes before it opens, or a digest outside it is refused', () => {
    expect(sweepSettingsSchema.parse({})).toEqual({
      unansweredInvitation: [3, 1],
      missingContribution: [5, 1],
      unscheduledCoreGroup: [10],
      paperworkDue: [1],
      sendWindow: { opens: '08:00', closes: '18:00' },
      digestAt: '08:30',
    });
    expect(sweepSettingsSchema.parse({})).toEqual(SWEEP_DEFAULTS);
    expect(sweepSettingsSchema.safeParse({ unansweredInvitation: [3, 3] }).success).toBe(false);
    expect(sweepSettingsSchema.safeParse({ reminders: [3] }).success).toBe(false);
    expect(sweepSettingsSchema.safeParse({ sendWindow: { opens: '18:00', closes: '08:00' } }).success).toBe(false);
    expect(sweepSettingsSchema.safeParse({ digestAt: '07:45' }).success).toBe(false);
    expect(sweepSettingsSchema.safeParse({ digestAt: '8:30' }).success).toBe(false);
    expect(sweepSettingsSchema.parse({ sendWindow: { opens: '07:00', closes: '19:00' }, digestAt: '07:15' }).digestAt).toBe('07:15');
  });
});
