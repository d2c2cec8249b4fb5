import { describe, expect, it } from 'vitest';
import { describeStatus } from '../../src/timeline/index.js';
import { datesOf, timelineOf } from './helpers.js';

const POLICY = 'ni-regional';

describe('ni-regional (seed 001, Northern Ireland calendar)', () => {
  it('first core group within 10 working days, skipping St Patrick’s Day (England would say 19 Mar)', () => {
    const timeline = timelineOf(POLICY, { icpc: '2027-03-05', today: '2027-03-05' });
    expect(timeline.nextCoreGroup).toMatchObject({ due: '2027-03-22', firmness: 'deadline' });
  });

  it('the second core group is a target 6 weeks after the ICPC, shown as a target when passed', () => {
    const upcoming = timelineOf(POLICY, { icpc: '2027-03-05', coreGroups: ['2027-03-19'], today: '2027-03-20' });
    expect(upcoming.nextCoreGroup).toMatchObject({ due: '2027-04-16', firmness: 'target', status: 'upcoming' });
    expect(upcoming.nextCoreGroup?.basis).toMatch(/^6 weeks after the initial child protection case conference on 5 Mar 2027/);
    const passed = timelineOf(POLICY, { icpc: '2027-03-05', coreGroups: ['2027-03-19'], today: '2027-04-20' });
    expect(passed.nextCoreGroup).toMatchObject({ status: 'overdue', firmness: 'target' });
    expect(describeStatus(passed.nextCoreGroup!)).toBe('target passed');
  });

  it('with both core groups before the first review held, the next is 2 months after the review due by Fri 4 Jun', () => {
    const timeline = timelineOf(POLICY, { icpc: '2027-03-05', coreGroups: ['2027-03-19', '2027-04-16'], today: '2027-04-19' });
    expect(timeline.nextReviewConference?.due).toBe('2027-06-04');
    expect(timeline.nextCoreGroup).toMatchObject({ due: '2027-08-04', firmness: 'target' });
    expect(timeline.nextCoreGroup?.basis).toMatch(/^2 months after the review conference due by 4 Jun 2027/);
  });

  it('between reviews: targets at review + 2 months and + 4 months (Sun 3 Oct moves back to Fri 1 Oct), then after the next review', () => {
    const base = { icpc: '2027-03-05', reviews: ['2027-06-03'] };
    const afterReview = timelineOf(POLICY, { ...base, coreGroups: ['2027-03-19', '2027-04-16'], today: '2027-06-04' });
    expect(afterReview.nextCoreGroup?.due).toBe('2027-08-03');
    const oneHeld = timelineOf(POLICY, { ...base, coreGroups: ['2027-03-19', '2027-04-16', '2027-08-03'], today: '2027-08-04' });
    expect(oneHeld.nextCoreGroup?.due).toBe('2027-10-01');
    const twoHeld = timelineOf(POLICY, { ...base, coreGroups: ['2027-03-19', '2027-04-16', '2027-08-03', '2027-10-01'], today: '2027-10-02' });
    expect(twoHeld.nextReviewConference?.due).toBe('2027-12-03');
    expect(twoHeld.nextCoreGroup?.due).toBe('2028-02-03');
  });

  it('the typed record is distributed within 14 working days, skipping 12 July', () => {
    const timeline = timelineOf(POLICY, { icpc: '2027-06-15', coreGroups: ['2027-06-29'], today: '2027-06-30' });
    expect(datesOf(timeline, 'record-distribution')).toEqual([['2027-07-20', 'upcoming']]);
  });

  it('every core group carries the band-7 chair requirement for an AYE case co-ordinator', () => {
    const requirements = timelineOf(POLICY, { icpc: '2027-03-05', today: '2027-03-05' }).nextCoreGroup?.coreGroup?.requirements;
    expect(requirements).toEqual([
      expect.objectContaining({ meeting: 'every', role: 'band-7-manager', requirement: 'chairs', when: 'case-coordinator-is-aye' }),
    ]);
  });
});
