import { describe, expect, it } from 'vitest';
import { runTimelineCli } from '../../src/cli/timelineCli.js';
import { datesOf, only, timelineOf } from './helpers.js';

/** The reproductions an independent re-implementation of the rules found, each worded like its procedure. */
describe('timeline accuracy', () => {
  it('NI: with the review overdue, a core group meeting the "review + 2 months" target moves on to the 4-month one', () => {
    // ICPC Mon 12 Jan 2026: review due Fri 10 Apr (3 months is Sun 12 Apr, moved back); targets 2 and 4 months after it.
    const timeline = timelineOf('ni-regional', { icpc: '2026-01-12', coreGroups: ['2026-01-22', '2026-02-23', '2026-06-08'], today: '2026-06-20' });
    expect(timeline.nextReviewConference?.due).toBe('2026-04-10');
    expect(datesOf(timeline, 'core-group')).toEqual([
      ['2026-01-26', 'met', '2026-01-22'],
      ['2026-02-23', 'met', '2026-02-23'],
      ['2026-06-10', 'met', '2026-06-08'],
      ['2026-08-10', 'upcoming'],
    ]);
    expect(timeline.nextCoreGroup?.basis).toContain('4 months after the review conference due by 10 Apr 2026');
  });

  it('York: a record distributed after the plan ended still meets the core group it was owed for', () => {
    const timeline = timelineOf('york', {
      icpc: '2026-01-12',
      coreGroups: ['2026-01-22'],
      reviews: ['2026-01-26'],
      events: [['plan-ended', '2026-01-26'], ['record-distributed', '2026-02-02']],
      today: '2026-02-20',
    });
    expect(timeline.planEnded).toBe('2026-01-26');
    expect(datesOf(timeline, 'record-distribution')).toEqual([['2026-02-05', 'met', '2026-02-02']]);
  });

  it('seed 000: "hold a core group within five working days" stays breached once the late core group is held', () => {
    const timeline = timelineOf('six-weekly-isu', {
      icpc: '2026-01-12',
      coreGroups: ['2026-01-22', '2026-03-25'],
      events: [['missed-core-group-decision', '2026-03-09']],
      today: '2026-03-30',
    });
    // Core group 2 was due 6 weeks after 22 Jan, Thu 5 Mar; held 25 Mar, 20 days late.
    const second = timeline.obligations.find((o) => o.kind === 'core-group' && o.coreGroup?.number === 2)!;
    expect([second.due, second.status, second.metOn, second.daysLate]).toEqual(['2026-03-05', 'met', '2026-03-25', 20]);
    // The chair's decision on Mon 9 Mar: hold it within five working days, Mon 16 Mar. Held 25 Mar: 9 days late.
    const escalation = only(timeline, 'missed-core-group-escalation');
    expect([escalation.due, escalation.status, escalation.metOn, escalation.daysLate]).toEqual(['2026-03-16', 'met', '2026-03-25', 9]);
  });

  it('seed 004: a plan ends only at a review conference, and what was overdue then stays in the history as missed', () => {
    const timeline = timelineOf('england', {
      icpc: '2025-01-17',
      coreGroups: ['2025-01-27', '2025-03-10'],
      reviews: ['2025-05-12'],
      events: [['plan-ended', '2025-05-12']],
      today: '2025-05-13',
    });
    expect(timeline.planEnded).toBe('2025-05-12');
    // Review due 3 months after Fri 17 Jan: Thu 17 Apr; held 12 May, 25 days late, and ended the plan.
    expect(datesOf(timeline, 'review-conference')).toEqual([['2025-04-17', 'met', '2025-05-12']]);
    // Core group 3: 6 weeks after 10 Mar is Easter Monday 21 Apr, so by Thu 17 Apr (Good Friday before it): never held.
    expect(datesOf(timeline, 'core-group')[2]).toEqual(['2025-04-17', 'missed']);
    expect(timeline.nextCoreGroup).toBeNull();
  });

  it('a plan-ended event without the review conference that decided it does not end the plan in the engine', () => {
    const timeline = timelineOf('england', { icpc: '2025-01-17', coreGroups: ['2025-01-27'], events: [['plan-ended', '2025-05-12']], today: '2025-05-13' });
    expect(timeline.planEnded).toBeNull();
    // The preview takes the review that decided it as given, and says so.
    const cli = runTimelineCli(['--policy', 'england', '--icpc', '2025-01-17', '--event', 'plan-ended=2025-05-12', '--today', '2025-05-13']);
    expect(cli.out.split('\n').slice(2, 5)).toEqual([
      'Next core group due: none (plan ended)',
      'Next review conference due: none (plan ended)',
      'The plan ended at a review conference: --review 2025-05-12 is taken as given with --event plan-ended=2025-05-12.',
    ]);
  });

  it('seed 002: a late first core group is not the last before review; the second is, 4 weeks before the review', () => {
    const timeline = timelineOf('six-weekly-joint-report', { icpc: '2026-01-12', coreGroups: ['2026-03-02'], today: '2026-03-05' });
    // Review due Fri 10 Apr 2026; 4 weeks before it, Fri 13 Mar, comes before 6 weeks after the first (13 Apr).
    const next = timeline.nextCoreGroup!;
    expect([next.due, next.coreGroup?.number, next.coreGroup?.meeting]).toEqual(['2026-03-13', 2, 'pre-review']);
    // The joint report starts at the second core group, not the first.
    expect(timeline.obligations.filter((o) => o.kind.startsWith('joint-report'))).toEqual([]);
  });

  it('seed 002: once the review is held its joint-report steps are met, missed or moot, never upcoming', () => {
    const timeline = timelineOf('six-weekly-joint-report', {
      icpc: '2026-01-12',
      coreGroups: ['2026-01-22', '2026-03-02'],
      reviews: ['2026-03-09'],
      today: '2026-03-20',
    });
    const steps = timeline.obligations.filter((o) => o.kind.startsWith('joint-report')).map((o) => [o.kind, o.due, o.status]);
    // Final report 5 days before the review held on 9 Mar: Mon 2 Mar, not sent: missed. The draft (due 9 Mar) and the
    // later steps were not yet due when the review was held: moot.
    expect(steps).toEqual([['joint-report-final', '2026-03-02', 'missed']]);
  });

  it('paperwork recorded for its meeting meets that meeting; two records sent on one day are two', () => {
    const story = { icpc: '2026-01-12', coreGroups: ['2026-01-22', '2026-02-23'], today: '2026-04-01' };
    const matched = timelineOf('york', story);
    expect(datesOf(matched, 'record-distribution')).toEqual([['2026-02-05', 'overdue'], ['2026-03-09', 'overdue']]);
    const twoInOneDay = runTimelineCli([
      '--policy', 'york', '--icpc', '2026-01-12', '--core-group', '2026-01-22', '--core-group', '2026-02-23',
      '--event', 'record-distributed=2026-03-02', '--event', 'record-distributed=2026-03-02', '--today', '2026-04-01', '--json',
    ]);
    const records = (out: string) =>
      (JSON.parse(out) as { obligations: Array<{ kind: string; status: string; follows: string; daysLate: number | null }> }).obligations
        .filter((o) => o.kind === 'record-distribution')
        .map((o) => [o.follows, o.status, o.daysLate]);
    expect(records(twoInOneDay.out)).toEqual([['2026-01-22', 'met', 25], ['2026-02-23', 'met', null]]);
    // A months-late record for the second meeting, named as such, does not mark the first one met.
    const forSecond = runTimelineCli([
      '--policy', 'york', '--icpc', '2026-01-12', '--core-group', '2026-01-22', '--core-group', '2026-02-23',
      '--event', 'record-distributed=2026-03-25@CG2', '--today', '2026-04-01', '--json',
    ]);
    expect(records(forSecond.out)).toEqual([['2026-01-22', 'overdue', null], ['2026-02-23', 'met', 16]]);
    expect(runTimelineCli(['--policy', 'york', '--icpc', '2026-01-12', '--event', 'record-distributed=2026-03-25@CG2']).code).toBe(2);
  });
});

