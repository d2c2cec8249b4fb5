import { describe } from 'vitest';
import { describeSimulation, toldAbout } from './sweepWalk.js';

/*
 * Issue 10's time-travel simulation, the national procedures: one case each, its initial conference (Scotland: the
 * child protection planning meeting) on Mon 16 Nov 2026, walked day by day to Fri 21 May 2027 through Christmas
 * (25 and 28 Dec, 1 Jan, and the council's closure 29-31 Dec), Scotland's St Andrew's Day (Mon 30 Nov) and 2 January
 * substitute (Mon 4 Jan), Northern Ireland's St Patrick's Day (Wed 17 Mar), Easter (Good Friday 26 Mar; Easter
 * Monday 29 Mar outside Scotland) and the early May bank holiday (3 May). The sweep's defaults: members who have
 * not answered are reminded 3 and 1 working days before a meeting; the social worker is told to arrange a core
 * group 10 working days before it is due while none is; paperwork is "due" 1 working day before, "due today", then
 * "overdue" each working day. The dates in the comments are worked out by hand from the procedure.
 */

// The four walks at once: each on its own tables, bot, connector and clock, and each waits mostly on Azurite.
describe.concurrent('the sweep simulation, national procedures', () => {
  describeSimulation({
    policyId: 'england',
    caseRef: 'CP-5101',
    alias: 'Ash',
    story: {
      '2026-11-17': (a) => a.schedule('2026-11-26', 'first'),
      '2026-11-24': (a) => a.attend('CG1'),
      '2026-11-26': (a) => a.held('CG1', 'attended'),
      '2026-12-17': (a) => a.schedule('2027-01-06', 'subsequent'),
      '2027-01-06': (a) => a.held('CG2', 'absent'),
      '2027-02-18': (a) => a.schedule('2027-02-23', 'subsequent'),
      '2027-02-19': (a) => a.apologise('CG3'),
      '2027-02-23': (a) => a.held('CG3', 'apologies'),
      '2027-03-10': (a) => a.schedule('2027-04-01', 'subsequent'),
      '2027-03-30': (a) => a.attend('CG4'),
      '2027-04-01': (a) => a.held('CG4', 'attended'),
      '2027-04-20': (a) => a.schedule('2027-05-11', 'subsequent'),
      '2027-04-21': (a) => a.attend('CG5'),
      '2027-05-11': (a) => a.held('CG5', 'attended'),
    },
    expected: () => {
      const told = toldAbout('CP-5101 · Ash');
      return [
        // CG1 due Mon 30 Nov (10 working days after 16 Nov); 10 working days before it is 16 Nov itself.
        ...told.arrange('2026-11-17'),
        ...told.invited('2026-11-17', 'first'),
        // Meeting Thu 26 Nov: 3 working days before is Mon 23 Nov; she answers on the 24th, so not on Wed 25 Nov.
        ...told.reminded('2026-11-23', 'first'),
        // CG2 due Thu 7 Jan (6 weeks after 26 Nov); 10 working days before, over 25 and 28 Dec, 29-31 Dec and 1 Jan: Wed 16 Dec.
        ...told.arrange('2026-12-16'),
        ...told.invited('2026-12-17', 'subsequent'),
        // Meeting Wed 6 Jan, never answered: 3 working days before is Thu 24 Dec, 1 is Tue 5 Jan.
        ...told.reminded('2026-12-24', 'subsequent'),
        ...told.reminded('2027-01-05', 'subsequent'),
        // CG3 due Wed 17 Feb; 10 working days before: Wed 3 Feb. Not arranged: missed, told on Thu 18 Feb.
        ...told.arrange('2027-02-03'),
        ...told.missed('2027-02-18', 'Core group 3'),
        ...told.invited('2027-02-18', 'subsequent'),
        // Meeting Tue 23 Feb: its 3-working-day reminder day (Thu 18 Feb) had passed when it was arranged; sent next morning.
        ...told.reminded('2027-02-19', 'subsequent'),
        '2027-02-19 sw Hana Visitor (Health visiting) sent apologies',
        // CG4 due Tue 6 Apr, arranged early (10 Mar) for Thu 1 Apr: 3 working days before, over Easter, is Thu 25 Mar.
        ...told.invited('2027-03-10', 'subsequent'),
        ...told.reminded('2027-03-25', 'subsequent'),
        // CG5 due Thu 13 May, arranged on 20 Apr for Tue 11 May and answered the next day. CG6 (22 Jun) is beyond the walk.
        ...told.invited('2027-04-20', 'subsequent'),
      ];
    },
  });

  describeSimulation({
    policyId: 'wales',
    caseRef: 'CP-5102',
    alias: 'Bryn',
    story: {
      '2026-11-17': (a) => a.schedule('2026-11-30', 'first'),
      '2026-11-26': (a) => a.attend('CG1'),
      '2026-11-30': (a) => a.held('CG1', 'attended'),
      '2026-12-07': (a) => a.schedule('2027-01-07', 'subsequent'),
      '2027-01-04': (a) => a.apologise('CG2'),
      '2027-01-07': (a) => a.held('CG2', 'apologies'),
      '2027-02-01': (a) => a.schedule('2027-02-16', 'subsequent'),
      '2027-02-16': (a) => a.held('CG3', 'absent'),
      '2027-03-31': (a) => a.schedule('2027-04-06', 'subsequent'),
      '2027-04-02': (a) => a.attend('CG4'),
      '2027-04-06': (a) => a.held('CG4', 'attended'),
      '2027-04-26': (a) => a.schedule('2027-05-13', 'subsequent'),
      '2027-04-27': (a) => a.attend('CG5'),
      '2027-05-13': (a) => a.held('CG5', 'attended'),
    },
    expected: () => {
      const told = toldAbout('CP-5102 · Bryn');
      return [
        // CG1 due Mon 30 Nov, arranged for that day: reminded Wed 25 Nov (3 working days before); answered on the 26th.
        ...told.arrange('2026-11-17'),
        ...told.invited('2026-11-17', 'first'),
        ...told.reminded('2026-11-25', 'first'),
        // CG2 due Mon 11 Jan, arranged on 7 Dec (before its nudge day, Fri 18 Dec) for Thu 7 Jan: reminded Mon 4 Jan.
        ...told.invited('2026-12-07', 'subsequent'),
        ...told.reminded('2027-01-04', 'subsequent'),
        '2027-01-04 sw Hana Visitor (Health visiting) sent apologies',
        // CG3 due Thu 18 Feb, arranged for Tue 16 Feb and never answered: Thu 11 Feb and Mon 15 Feb.
        ...told.invited('2027-02-01', 'subsequent'),
        ...told.reminded('2027-02-11', 'subsequent'),
        ...told.reminded('2027-02-15', 'subsequent'),
        // CG4 due Tue 30 Mar: 10 working days before, over Easter (26 and 29 Mar), is Fri 12 Mar. Missed: told Wed 31 Mar.
        ...told.arrange('2027-03-12'),
        ...told.missed('2027-03-31', 'Core group 4'),
        ...told.invited('2027-03-31', 'subsequent'),
        // Meeting Tue 6 Apr: 3 working days before is Thu 1 Apr; answered on Fri 2 Apr, so not on Mon 5 Apr.
        ...told.reminded('2027-04-01', 'subsequent'),
        // CG5 due Tue 18 May, arranged on 26 Apr before its nudge day (Tue 4 May) and answered the next day.
        ...told.invited('2027-04-26', 'subsequent'),
      ];
    },
  });

  describeSimulation({
    policyId: 'scotland',
    caseRef: 'CP-5103',
    alias: 'Rowan',
    story: {
      '2026-11-24': (a) => a.schedule('2026-12-04', 'first'),
      '2026-12-04': (a) => a.held('CG1', 'absent'),
      '2026-12-10': (a) => a.schedule('2026-12-22', 'subsequent'),
      '2026-12-11': (a) => a.attend('CG2'),
      '2026-12-22': (a) => a.held('CG2', 'attended'),
      '2027-01-20': (a) => a.schedule('2027-01-25', 'subsequent'),
      '2027-01-21': (a) => a.attend('CG3'),
      '2027-01-25': (a) => a.held('CG3', 'attended'),
      '2027-02-03': (a) => a.schedule('2027-02-18', 'subsequent'),
      '2027-02-15': (a) => a.apologise('CG4'),
      '2027-02-18': (a) => a.held('CG4', 'apologies'),
      '2027-03-01': (a) => a.schedule('2027-03-16', 'subsequent'),
      '2027-03-02': (a) => a.attend('CG5'),
      '2027-03-16': (a) => a.held('CG5', 'attended'),
      '2027-03-31': (a) => a.schedule('2027-04-12', 'subsequent'),
      '2027-04-12': (a) => a.held('CG6', 'absent'),
      '2027-04-22': (a) => a.schedule('2027-05-07', 'subsequent'),
      '2027-04-23': (a) => a.attend('CG7'),
      '2027-05-07': (a) => a.held('CG7', 'attended'),
    },
    expected: () => {
      const told = toldAbout('CP-5103 · Rowan');
      return [
        // CG1 due 15 working days after the CPPM, St Andrew's Day (Mon 30 Nov) skipped: Tue 8 Dec; 10 working days before: Mon 23 Nov.
        ...told.arrange('2026-11-23'),
        ...told.invited('2026-11-24', 'first'),
        // Meeting Fri 4 Dec, never answered: 3 working days before is Tue 1 Dec (not Mon 30 Nov, a holiday here), 1 is Thu 3 Dec.
        ...told.reminded('2026-12-01', 'first'),
        ...told.reminded('2026-12-03', 'first'),
        // CG2 due 4 weeks after 4 Dec: Fri 1 Jan is a holiday, and back over the closure and Christmas: Thu 24 Dec.
        // 10 working days before it: Thu 10 Dec. Arranged that day for Tue 22 Dec, answered the next.
        ...told.arrange('2026-12-10'),
        ...told.invited('2026-12-10', 'subsequent'),
        // CG3 due Tue 19 Jan; 10 working days before, Mon 4 Jan (2 January's substitute) skipped: Tue 5 Jan. Missed: Wed 20 Jan.
        ...told.arrange('2027-01-05'),
        ...told.missed('2027-01-20', 'Core group 3'),
        ...told.invited('2027-01-20', 'subsequent'),
        // Meeting Mon 25 Jan: its 3-working-day day (Wed 20 Jan) passed as it was arranged; sent Thu 21 Jan, then answered.
        ...told.reminded('2027-01-21', 'subsequent'),
        // CG4 due Mon 22 Feb, arranged for Thu 18 Feb: reminded Mon 15 Feb, apologies the same day.
        ...told.invited('2027-02-03', 'subsequent'),
        ...told.reminded('2027-02-15', 'subsequent'),
        '2027-02-15 sw Hana Visitor (Health visiting) sent apologies',
        // CG5 due Thu 18 Mar, arranged for Tue 16 Mar and answered at once.
        ...told.invited('2027-03-01', 'subsequent'),
        // CG6 due Tue 13 Apr; 10 working days before (Easter Monday is a working day here; Good Friday is not): Tue 30 Mar.
        ...told.arrange('2027-03-30'),
        ...told.invited('2027-03-31', 'subsequent'),
        // Meeting Mon 12 Apr, never answered: Wed 7 Apr and Fri 9 Apr.
        ...told.reminded('2027-04-07', 'subsequent'),
        ...told.reminded('2027-04-09', 'subsequent'),
        // CG7 due Mon 10 May, arranged on 22 Apr (its nudge day is Fri 23 Apr) for Fri 7 May.
        ...told.invited('2027-04-22', 'subsequent'),
        // CG8 due Fri 4 Jun; 10 working days before, over the late May holiday (31 May): Thu 20 May.
        ...told.arrange('2027-05-20'),
      ];
    },
  });

  describeSimulation({
    policyId: 'ni-regional',
    caseRef: 'CP-5104',
    alias: 'Lough',
    story: {
      '2026-11-17': (a) => a.schedule('2026-11-27', 'first'),
      '2026-11-18': (a) => a.attend('CG1'),
      '2026-11-27': (a) => a.held('CG1', 'attended'),
      '2026-12-10': async (a) => {
        await a.done('child-seen');
        await a.schedule('2026-12-22', 'subsequent');
      },
      '2026-12-17': (a) => a.done('record-distributed', 'CG1'),
      '2026-12-22': (a) => a.held('CG2', 'absent'),
      '2027-01-07': (a) => a.done('child-seen'),
      '2027-02-09': (a) => a.done('child-seen'),
      '2027-03-08': (a) => a.done('child-seen'),
      '2027-04-01': (a) => a.done('child-seen'),
      '2027-04-20': (a) => a.schedule('2027-04-23', 'subsequent'),
      '2027-04-21': (a) => a.attend('CG3'),
      '2027-04-23': (a) => a.held('CG3', 'attended'),
      '2027-04-28': (a) => a.done('child-seen'),
      '2027-05-18': (a) => a.done('record-distributed', 'CG3'),
    },
    expected: (calendar) => {
      const told = toldAbout('CP-5104 · Lough');
      return [
        // CG1 due Mon 30 Nov (a working day here), arranged for Fri 27 Nov and answered the next day.
        ...told.arrange('2026-11-17'),
        ...told.invited('2026-11-17', 'first'),
        // CG2 is a target: 6 weeks after the conference, Mon 28 Dec, back to Thu 24 Dec; 10 working days before: Thu 10 Dec.
        ...told.arrange('2026-12-10'),
        ...told.invited('2026-12-10', 'subsequent'),
        // Meeting Tue 22 Dec, never answered: Thu 17 Dec and Mon 21 Dec.
        ...told.reminded('2026-12-17', 'subsequent'),
        ...told.reminded('2026-12-21', 'subsequent'),
        // CG1's typed record within 14 working days: Thu 17 Dec, done that day.
        ...told.dueSoon('2026-12-16', 'Record distributed', '2026-12-17'),
        ...told.dueToday('2026-12-17', 'Record distributed'),
        // CG2's record: 14 working days after 22 Dec, over Christmas and the closure: Tue 19 Jan. Never done: overdue each
        // working day to the end of the walk, St Patrick's Day, Good Friday, Easter Monday and 3 May skipped.
        ...told.dueSoon('2027-01-18', 'Record distributed', '2027-01-19'),
        ...told.dueToday('2027-01-19', 'Record distributed'),
        ...told.overdue(calendar, '2027-01-20', '2027-05-21', 'Record distributed'),
        // The child seen every 4 weeks: seen 10 Dec (before 14 Dec's reminder); then due Thu 7 Jan, seen that day.
        ...told.dueSoon('2027-01-06', 'Child seen', '2027-01-07'),
        ...told.dueToday('2027-01-07', 'Child seen'),
        // Due Thu 4 Feb, seen late on Tue 9 Feb.
        ...told.dueSoon('2027-02-03', 'Child seen', '2027-02-04'),
        ...told.dueToday('2027-02-04', 'Child seen'),
        ...told.overdue(calendar, '2027-02-05', '2027-02-09', 'Child seen'),
        // Due Tue 9 Mar, seen on the 8th after the reminder; due Mon 5 Apr, seen 1 Apr before it; due Thu 29 Apr, seen the 28th.
        ...told.dueSoon('2027-03-08', 'Child seen', '2027-03-09'),
        ...told.dueSoon('2027-04-28', 'Child seen', '2027-04-29'),
        // CG3 a target 2 months after the review conference due by Tue 16 Feb: Fri 16 Apr; 10 working days before, over
        // Easter: Fri 2 Apr. The target passes unmet: a target is shown, not escalated, so nobody is told it was missed.
        ...told.arrange('2027-04-02'),
        ...told.invited('2027-04-20', 'subsequent'),
        // Meeting Fri 23 Apr: 3 working days before is Tue 20 Apr, the day it was arranged: sent the next morning.
        ...told.reminded('2027-04-21', 'subsequent'),
        // CG3's record: 14 working days after 23 Apr, 3 May skipped: Fri 14 May; done late on Tue 18 May.
        ...told.dueSoon('2027-05-13', 'Record distributed', '2027-05-14'),
        ...told.dueToday('2027-05-14', 'Record distributed'),
        ...told.overdue(calendar, '2027-05-17', '2027-05-18', 'Record distributed'),
      ];
    },
  });
});
