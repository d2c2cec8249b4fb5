import { describe, expect, it } from 'vitest';
import { datesOf, only, timelineOf } from './helpers.js';

const POLICY = 'six-weekly-isu';

describe('six-weekly-isu (seed 000)', () => {
  it('first core group is due 10 working days after the ICPC, skipping Christmas Day and the 28 Dec substitute', () => {
    const timeline = timelineOf(POLICY, { icpc: '2026-12-14', today: '2026-12-15' });
    expect(timeline.nextCoreGroup).toMatchObject({ due: '2026-12-30', status: 'upcoming', firmness: 'deadline', owner: 'social-worker' });
    expect(timeline.nextCoreGroup?.basis).toBe(
      "10 working days after the initial child protection conference on 14 Dec 2026 (six-weekly-isu: 'The First Core Group is convened within 10 working days of the Initial Child Protection Conference')",
    );
  });

  it('after each core group: plan updated in 2 and circulated in 5 working days, next core group in 6 weeks', () => {
    const timeline = timelineOf(POLICY, { icpc: '2026-12-14', coreGroups: ['2026-12-23'], today: '2026-12-24' });
    expect(datesOf(timeline, 'plan-update')).toEqual([['2026-12-29', 'upcoming']]);
    expect(datesOf(timeline, 'plan-circulation')).toEqual([['2027-01-04', 'upcoming']]);
    expect(datesOf(timeline, 'core-group')).toEqual([
      ['2026-12-30', 'met', '2026-12-23'],
      ['2027-02-03', 'upcoming'],
    ]);
    expect(timeline.nextCoreGroup?.basis).toBe(
      "6 weeks after the core group on 23 Dec 2026 (six-weekly-isu: 'at least every six weeks thereafter – whether a review takes place in the period or not')",
    );
  });

  it('a six-week gap ending on Easter Monday moves back past Good Friday to Thu 25 Mar 2027', () => {
    const timeline = timelineOf(POLICY, { icpc: '2027-02-01', coreGroups: ['2027-02-15'], today: '2027-03-01' });
    expect(timeline.nextCoreGroup?.due).toBe('2027-03-25');
    expect(timeline.nextCoreGroup?.basis).toContain('moved back to the working day before as 29 Mar 2027 is Easter Monday');
  });

  it('a review conference does not restart the six-weekly clock', () => {
    const timeline = timelineOf(POLICY, { icpc: '2027-01-04', coreGroups: ['2027-01-15'], reviews: ['2027-02-01'], today: '2027-02-02' });
    expect(timeline.nextCoreGroup?.due).toBe('2027-02-26');
  });

  it('review conference within 3 months of the ICPC, moved back from Sunday 14 Mar to Fri 12 Mar; then within 6 months', () => {
    const before = timelineOf(POLICY, { icpc: '2026-12-14', today: '2027-01-04' });
    expect(before.nextReviewConference).toMatchObject({ due: '2027-03-12', status: 'upcoming', owner: 'chair' });
    const after = timelineOf(POLICY, { icpc: '2026-12-14', reviews: ['2027-03-10'], today: '2027-03-11' });
    expect(datesOf(after, 'review-conference')).toEqual([
      ['2027-03-12', 'met', '2027-03-10'],
      ['2027-09-10', 'upcoming'],
    ]);
  });

  it('a missed core group: the due date stands (overdue) and the chair’s "hold within 5 working days" is a separate obligation', () => {
    const timeline = timelineOf(POLICY, { icpc: '2026-12-14', coreGroups: ['2026-12-23'], today: '2027-02-05' });
    expect(timeline.nextCoreGroup).toMatchObject({ due: '2027-02-03', status: 'overdue' });
    const escalation = only(timeline, 'missed-core-group-escalation');
    expect(escalation).toMatchObject({ due: '2027-02-10', status: 'upcoming', owner: 'chair', firmness: 'deadline' });
    expect(escalation.basis).toContain("the missed core group deadline of 3 Feb 2027 (no chair's decision recorded yet)");
  });

  it('once the chair records the decision, the 5 working days run from it', () => {
    const timeline = timelineOf(POLICY, {
      icpc: '2026-12-14',
      coreGroups: ['2026-12-23'],
      events: [['missed-core-group-decision', '2027-02-11']],
      today: '2027-02-19',
    });
    expect(timeline.nextCoreGroup?.due).toBe('2027-02-03');
    expect(only(timeline, 'missed-core-group-escalation')).toMatchObject({ due: '2027-02-18', status: 'overdue' });
  });

  it('no escalation while the core group is not yet overdue; once held late, the escalation stays in the history, met', () => {
    expect(timelineOf(POLICY, { icpc: '2026-12-14', coreGroups: ['2026-12-23'], today: '2027-02-03' }).obligations.map((o) => o.kind)).not.toContain(
      'missed-core-group-escalation',
    );
    const heldLate = timelineOf(POLICY, { icpc: '2026-12-14', coreGroups: ['2026-12-23', '2027-02-09'], today: '2027-02-10' });
    expect(datesOf(heldLate, 'core-group')[1]).toEqual(['2027-02-03', 'met', '2027-02-09']);
    expect(heldLate.obligations.find((o) => o.kind === 'core-group' && o.metOn === '2027-02-09')?.daysLate).toBe(6);
    // Hold within 5 working days of the missed deadline (no decision recorded): Wed 10 Feb; held on the 9th, in time.
    const escalation = only(heldLate, 'missed-core-group-escalation');
    expect([escalation.due, escalation.status, escalation.metOn, escalation.daysLate]).toEqual(['2027-02-10', 'met', '2027-02-09', undefined]);
  });

  it('due today is its own status', () => {
    expect(timelineOf(POLICY, { icpc: '2026-12-14', today: '2026-12-30' }).nextCoreGroup?.status).toBe('due-today');
  });

  it('recorded circulation meets the earliest core group still waiting, even when late', () => {
    const timeline = timelineOf(POLICY, {
      icpc: '2026-12-14',
      coreGroups: ['2026-12-23', '2027-02-02'],
      events: [
        ['plan-updated', '2026-12-24'],
        ['plan-circulated', '2027-01-06'],
      ],
      today: '2027-02-03',
    });
    expect(datesOf(timeline, 'plan-circulation')).toEqual([
      ['2027-01-04', 'met', '2027-01-06'],
      ['2027-02-09', 'upcoming'],
    ]);
    expect(datesOf(timeline, 'plan-update')).toEqual([
      ['2026-12-29', 'met', '2026-12-24'],
      ['2027-02-04', 'upcoming'],
    ]);
  });

  it('the social worker chairs every core group', () => {
    const requirement = timelineOf(POLICY, { icpc: '2026-12-14', today: '2026-12-15' }).nextCoreGroup?.coreGroup?.requirements;
    expect(requirement).toEqual([expect.objectContaining({ meeting: 'every', role: 'social-worker', requirement: 'chairs' })]);
  });

  it('after the plan ends nothing more falls due, but owed paperwork stays', () => {
    const timeline = timelineOf(POLICY, {
      icpc: '2026-12-14',
      coreGroups: ['2026-12-23'],
      reviews: ['2027-03-10'],
      events: [['plan-ended', '2027-03-10']],
      today: '2027-06-01',
    });
    expect(timeline.planEnded).toBe('2027-03-10');
    expect(timeline.nextCoreGroup).toBeNull();
    expect(timeline.nextReviewConference).toBeNull();
    expect(datesOf(timeline, 'plan-circulation')).toEqual([['2027-01-04', 'overdue']]);
  });
});
