import { describe, expect, it } from 'vitest';
import { createCalendars } from '../../src/calendar/index.js';
import { isSensibleDay, proposeDate, proposeMeeting } from '../../src/meetings/proposal.js';
import { parseLocalDate } from '../../src/time/localDate.js';
import { timelineOf } from '../timeline/helpers.js';

const calendars = createCalendars();
const d = parseLocalDate;
const propose = (nation: keyof typeof calendars, due: string, today: string, closures: string[] = []) =>
  proposeDate(closures.length ? createCalendars(closures.map(d))[nation] : calendars[nation], d(due), d(today));

describe('the proposed date: the latest sensible working day on or before the due date, not before today', () => {
  it('an ordinary Monday is sensible: the Friday before it is a working day', () => {
    expect(propose('england-wales', '2027-02-08', '2027-02-05')).toBe('2027-02-08');
    expect(isSensibleDay(calendars['england-wales'], d('2027-02-08'))).toBe(true);
  });

  it('not the first day back after Easter: due Tue 30 Mar 2027, England proposes Thu 25 Mar (Good Friday and Easter Monday closed)', () => {
    expect(propose('england-wales', '2027-03-30', '2027-03-15')).toBe('2027-03-25');
  });

  it('Scotland has no Easter Monday, so Tue 30 Mar 2027 is sensible there; Mon 29 Mar follows Good Friday and is not', () => {
    expect(propose('scotland', '2027-03-30', '2027-03-15')).toBe('2027-03-30');
    expect(propose('scotland', '2027-03-29', '2027-03-15')).toBe('2027-03-25');
  });

  it("Northern Ireland's 12 July: due Tue 13 Jul 2027 proposes Fri 9 Jul there, and the day itself in England", () => {
    expect(propose('northern-ireland', '2027-07-13', '2027-07-01')).toBe('2027-07-09');
    expect(propose('england-wales', '2027-07-13', '2027-07-01')).toBe('2027-07-13');
  });

  it('due today on a working day: today', () => {
    expect(propose('england-wales', '2027-02-05', '2027-02-05')).toBe('2027-02-05');
  });

  it('due today, the first day back after Easter: today still, as it is the only day that meets the deadline', () => {
    expect(propose('england-wales', '2027-03-30', '2027-03-30')).toBe('2027-03-30');
  });

  it('overdue: the first sensible day after today', () => {
    expect(propose('england-wales', '2027-02-01', '2027-02-05')).toBe('2027-02-08');
  });

  it('overdue over Christmas 2026: past Christmas Day and the substitute Boxing Day (Mon 28 Dec), not the first day back, so Wed 30 Dec', () => {
    expect(propose('england-wales', '2026-12-23', '2026-12-24')).toBe('2026-12-30');
  });

  it("with the council's closure from 29 to 31 Dec: past New Year's Day and the Monday back, so Tue 5 Jan 2027", () => {
    expect(propose('england-wales', '2026-12-23', '2026-12-24', ['2026-12-29', '2026-12-30', '2026-12-31'])).toBe('2027-01-05');
  });

  it('due on a weekend (a target the engine does not move): the Friday before', () => {
    expect(propose('england-wales', '2027-02-13', '2027-02-05')).toBe('2027-02-12');
  });
});

describe('the proposed meeting, from the timeline', () => {
  it('six-weekly-isu: the first core group, 10 working days after the conference on Mon 25 Jan 2027, due Mon 8 Feb', () => {
    const proposal = proposeMeeting(timelineOf('six-weekly-isu', { icpc: '2027-01-25', today: '2027-02-05' }), calendars['england-wales']);
    expect(proposal).toMatchObject({ date: '2027-02-08', type: 'first', due: { due: '2027-02-08', coreGroup: { number: 1 } } });
  });

  it('six-weekly-isu: a later core group six weeks after the last, Wed 23 Dec 2026 → Wed 3 Feb 2027, is subsequent', () => {
    const proposal = proposeMeeting(timelineOf('six-weekly-isu', { icpc: '2026-12-14', coreGroups: ['2026-12-23'], today: '2027-01-20' }), calendars['england-wales']);
    expect(proposal).toMatchObject({ date: '2027-02-03', type: 'subsequent' });
  });

  it('six-weekly-joint-report: the core group 4 weeks before the review due Fri 2 Apr 2027 is the last before review, Fri 5 Mar', () => {
    const timeline = timelineOf('six-weekly-joint-report', { icpc: '2027-01-04', coreGroups: ['2027-02-01'], today: '2027-02-05' });
    expect(timeline.nextReviewConference?.due).toBe('2027-04-02');
    expect(proposeMeeting(timeline, calendars['england-wales'])).toMatchObject({ date: '2027-03-05', type: 'last-before-review' });
  });

  it('once the plan has ended no core group falls due, so none is proposed', () => {
    const timeline = timelineOf('york', { icpc: '2026-10-05', coreGroups: ['2026-10-15'], reviews: ['2027-01-04'], events: [['plan-ended', '2027-01-04']], today: '2027-02-05' });
    expect(proposeMeeting(timeline, calendars['england-wales'])).toBeNull();
  });
});
