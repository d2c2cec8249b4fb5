import { describe, expect, it } from 'vitest';
import { digestFor, type DigestCase } from '../../src/digest/index.js';
import { parseLocalDate } from '../../src/time/localDate.js';
import { held, recorded, scheduled, TENANT, TM, CHAIR } from '../sweep/caseState.js';
import { chair, deps, elm, manager, namedCase, onDay } from './cases.js';

const SIX_WEEKLY = "(six-weekly-isu: 'the plan must be updated within two working days')";
const OUTLINE_PLAN = "1 working day after the initial child protection conference on 7 Dec 2026 (six-weekly-isu: 'After the ICPC, the Outline Child Protection Plan is sent out within 24 hours by ISU to Core Group members')";

/**
 * Wed 23 Dec 2026, before Christmas and the council's closure (29–31 Dec): in England "5 working days" runs to
 * Thu 7 Jan 2027 (24 Dec, then 4–7 Jan); in Scotland, where Mon 4 Jan stands in for 2 January, to Fri 8 Jan.
 */
const TODAY = '2026-12-23';
/** Seed 000: a first core group held Fri 18 Dec; the plan was due updated by Tue 22 Dec and circulated by Mon 4 Jan. */
const oak = namedCase('CP-2001', 'Oak', { policyId: 'six-weekly-isu', icpc: '2026-12-07', meetings: [held('CG1', '2026-12-18', 'M2', 'first')] });
/** Scotland: the first core group 15 working days after the planning meeting of Wed 9 Dec 2026: Fri 8 Jan 2027. */
const rowan = namedCase('CP-3001', 'Rowan', { policyId: 'scotland', icpc: '2026-12-09' });
/** England: the first core group 10 working days after Thu 17 Dec 2026: Fri 8 Jan 2027 too, a working day beyond England's five. */
const ash = namedCase('CP-2002', 'Ash', { policyId: 'england', icpc: '2026-12-17' });

const on = (today: string, ...states: Parameters<typeof onDay>[0][]): DigestCase[] => states.map((state) => onDay(state, today));

describe("a chair's daily digest", () => {
  it('lists what is overdue, then what falls due within 5 working days of each case\'s nation, by case, each with its reason and what resolves it', () => {
    expect(on(TODAY, ash)[0]?.timeline.nextCoreGroup?.due).toBe('2027-01-08');
    expect(digestFor(chair, on(TODAY, oak, rowan, ash), parseLocalDate(TODAY), 'daily', deps)).toEqual({
      tenantId: TENANT,
      recipientId: CHAIR,
      date: '2026-12-23',
      variant: 'daily',
      caseCount: 3,
      overdue: [
        {
          caseRef: 'CP-2001',
          alias: 'Oak',
          roles: ['chair'],
          lines: [
            { kind: 'outline-plan', label: 'Outline plan sent', due: '2026-12-08', status: 'overdue', firmness: 'deadline', basis: OUTLINE_PLAN, owner: 'isu', action: { kind: 'outside' } },
            {
              kind: 'plan-update',
              label: 'Plan updated',
              due: '2026-12-22',
              status: 'overdue',
              firmness: 'deadline',
              basis: `2 working days after the core group on 18 Dec 2026 ${SIX_WEEKLY}`,
              owner: 'social-worker',
              follows: '2026-12-18',
              action: { kind: 'record-follow-up', event: 'plan-updated', meetingId: 'CG1', lastHeld: true },
            },
          ],
        },
      ],
      dueSoon: [
        {
          caseRef: 'CP-2001',
          alias: 'Oak',
          roles: ['chair'],
          lines: [
            {
              kind: 'plan-circulation',
              label: 'Plan circulated',
              due: '2027-01-04',
              status: 'upcoming',
              firmness: 'deadline',
              basis: "5 working days after the core group on 18 Dec 2026 (six-weekly-isu: 'the plan must be circulated within five working days')",
              owner: 'social-worker',
              follows: '2026-12-18',
              action: { kind: 'record-follow-up', event: 'plan-circulated', meetingId: 'CG1', lastHeld: true },
            },
          ],
        },
        {
          caseRef: 'CP-3001',
          alias: 'Rowan',
          roles: ['chair'],
          lines: [
            {
              kind: 'core-group',
              label: 'Core group 1 (first)',
              due: '2027-01-08',
              status: 'upcoming',
              firmness: 'deadline',
              basis:
                "15 days (read as working days) after the child protection planning meeting on 9 Dec 2026 (scotland: 'meet in person on a regular basis to carry out their functions, the first time being within 15 days of the CPPM')",
              owner: 'social-worker',
              action: { kind: 'schedule' },
            },
          ],
        },
      ],
    });
  });

  it('a core group arranged says so: to hold on its day, then, its day come, to record', () => {
    const arranged = namedCase('CP-3001', 'Rowan', { policyId: 'scotland', icpc: '2026-12-09', meetings: [scheduled('CG1', '2027-01-06', 'first')] });
    const lineOn = (today: string) => digestFor(chair, on(today, arranged), parseLocalDate(today), 'daily', deps)?.dueSoon[0]?.lines[0]?.action;
    expect(lineOn(TODAY)).toEqual({ kind: 'hold', meeting: { meetingId: 'CG1', date: '2027-01-06', time: '10:00' } });
    expect(lineOn('2027-01-06')).toEqual({ kind: 'record-held', meeting: { meetingId: 'CG1', date: '2027-01-06', time: '10:00' } });
  });

  it('paperwork for an earlier core group than the last held is recorded against that one', () => {
    const later = namedCase('CP-2001', 'Oak', { policyId: 'six-weekly-isu', icpc: '2026-12-07', meetings: [held('CG1', '2026-12-18', 'M2', 'first'), held('CG2', '2027-01-05')] });
    const today = '2027-01-06';
    const digest = digestFor(chair, on(today, later), parseLocalDate(today), 'daily', deps);
    expect(digest?.overdue[0]?.lines.map((line) => [line.label, line.follows, line.action])).toEqual([
      ['Outline plan sent', undefined, { kind: 'outside' }],
      ['Plan updated', '2026-12-18', { kind: 'record-follow-up', event: 'plan-updated', meetingId: 'CG1', lastHeld: false }],
      ['Plan circulated', '2026-12-18', { kind: 'record-follow-up', event: 'plan-circulated', meetingId: 'CG1', lastHeld: false }],
    ]);
  });

  it('a team manager gets the cases they manage; a case chaired or managed by someone else, or not open, is not theirs', () => {
    const elsewhere = namedCase('CP-2003', 'Yew', { policyId: 'six-weekly-isu', icpc: '2026-12-07', meetings: [held('CG1', '2026-12-18', 'M2', 'first')] }, { chair: TM, teamManager: CHAIR });
    const ended = namedCase('CP-2004', 'Fir', { policyId: 'six-weekly-isu', icpc: '2026-12-07', meetings: [held('CG1', '2026-12-18', 'M2', 'first')], status: 'ended' });
    const forManager = digestFor(manager, on(TODAY, oak, elsewhere, ended), parseLocalDate(TODAY), 'daily', deps);
    expect([forManager?.caseCount, forManager?.overdue.map((item) => [item.caseRef, item.roles])]).toEqual([1, [['CP-2001', ['team-manager']]]]);
    const both = digestFor({ ...chair, roles: ['chair', 'team-manager'] }, on(TODAY, oak, elsewhere), parseLocalDate(TODAY), 'daily', deps);
    expect(both?.overdue.map((item) => [item.caseRef, item.roles])).toEqual([
      ['CP-2001', ['chair']],
      ['CP-2003', ['team-manager']],
    ]);
  });

  it('says nothing when nothing is overdue or due within 5 working days', () => {
    // Ash's first core group, Fri 8 Jan, is 6 English working days away.
    expect(digestFor(chair, on(TODAY, ash), parseLocalDate(TODAY), 'daily', deps)).toBeNull();
    expect(digestFor(chair, [], parseLocalDate(TODAY), 'daily', deps)).toBeNull();
    expect(digestFor(manager, on(TODAY, rowan), parseLocalDate('2026-12-10'), 'daily', deps)).toBeNull();
  });
});

