import { describe, expect, it } from 'vitest';
import { datesOf, only, registry, timelineOf } from './helpers.js';

function citationOf(id: string) {
  const rule = registry.require(id).laterCoreGroups;
  if (rule.mode !== 'max-gap') throw new Error(`${id} has target dates, not a maximum gap`);
  return rule.citation;
}

describe('national defaults', () => {
  it('England: first core group 10 working days after an ICPC on 16 Dec 2026 lands on Mon 4 Jan 2027', () => {
    const timeline = timelineOf('england', { icpc: '2026-12-16', today: '2026-12-16' });
    expect(timeline.nextCoreGroup?.due).toBe('2027-01-04');
    expect(timeline.nextReviewConference?.due).toBe('2027-03-16');
  });

  it('England: later core groups every 6 weeks, stated as a local choice', () => {
    expect(timelineOf('england', { icpc: '2026-12-16', coreGroups: ['2027-01-04'], today: '2027-01-05' }).nextCoreGroup?.due).toBe('2027-02-15');
    expect(citationOf('england').quote).toMatch(/local choice/);
  });

  it('Wales: outline plan and decisions out within five working days of the ICPC, core groups no more than 6 weeks apart', () => {
    const timeline = timelineOf('wales', { icpc: '2026-12-16', coreGroups: ['2027-01-04'], today: '2027-01-05' });
    // Thu 17, Fri 18, Mon 21, Tue 22, Wed 23 Dec.
    expect(datesOf(timeline, 'outline-plan')).toEqual([['2026-12-23', 'overdue']]);
    expect(only(timeline, 'outline-plan').owner).toBe('chair');
    expect(timeline.obligations.map((o) => o.kind)).not.toContain('plan-circulation');
    expect(timeline.nextCoreGroup?.due).toBe('2027-02-15');
    expect(timeline.nextCoreGroup?.basis).toContain("'The core group should meet within 10 working days of the date of the initial child protection conference");
  });

  it('England: lines whose words were not checked against Working Together read as paraphrases, never as quotes', () => {
    const timeline = timelineOf('england', { icpc: '2026-12-16', today: '2026-12-17' });
    expect(timeline.nextCoreGroup?.basis).toBe(
      '10 working days after the initial child protection conference on 16 Dec 2026 (england: paraphrase of Chapter 4, the core group: the first meeting of the core group should take place within 10 working days of the initial conference)',
    );
  });

  it('Scotland: 15 working days from the planning meeting, skipping St Andrew’s Day (England would say 14 Dec)', () => {
    const timeline = timelineOf('scotland', { icpc: '2026-11-23', today: '2026-11-23' });
    expect(timeline.nextCoreGroup?.due).toBe('2026-12-15');
    expect(timeline.nextCoreGroup?.basis).toMatch(/^15 days \(read as working days\) after the child protection planning meeting on 23 Nov 2026 \(scotland: 'meet in person/);
    // Six months to Sun 23 May 2027, moved back to Fri 21 May.
    expect(timeline.nextReviewConference?.due).toBe('2027-05-21');
  });

  it('Scotland: 15 working days across Christmas and both New Year holidays', () => {
    expect(timelineOf('scotland', { icpc: '2026-12-21', today: '2026-12-21' }).nextCoreGroup?.due).toBe('2027-01-15');
  });

  it('Scotland: every 4 weeks, and Easter Monday is a working day there', () => {
    expect(timelineOf('scotland', { icpc: '2027-02-08', coreGroups: ['2027-03-01'], today: '2027-03-02' }).nextCoreGroup?.due).toBe('2027-03-29');
    expect(citationOf('scotland').quote).toMatch(/local choice/);
  });
});