describe('rules modelled from the procedures', () => {
  it('seed 001: the child is seen at least every 4 weeks while the plan lasts, counted from the last visit', () => {
    const timeline = timelineOf('ni-regional', { icpc: '2026-01-12', events: [['child-seen', '2026-02-02']], today: '2026-03-05' });
    expect(datesOf(timeline, 'child-seen')).toEqual([['2026-02-09', 'met', '2026-02-02'], ['2026-03-02', 'overdue']]);
    expect(timeline.obligations.find((o) => o.kind === 'child-seen' && o.status === 'overdue')?.owner).toBe('social-worker');
  });

  it('seed 000: the ISU sends the outline plan by the working day after the ICPC; the developed plan goes to the ISU after each core group', () => {
    // ICPC Fri 18 Dec 2026: the next working day is Mon 21 Dec.
    const timeline = timelineOf('six-weekly-isu', {
      icpc: '2026-12-18',
      coreGroups: ['2026-12-23'],
      events: [['outline-plan-sent', '2026-12-21']],
      today: '2027-01-05',
    });
    expect(datesOf(timeline, 'outline-plan')).toEqual([['2026-12-21', 'met', '2026-12-21']]);
    const toIsu = only(timeline, 'plan-to-isu');
    expect([toIsu.status, toIsu.firmness, toIsu.follows]).toEqual(['owed', 'undated', '2026-12-23']);
  });

  it('seed 002: the minutes and updated plan go to every member after each core group, with no timescale', () => {
    const timeline = timelineOf('six-weekly-joint-report', { icpc: '2026-01-12', coreGroups: ['2026-01-22'], events: [['minutes-disseminated', '2026-02-20']], today: '2026-03-01' });
    expect(datesOf(timeline, 'minutes-dissemination')).toEqual([['2026-01-22', 'met', '2026-02-20']]);
    expect(only(timeline, 'minutes-dissemination').daysLate).toBeUndefined();
  });

  it('seed 003: the chronology is updated at every core group', () => {
    const timeline = timelineOf('warwickshire', { icpc: '2026-01-12', coreGroups: ['2026-01-22', '2026-02-19'], events: [['chronology-updated', '2026-01-22']], today: '2026-03-01' });
    expect(datesOf(timeline, 'chronology-update')).toEqual([['2026-01-22', 'met', '2026-01-22'], ['2026-02-19', 'owed']]);
  });
});
