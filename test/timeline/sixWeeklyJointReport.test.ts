import { describe, expect, it } from 'vitest';
import { createPolicyRegistry, policyProfileSchema } from '../../src/policy/index.js';
import { datesOf, registry, timelineOf } from './helpers.js';

const POLICY = 'six-weekly-joint-report';
const icpc = '2027-03-01';

describe('six-weekly-joint-report (seed 002)', () => {
  it('"10 days" to the first core group is read as working days, and the profile says so; the team manager chairs it', () => {
    const timeline = timelineOf(POLICY, { icpc, today: icpc });
    expect(timeline.nextCoreGroup?.due).toBe('2027-03-15');
    expect(timeline.nextCoreGroup?.basis).toMatch(/^10 days \(read as working days\) after the initial child protection conference/);
    expect(registry.require(POLICY).source.note).toMatch(/working days/);
    expect(timeline.nextCoreGroup?.coreGroup?.requirements.map((r) => [r.meeting, r.role, r.requirement])).toEqual([
      ['first', 'team-manager', 'chairs'],
      ['every', 'note-taker', 'chair-is-not-note-taker'],
    ]);
  });

  it('a source that leaves days open can be configured as calendar days', () => {
    const calendarDays = policyProfileSchema.parse({ ...registry.require(POLICY), id: 'calendar-days-variant', openDaysAre: 'calendar-days' });
    // 1 Mar + 10 calendar days = Thu 11 Mar.
    expect(timelineOf(calendarDays, { icpc, today: icpc }).nextCoreGroup?.due).toBe('2027-03-11');
    expect(() => createPolicyRegistry([calendarDays])).not.toThrow();
  });

  it('the second core group 6 weeks after the first, with the team manager attending', () => {
    const timeline = timelineOf(POLICY, { icpc, coreGroups: ['2027-03-12'], today: '2027-03-13' });
    expect(timeline.nextCoreGroup).toMatchObject({ due: '2027-04-23', coreGroup: { number: 2, meeting: 'subsequent' } });
    expect(timeline.nextCoreGroup?.coreGroup?.requirements.map((r) => r.requirement)).toContain('attends');
  });

  it('when six weeks would pass the point 4 weeks before the review, the core group before review is due then', () => {
    // 19 Apr + 6 weeks would be 31 May; the review is due Tue 1 Jun, so the last core group before it is due Tue 4 May.
    const timeline = timelineOf(POLICY, { icpc, coreGroups: ['2027-03-12', '2027-04-19'], today: '2027-04-20' });
    expect(timeline.nextCoreGroup).toMatchObject({ due: '2027-05-04', coreGroup: { number: 3, meeting: 'pre-review' } });
    expect(timeline.nextCoreGroup?.basis).toMatch(/^4 weeks before the review conference due by 1 Jun 2027/);
  });

  it('after the core group before review, the next is 6 weeks after the review', () => {
    const timeline = timelineOf(POLICY, { icpc, coreGroups: ['2027-03-12', '2027-04-23'], today: '2027-04-26' });
    expect(timeline.nextCoreGroup?.due).toBe('2027-07-13');
  });

  it('a review conference restarts the six-weekly clock, and the cycle ends with a core group 4 weeks before the next review', () => {
    const held = (coreGroups: string[], today: string) =>
      timelineOf(POLICY, { icpc, coreGroups: ['2027-03-12', '2027-04-23', ...coreGroups], reviews: ['2027-06-01'], today }).nextCoreGroup;
    expect(held([], '2027-06-02')?.due).toBe('2027-07-13');
    expect(held(['2027-07-13'], '2027-07-14')?.due).toBe('2027-08-24');
    expect(held(['2027-07-13', '2027-08-24'], '2027-08-25')?.due).toBe('2027-10-05');
    expect(held(['2027-07-13', '2027-08-24', '2027-10-05'], '2027-10-06')).toMatchObject({
      due: '2027-11-03',
      coreGroup: { meeting: 'pre-review' },
    });
  });

  it('joint report: draft 5, comments 5, to manager 2, authorised 3 working days, final 5 days before review (skipping both May bank holidays)', () => {
    const timeline = timelineOf(POLICY, {
      icpc,
      coreGroups: ['2027-03-12', '2027-04-23'],
      events: [['joint-report-draft-sent', '2027-04-29']],
      today: '2027-05-05',
    });
    expect(datesOf(timeline, 'joint-report-draft')).toEqual([['2027-04-30', 'met', '2027-04-29']]);
    // Comments count from the draft actually sent (Thu 29 Apr), skipping Mon 3 May.
    expect(datesOf(timeline, 'joint-report-comments')).toEqual([['2027-05-07', 'upcoming']]);
    expect(datesOf(timeline, 'joint-report-to-manager')).toEqual([['2027-05-11', 'upcoming']]);
    expect(datesOf(timeline, 'joint-report-authorised')).toEqual([['2027-05-14', 'upcoming']]);
    // Five working days before Tue 1 Jun, skipping the spring bank holiday on 31 May.
    expect(datesOf(timeline, 'joint-report-final')).toEqual([['2027-05-24', 'upcoming']]);
  });

  it('joint report steps not yet done chain from each step’s due date', () => {
    const timeline = timelineOf(POLICY, { icpc, coreGroups: ['2027-03-12', '2027-04-23'], today: '2027-04-26' });
    expect(datesOf(timeline, 'joint-report-draft')).toEqual([['2027-04-30', 'upcoming']]);
    expect(datesOf(timeline, 'joint-report-comments')).toEqual([['2027-05-10', 'upcoming']]);
    expect(datesOf(timeline, 'joint-report-to-manager')).toEqual([['2027-05-12', 'upcoming']]);
    expect(datesOf(timeline, 'joint-report-authorised')).toEqual([['2027-05-17', 'upcoming']]);
  });

  it('no joint report before the core group before review', () => {
    expect(datesOf(timelineOf(POLICY, { icpc, coreGroups: ['2027-03-12'], today: '2027-03-13' }), 'joint-report-draft')).toEqual([]);
  });

  it('minutes reach the social worker within 5 days of the meeting', () => {
    const timeline = timelineOf(POLICY, { icpc, coreGroups: ['2027-03-12'], today: '2027-03-13' });
    expect(datesOf(timeline, 'minutes')).toEqual([['2027-03-19', 'upcoming']]);
    expect(timeline.obligations.find((o) => o.kind === 'minutes')?.owner).toBe('note-taker');
  });
});
