import { describe, expect, it } from 'vitest';
import { caseSummaryData } from '../../bot/views/caseSummary.js';
import { parseLocalDate } from '../../src/time/localDate.js';
import { timelineOf } from '../timeline/helpers.js';

const today = '2027-02-05';
/** The asker's standing on each case below: their own, confirmed by its team manager. */
const held = { roles: ['social-worker', 'member'], teamManager: 'tm-1', chair: 'chair-1', confirmation: 'confirmed', nextMeeting: null } as const;
const overdueCase = { ...held, caseRef: 'CP-1001', alias: 'Blue', timeline: timelineOf('six-weekly-isu', { icpc: '2026-12-14', coreGroups: ['2026-12-23'], events: [['outline-plan-sent', '2026-12-15']], today }) };
const calmCase = { ...held, caseRef: 'CP-1002', timeline: timelineOf('york', { icpc: '2027-01-25', coreGroups: ['2027-02-01'], events: [['record-distributed', '2027-02-03']], today }) };
const targetCase = { ...held, caseRef: 'CP-1003', timeline: timelineOf('ni-regional', { icpc: '2026-12-07', coreGroups: ['2026-12-14'], events: [['child-seen', '2027-01-20']], today }) };
const endedCase = {
  ...held,
  caseRef: 'CP-1004',
  timeline: timelineOf('england', { icpc: '2026-09-01', coreGroups: ['2026-09-10'], reviews: ['2026-11-30'], events: [['plan-ended', '2026-11-30']], today }),
};

