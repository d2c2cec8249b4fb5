import { describe, expect, it } from 'vitest';
import type { Answer, MeetingView, Member } from '../../src/cases/model.js';
import { meetingForReports, reportsMeetingKind, reportsPackOf } from '../../src/meetings/reports.js';
import { parseLocalDate } from '../../src/time/localDate.js';

const meeting = (meetingId: string, date: string, state: Partial<Pick<MeetingView, 'held' | 'cancelled'>> = {}, answers: readonly Answer[] = []): MeetingView => ({
  meetingId,
  date: parseLocalDate(date),
  time: '10:00',
  type: 'subsequent',
  answers,
  ...state,
});
const held = (on: string): Pick<MeetingView, 'held'> => ({
  held: { heldOn: parseLocalDate(on), attendees: [], apologies: [], absentees: [], chair: 'M1', noteTaker: 'M2', childViewsRecorded: true, parentsViewsRecorded: true, recordedAt: `${on}T12:00:00Z` },
});
const cancelled = { cancelled: { on: parseLocalDate('2027-02-01'), by: 'sw' } };

describe('which meeting "reports CP-1042" is about', () => {
  it('the next not held and not cancelled, earliest first, whatever order the meetings are in', () => {
    const meetings = [meeting('CG3', '2027-04-06'), meeting('CG1', '2027-02-02', held('2027-02-02')), meeting('CG4', '2027-03-02', cancelled), meeting('CG2', '2027-03-09')];
    expect(meetingForReports(meetings)?.meetingId).toBe('CG2');
    expect(meetings.map((m) => [m.meetingId, reportsMeetingKind(meetings, m)])).toEqual([['CG3', 'arranged'], ['CG1', 'held'], ['CG4', 'cancelled'], ['CG2', 'next']]);
  });

  it('the last held when none is waiting, by the day it was held', () => {
    const meetings = [meeting('CG1', '2027-02-02', held('2027-02-02')), meeting('CG2', '2027-03-02', held('2027-03-04')), meeting('CG3', '2027-03-09', cancelled)];
    expect(meetingForReports(meetings)?.meetingId).toBe('CG2');
    expect(reportsMeetingKind(meetings, meetings[1]!)).toBe('last-held');
  });

  it('none on a case with no meeting, or only cancelled ones', () => {
    expect(meetingForReports([])).toBeUndefined();
    expect(meetingForReports([meeting('CG1', '2027-02-02', cancelled)])).toBeUndefined();
  });
});

describe('what a meeting’s pack holds', () => {
  const member = (n: number, status: Member['status'] = 'active', aadObjectId?: string): Member => ({
    memberId: `M${n}`, role: 'professional', displayName: `P${n}`, agency: 'A', status, addedAt: '2027-01-01T00:00:00Z', ...(aadObjectId && { aadObjectId }),
  });
  const answer = (memberId: string, response: Answer['response'], withContribution = false): Answer => ({
    meetingId: 'CG1', memberId, response, answeredBy: 'x', onBehalf: false, answeredAt: '2027-01-02T00:00:00Z',
    ...(withContribution && { contribution: { chronology: 'c', progressOfPlan: 'p', updatesForPlan: 'u', riskAndProtectiveFactors: 'r', voiceOfChild: 'v' } }),
  });

  it('apologies and contributions in member order, a removed member’s report kept; awaited: active members with no answer but the social worker', () => {
    const members = [member(1, 'active', 'sw'), member(2), member(3), member(4), member(5, 'removed'), member(10), member(11)];
    const answers = [answer('M10', 'apologies'), answer('M3', 'attending'), answer('M4', 'attending', true), answer('M5', 'apologies')];
    const pack = reportsPackOf({ members, socialWorker: 'sw' }, meeting('CG1', '2027-03-02', {}, answers));
    expect(pack.reports.map((report) => report.member.memberId)).toEqual(['M4', 'M5', 'M10']);
    expect(pack.awaited.map((m) => m.memberId)).toEqual(['M2', 'M11']);
  });
});