describe('the weekly digest', () => {
  // Tue 4 May 2027, after the May Day holiday: twelve weeks back is Tue 9 Feb.
  const today = '2027-05-04';

  it('adds the deadlines of the last 12 weeks: core groups and paperwork met on time, met late, missed (still overdue counts)', () => {
    const digest = digestFor(chair, on(today, elm), parseLocalDate(today), 'weekly', deps);
    expect(digest?.timeliness).toEqual({ from: '2027-02-09', coreGroups: { onTime: 1, late: 1, missed: 0 }, paperwork: { onTime: 1, late: 1, missed: 2 } });
    expect(digest?.overdue[0]?.lines.map((line) => `${line.label} ${line.due}`)).toEqual(['Plan updated 2027-04-05', 'Plan circulated 2027-04-08', 'Review conference 2027-04-30']);
    expect(digestFor(chair, on(today, elm), parseLocalDate(today), 'daily', deps)).not.toHaveProperty('timeliness');
  });

  it('with nothing due, still reports the timeliness of the period; with no case of theirs, says nothing', () => {
    const done = { ...elm, events: [...elm.events, recorded('plan-updated', '2027-04-02'), recorded('plan-circulated', '2027-04-06'), recorded('review-conference-held', '2027-04-29')] };
    const quiet = digestFor(chair, on(today, done), parseLocalDate(today), 'weekly', deps);
    expect([quiet?.overdue, quiet?.dueSoon, quiet?.timeliness]).toEqual([[], [], { from: '2027-02-09', coreGroups: { onTime: 1, late: 1, missed: 0 }, paperwork: { onTime: 3, late: 1, missed: 0 } }]);
    expect(digestFor(chair, on(today, done), parseLocalDate(today), 'daily', deps)).toBeNull();
    // A case open for 12 weeks has had a core group fall due in them: only someone with no case of theirs has nothing to report.
    expect(digestFor(manager, on(today, { ...done, header: { ...done.header, teamManager: CHAIR } }), parseLocalDate(today), 'weekly', deps)).toBeNull();
  });
});
