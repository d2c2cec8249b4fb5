import { TZDate } from '@date-fns/tz';
import type { Meeting } from '../cases/model.js';

/** When a meeting starts: its local date and time in Europe/London, as an instant. */
export const meetingStart = (meeting: Pick<Meeting, 'date' | 'time'>): Date => new TZDate(`${meeting.date}T${meeting.time}:00`, 'Europe/London');

/** A member may answer, and change their answer, until the meeting starts. */
export const answersOpen = (meeting: Pick<Meeting, 'date' | 'time' | 'held'>, now: Date): boolean => meeting.held === undefined && now < meetingStart(meeting);
