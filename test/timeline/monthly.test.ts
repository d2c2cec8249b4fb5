import { describe, expect, it } from 'vitest';
import { datesOf, registry, timelineOf } from './helpers.js';

describe('warwickshire (seed 003): at least monthly', () => {
  it('first core group within 10 working days', () => {
    expect(timelineOf('warwickshire', { icpc: '2027-01-04', today: '2027-01-04' }).nextCoreGroup?.due).toBe('2027-01-18');
  });

  it('29 Jan + 1 month clamps to 28 Feb, a Sunday, and moves back to Fri 26 Feb', () => {
    const next = timelineOf('warwickshire', { icpc: '2027-01-04', coreGroups: ['2027-01-29'], today: '2027-01-30' }).nextCoreGroup;
    expect(next?.due).toBe('2027-02-26');
    expect(next?.basis).toMatch(/^1 month after the core group on 29 Jan 2027, moved back to the working day before as 28 Feb 2027 is a Sunday/);
  });

  it('31 Jan 2028 + 1 month clamps to leap day 29 Feb 2028', () => {
    expect(timelineOf('warwickshire', { icpc: '2028-01-10', coreGroups: ['2028-01-31'], today: '2028-02-01' }).nextCoreGroup?.due).toBe('2028-02-29');
  });

  it('apologies may come with a verbal or written update', () => {
    expect(registry.require('warwickshire').apologies.update).toBe('verbal-or-written');
  });
});

describe('york (seed 004): monthly, written record and plan within 10 working days', () => {
  it('record out 10 working days after a meeting on 20 Dec 2027, across two substitute Christmas days and New Year’s substitute', () => {
    const timeline = timelineOf('york', { icpc: '2027-12-06', coreGroups: ['2027-12-20'], today: '2027-12-21' });
    expect(datesOf(timeline, 'record-distribution')).toEqual([['2028-01-06', 'upcoming']]);
    expect(timeline.nextCoreGroup?.due).toBe('2028-01-20');
  });

  it('a council Christmas closure from configuration pushes the record later', () => {
    const timeline = timelineOf('york', { icpc: '2027-12-06', coreGroups: ['2027-12-20'], today: '2027-12-21' }, ['2027-12-29', '2027-12-30', '2027-12-31']);
    expect(datesOf(timeline, 'record-distribution')).toEqual([['2028-01-11', 'upcoming']]);
  });
});
