import { describe, expect, it } from 'vitest';
import type { MeetingView } from '../../src/cases/model.js';
import { meetingToRecord } from '../../src/due/meetingFollowUps.js';
import { parseLocalDate } from '../../src/time/localDate.js';

const meeting = (meetingId: string, date: string, extra: Partial<MeetingView> = {}): MeetingView => ({
  meetingId,
  date: parseLocalDate(date),
  time: '10:00',
  venue: 'Room 2',
  type: 'subsequent',
  answers: [],
  ...extra,
});
const today = parseLocalDate('2027-02-05');

describe('the meeting waiting to be recorded', () => {
  it('is never one that was cancelled: it was not held', () => {
    const cancelled = meeting('CG2', '2027-02-03', { cancelled: { on: parseLocalDate('2027-02-02'), by: 'sw' } });
    expect(meetingToRecord({ meetings: [meeting('CG1', '2027-02-01'), cancelled] }, today)?.meetingId).toBe('CG1');
    expect(meetingToRecord({ meetings: [cancelled] }, today)).toBeUndefined();
    expect(meetingToRecord({ meetings: [cancelled] }, today, parseLocalDate('2027-02-03'))).toBeUndefined();
  });
});