describe('case summary answer', () => {
  it('puts cases with anything overdue first, each with its next core group, status and reason', () => {
    const data = caseSummaryData('due', [calmCase, targetCase, overdueCase]);
    expect(data.title).toBe('Next core groups');
    expect(data.subtitle).toBe('3 cases, 2 with something overdue');
    expect(data.cases.map((c) => [c.caseLabel, c.headline, c.statusText])).toEqual([
      ['CP-1003', 'Next core group target date Mon 18 Jan 2027', 'Target passed'],
      ['CP-1001 · Blue', 'Next core group due by Wed 3 Feb 2027', 'Overdue'],
      ['CP-1002', 'Next core group due by Mon 1 Mar 2027', 'Upcoming'],
    ]);
    expect(data.cases[1]!.basis).toMatch(/^6 weeks after the core group on 23 Dec 2026/);
  });

  it('lists the other overdue items of a case under it', () => {
    const [blue] = caseSummaryData('due', [overdueCase]).cases;
    expect(blue!.alerts.map((a) => a.text)).toEqual([
      'Plan updated (core group on Wed 23 Dec 2026): overdue since Tue 29 Dec 2026',
      'Plan circulated (core group on Wed 23 Dec 2026): overdue since Mon 4 Jan 2027',
    ]);
  });

  it('"anything overdue?" shows only what is overdue, and its heading counts exactly the lines it shows', () => {
    const data = caseSummaryData('overdue', [calmCase, targetCase, overdueCase]);
    expect([data.title, data.subtitle]).toEqual(['5 overdue on 2 cases', '4 past a deadline, 1 past a target date (not a breach)']);
    const lines = data.cases.flatMap((c) => [c.headline, ...c.alerts.map((a) => a.text)]);
    expect(lines).toEqual([
      'Next core group target date Mon 18 Jan 2027',
      'Record distributed (core group on Mon 14 Dec 2026): overdue since Wed 6 Jan 2027',
      'Next core group due by Wed 3 Feb 2027',
      'Plan updated (core group on Wed 23 Dec 2026): overdue since Tue 29 Dec 2026',
      'Plan circulated (core group on Wed 23 Dec 2026): overdue since Mon 4 Jan 2027',
    ]);
    expect(data.cases.map((c) => [c.caseLabel, c.statusText])).toEqual([['CP-1003', 'Target passed'], ['CP-1001 · Blue', 'Overdue']]);
  });

  it('"anything overdue?" on a case whose next core group is not late leads with what is', () => {
    const paperwork = { caseRef: 'CP-1007', ...held, timeline: timelineOf('york', { icpc: '2027-01-04', coreGroups: ['2027-01-15'], today }) };
    const data = caseSummaryData('overdue', [paperwork], { caseRef: 'CP-1007' });
    // Record due 10 working days after Fri 15 Jan: Fri 29 Jan; the next core group (a month on) is Mon 15 Feb.
    expect([data.title, data.subtitle]).toEqual(['1 overdue on CP-1007', '1 past a deadline']);
    expect(data.cases.map((c) => [c.headline, c.statusText, c.alerts])).toEqual([['Record distributed (core group on Fri 15 Jan 2027): overdue since Fri 29 Jan 2027', 'Overdue', []]]);
  });

  it('nothing overdue says how many cases were checked', () => {
    const data = caseSummaryData('overdue', [calmCase]);
    expect([data.title, data.subtitle, data.emptyText, data.cases]).toEqual(['Nothing overdue', '1 case checked', 'Ask "due" to see what is coming up.', []]);
  });

  it('"when is the next review conference?" gives each case its review date, status and reason', () => {
    const data = caseSummaryData('review', [overdueCase, calmCase, targetCase]);
    expect([data.title, data.subtitle]).toEqual(['Next review conferences', '3 cases, 0 with the review conference overdue']);
    expect(data.cases.map((c) => [c.caseLabel, c.headline, c.statusText, c.alerts])).toEqual([
      ['CP-1003', 'Next review conference due by Fri 5 Mar 2027', 'Upcoming', []],
      ['CP-1001 · Blue', 'Next review conference due by Fri 12 Mar 2027', 'Upcoming', []],
      ['CP-1002', 'Next review conference due by Fri 23 Apr 2027', 'Upcoming', []],
    ]);
    expect(data.cases[0]!.basis).toBe(
      "3 months after the initial child protection case conference on 7 Dec 2026, moved back to the working day before as 7 Mar 2027 is a Sunday (ni-regional: 'the 3 month period between the Initial Child Protection Case Conference and the first Review')",
    );
    const one = caseSummaryData('review', [targetCase], { caseRef: 'CP-1003' });
    expect([one.title, one.subtitle]).toEqual(['Next review conference for CP-1003', '']);
  });

  it('"my cases" shows the asker\'s role on each case; other answers do not', () => {
    const asChair = { ...targetCase, roles: ['chair'] as const };
    const asMember = { ...calmCase, roles: ['member'] as const };
    const both = { ...overdueCase, roles: ['social-worker', 'team-manager', 'member'] as const };
    expect(caseSummaryData('cases', [asChair, asMember, both]).cases.map((c) => [c.caseLabel, c.yourRole])).toEqual([
      ['CP-1003', 'Chair'],
      ['CP-1001 · Blue', 'Social worker and team manager'],
      ['CP-1002', 'Core group member'],
    ]);
    expect(caseSummaryData('due', [asChair]).cases[0]!.yourRole).toBe('');
  });

  it('a case whose plan ended says so instead of a due date', () => {
    const [ended] = caseSummaryData('cases', [endedCase]).cases;
    expect(ended).toMatchObject({ headline: 'Plan ended on Mon 30 Nov 2026: no more core groups are due', statusText: 'Plan ended' });
  });

  it('"due by" a date keeps cases due by then and anything overdue', () => {
    const data = caseSummaryData('due', [calmCase, targetCase, overdueCase], { by: parseLocalDate('2027-02-28') });
    expect(data.title).toBe('Core groups due by Sun 28 Feb 2027');
    expect(data.cases.map((c) => c.caseLabel)).toEqual(['CP-1003', 'CP-1001 · Blue']);
  });

  it('one case in scope names it in the title', () => {
    expect(caseSummaryData('due', [overdueCase], { caseRef: 'CP-1001' }).title).toBe('Next core group for CP-1001');
  });

  it('statuses use only colours legible on Teams\' light theme, with the words and weight to read them by', () => {
    const data = caseSummaryData('due', [calmCase, targetCase, overdueCase, endedCase]);
    expect(data.cases.map((c) => [c.statusText, c.statusColor, c.statusWeight])).toEqual([
      ['Target passed', 'Default', 'Bolder'],
      ['Overdue', 'Attention', 'Bolder'],
      ['Upcoming', 'Default', 'Default'],
      ['Plan ended', 'Default', 'Default'],
    ]);
  });

  it('offers the next steps the role matrix allows: every step on one case, Members on each line of a list', () => {
    const asMember = { ...calmCase, roles: ['member'] as const };
    const steps = (data: ReturnType<typeof caseSummaryData>) => data.cases.map((c) => [c.caseLabel, ...c.actions.map((a) => `${a.title}: ${a.verb} ${a.caseRef}`)]);
    expect(steps(caseSummaryData('due', [overdueCase], { caseRef: 'CP-1001' }))).toEqual([['CP-1001 · Blue', 'Members: members.show CP-1001', 'Add a member: member.addForm CP-1001', 'Schedule a core group: meeting.scheduleForm CP-1001']]);
    expect(steps(caseSummaryData('due', [asMember], { caseRef: 'CP-1002' }))).toEqual([['CP-1002', 'Members: members.show CP-1002']]);
    expect(steps(caseSummaryData('due', [overdueCase, asMember]))).toEqual([
      ['CP-1001 · Blue', 'Members: members.show CP-1001'],
      ['CP-1002', 'Members: members.show CP-1002'],
    ]);
    // A plan that ended takes no new members, and has no core group to schedule.
    expect(steps(caseSummaryData('cases', [endedCase]))).toEqual([['CP-1004', 'Members: members.show CP-1004']]);
  });
});

