import { describe, expect, it } from 'vitest';
import { digestPages } from '../../bot/views/digest.js';
import { Outbox } from '../../src/delivery/outbox.js';
import { digestRequests, isFirstWorkingDayOfWeek, type DigestCase } from '../../src/digest/index.js';
import { fixedClock } from '../../src/time/clock.js';
import { parseLocalDate } from '../../src/time/localDate.js';
import { snapshot, testStorage } from '../setup/tables.js';
import { CHAIR, held, TENANT } from '../sweep/caseState.js';
import { calendars, chair, deps, namedCase, onDay } from './cases.js';

const withPages = { ...deps, pages: digestPages };
/** Seed 000 (England) and Scotland: both open, each with something overdue from the day after their plans began. */
const oak = namedCase('CP-2001', 'Oak', { policyId: 'six-weekly-isu', icpc: '2027-05-10', meetings: [held('CG1', '2027-05-17', 'M2', 'first')] });
const rowan = namedCase('CP-3001', 'Rowan', { policyId: 'scotland', icpc: '2026-11-02' });

const requestsOn = (today: string, choice: 'daily' | 'weekly', states = [oak]) =>
  digestRequests(chair, states.map((state): DigestCase => onDay(state, today)), parseLocalDate(today), choice, withPages);
const daysOf = (dates: readonly string[], choice: 'daily' | 'weekly', states = [oak]) =>
  Object.fromEntries(dates.map((date) => [date, requestsOn(date, choice, states).map((request) => `${request.key.kind} ${request.key.subject} ${request.key.date}`)]));

describe("the sweep's digest requests", () => {
  it('are keyed by the person, the kind, the day and the part, with the person told if they cannot be reached', () => {
    const [request, ...more] = requestsOn('2027-05-25', 'daily');
    expect(more).toEqual([]);
    expect(request?.key).toEqual({ scope: 'person', tenantId: TENANT, subject: 'part-1', kind: 'digest-daily', recipientId: CHAIR, date: '2027-05-25' });
    expect([request?.tellId, request?.card.name, request?.card.data['title']]).toEqual([CHAIR, 'digest', 'Digest for Tue 25 May 2027']);
  });

  it("daily, on each working day; weekly, on the week's first only: Spring bank holiday (Mon 31 May 2027) moves it to Tuesday", () => {
    const dates = ['2027-05-28', '2027-05-29', '2027-05-31', '2027-06-01', '2027-06-02', '2027-06-07', '2027-06-08'];
    expect(daysOf(dates, 'daily')).toEqual({
      '2027-05-28': ['digest-daily part-1 2027-05-28'],
      '2027-05-29': [],
      '2027-05-31': [],
      '2027-06-01': ['digest-daily part-1 2027-06-01'],
      '2027-06-02': ['digest-daily part-1 2027-06-02'],
      '2027-06-07': ['digest-daily part-1 2027-06-07'],
      '2027-06-08': ['digest-daily part-1 2027-06-08'],
    });
    expect(daysOf(dates, 'weekly')).toEqual({
      '2027-05-28': [],
      '2027-05-29': [],
      '2027-05-31': [],
      '2027-06-01': ['digest-weekly part-1 2027-06-01'],
      '2027-06-02': [],
      '2027-06-07': ['digest-weekly part-1 2027-06-07'],
      '2027-06-08': [],
    });
  });

  it("over Christmas and the closure no weekly comes; after it, the first working day of the person's nations: Scotland alone waits for Tue 5 Jan", () => {
    const [england, scotland] = [calendars['england-wales'], calendars.scotland];
    const week = ['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01'].map(parseLocalDate);
    expect(week.filter((date) => isFirstWorkingDayOfWeek([england, scotland], date))).toEqual([]);
    expect(daysOf(['2027-01-04', '2027-01-05'], 'weekly', [rowan])).toEqual({ '2027-01-04': [], '2027-01-05': ['digest-weekly part-1 2027-01-05'] });
    // A chair with an English case too works Mon 4 Jan: the weekly comes then, once.
    expect(isFirstWorkingDayOfWeek([england, scotland], parseLocalDate('2027-01-04'))).toBe(true);
    expect(isFirstWorkingDayOfWeek([england, scotland], parseLocalDate('2027-01-05'))).toBe(false);
  });

  it('none when there is nothing to say, or no case of theirs', () => {
    // England: the first core group, 10 working days after Tue 4 May 2027, is due Tue 18 May: beyond the 5.
    expect(requestsOn('2027-05-04', 'daily', [namedCase('CP-2002', 'Ash', { policyId: 'england', icpc: '2027-05-04' })])).toEqual([]);
    expect(requestsOn('2027-05-25', 'daily', [])).toEqual([]);
  });

  it('a sweep run twice, or on two instances, queues each part once', async () => {
    const { tables, queues } = await testStorage('dg');
    const outbox = new Outbox(tables.outbox, queues.outbox, fixedClock('2027-06-01'));
    const many = Array.from({ length: 60 }, (_, n) => namedCase(`CP-${6000 + n}`, `Tree ${n}`, { policyId: 'six-weekly-isu', icpc: '2027-05-10', meetings: [held('CG1', '2027-05-17', 'M2', 'first')] }));
    const first = requestsOn('2027-06-01', 'weekly', many);
    expect(first.map((request) => request.key.subject)).toEqual(Array.from({ length: first.length }, (_, n) => `part-${n + 1}`));
    expect(first.length).toBeGreaterThan(1);
    await Promise.all([...first, ...requestsOn('2027-06-01', 'weekly', many)].map((request) => outbox.enqueue(request)));
    const rows = await snapshot(tables, 'outbox');
    expect(rows.map((row) => row.split('@')[0])).toEqual(first.map((_, n) => `${TENANT}|person|${CHAIR}/digest-weekly|part-${n + 1}|${CHAIR}|2027-06-01`).sort());
  });
});