describe('case summary: a core group arranged', () => {
  const meeting = { meetingId: 'CG2', date: parseLocalDate('2027-02-10'), time: '14:30' };

  it('shows beside the next core group when it is scheduled, on the due answer, on "my cases" and on an overdue core group', () => {
    const arranged = { ...calmCase, nextMeeting: meeting };
    expect(caseSummaryData('due', [arranged]).cases.map((c) => c.scheduled)).toEqual(['Scheduled for Wed 10 Feb 2027 at 14:30 (CG2)']);
    expect(caseSummaryData('cases', [arranged]).cases[0]!.scheduled).toBe('Scheduled for Wed 10 Feb 2027 at 14:30 (CG2)');
    expect(caseSummaryData('overdue', [{ ...overdueCase, nextMeeting: meeting }]).cases[0]!.scheduled).toBe('Scheduled for Wed 10 Feb 2027 at 14:30 (CG2)');
    expect(caseSummaryData('due', [calmCase]).cases[0]!.scheduled).toBe('');
  });

  it('its day passed, it says it is still to be recorded as held', () => {
    const passed = { ...overdueCase, nextMeeting: { ...meeting, date: parseLocalDate('2027-02-03') } };
    expect(caseSummaryData('due', [passed]).cases[0]!.scheduled).toBe('Scheduled for Wed 3 Feb 2027 at 14:30 (CG2): not yet recorded as held');
  });

  it('is not said on an answer about the review conference, nor on an overdue line about paperwork', () => {
    const arranged = { ...calmCase, nextMeeting: meeting };
    expect(caseSummaryData('review', [arranged]).cases[0]!.scheduled).toBe('');
    const paperwork = { ...held, caseRef: 'CP-1007', nextMeeting: meeting, timeline: timelineOf('york', { icpc: '2027-01-04', coreGroups: ['2027-01-15'], today }) };
    expect(caseSummaryData('overdue', [paperwork]).cases[0]!.scheduled).toBe('');
  });
});

describe('case summary: met late and missed stay visible', () => {
  it('shows the latest core group held late, and what the plan ended with undone as missed', () => {
    const late = { ...held, caseRef: 'CP-1005', timeline: timelineOf('york', { icpc: '2027-01-04', coreGroups: ['2027-01-25'], events: [['record-distributed', '2027-01-27']], today }) };
    // First core group due 10 working days after Mon 4 Jan: Mon 18 Jan; held 25 Jan.
    expect(caseSummaryData('due', [late]).cases[0]!.alerts.map((a) => a.text)).toEqual(['Core group 1 (first): met 7 days late 25 Jan 2027, was due Mon 18 Jan 2027']);
    const ended = {
      ...held,
      caseRef: 'CP-1006',
          timeline: timelineOf('england', { icpc: '2025-01-17', coreGroups: ['2025-01-27', '2025-03-10'], reviews: ['2025-05-12'], events: [['plan-ended', '2025-05-12']], today: '2025-05-13' }),
    };
    const [line] = caseSummaryData('cases', [ended]).cases;
    expect(line!.statusText).toBe('Plan ended');
    expect(line!.alerts.map((a) => a.text)).toEqual(['Core group 3: missed, was due Thu 17 Apr 2025']);
  });
});
