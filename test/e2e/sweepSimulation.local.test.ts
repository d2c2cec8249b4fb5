import { describe } from 'vitest';
import { describeSimulation, toldAbout } from './sweepWalk.js';

/*
 * Issue 10's time-travel simulation, the local procedures of the seeds (all English, so England's bank holidays,
 * plus the council's Christmas closure 29-31 Dec): one case each, its initial conference on Mon 16 Nov 2026,
 * walked day by day to Fri 21 May 2027 with the sweep's defaults (see sweepSimulation.national.test.ts). The dates
 * in the comments are worked out by hand from the procedure.
 */

// The four walks at once: each on its own tables, bot, connector and clock, and each waits mostly on Azurite.
describe.concurrent('the sweep simulation, local procedures', () => {
  describeSimulation({
    policyId: 'york',
    caseRef: 'CP-5201',
    alias: 'Elm',
    story: {
      '2026-11-17': (a) => a.schedule('2026-11-25', 'first'),
      '2026-11-23': (a) => a.attend('CG1'),
      '2026-11-25': (a) => a.held('CG1', 'attended'),
      '2026-12-01': (a) => a.schedule('2026-12-21', 'subsequent'),
      '2026-12-02': (a) => a.attend('CG2'),
      '2026-12-08': (a) => a.done('record-distributed', 'CG1'),
      '2026-12-21': (a) => a.held('CG2', 'attended'),
      '2027-01-22': (a) => a.schedule('2027-01-28', 'subsequent'),
      '2027-01-28': (a) => a.held('CG3', 'absent'),
      '2027-02-08': (a) => a.schedule('2027-02-24', 'subsequent'),
      '2027-02-15': (a) => a.done('record-distributed', 'CG3'),
      '2027-02-19': (a) => a.apologise('CG4'),
      '2027-02-24': (a) => a.held('CG4', 'apologies'),
      '2027-03-03': (a) => a.done('record-distributed', 'CG4'),
      '2027-03-08': (a) => a.schedule('2027-03-22', 'subsequent'),
      '2027-03-09': (a) => a.attend('CG5'),
      '2027-03-22': (a) => a.held('CG5', 'attended'),
      '2027-04-01': (a) => a.schedule('2027-04-20', 'subsequent'),
      '2027-04-06': (a) => a.attend('CG6'),
      '2027-04-07': (a) => a.done('record-distributed', 'CG5'),
      '2027-04-20': (a) => a.held('CG6', 'attended'),
      '2027-05-04': (a) => a.done('record-distributed', 'CG6'),
      '2027-05-05': async (a) => {
        await a.schedule('2027-05-18', 'subsequent');
        await a.attend('CG7');
      },
      '2027-05-18': (a) => a.held('CG7', 'attended'),
    },
    expected: (calendar) => {
      const told = toldAbout('CP-5201 · Elm');
      return [
        // CG1 due Mon 30 Nov, arranged for Wed 25 Nov: reminded Fri 20 Nov, answered on the 23rd.
        ...told.arrange('2026-11-17'),
        ...told.invited('2026-11-17', 'first'),
        ...told.reminded('2026-11-20', 'first'),
        // The record and plan within 10 working days: Wed 9 Dec; done on the 8th after its reminder.
        ...told.dueSoon('2026-12-08', 'Record distributed', '2026-12-09'),
        // CG2 due a month after 25 Nov: Fri 25 Dec, back to Thu 24 Dec. Arranged early, answered the next day.
        ...told.invited('2026-12-01', 'subsequent'),
        // CG2's record: 10 working days after 21 Dec, over Christmas and the closure: Tue 12 Jan. Never done.
        ...told.dueSoon('2027-01-11', 'Record distributed', '2027-01-12'),
        ...told.dueToday('2027-01-12', 'Record distributed'),
        ...told.overdue(calendar, '2027-01-13', '2027-05-21', 'Record distributed'),
        // CG3 due Thu 21 Jan; 10 working days before: Thu 7 Jan. Missed: told Fri 22 Jan, arranged for Thu 28 Jan.
        ...told.arrange('2027-01-07'),
        ...told.missed('2027-01-22', 'Core group 3'),
        ...told.invited('2027-01-22', 'subsequent'),
        ...told.reminded('2027-01-25', 'subsequent'),
        ...told.reminded('2027-01-27', 'subsequent'),
        // CG3's record due Thu 11 Feb, done late on Mon 15 Feb.
        ...told.dueSoon('2027-02-10', 'Record distributed', '2027-02-11'),
        ...told.dueToday('2027-02-11', 'Record distributed'),
        ...told.overdue(calendar, '2027-02-12', '2027-02-15', 'Record distributed'),
        // CG4 due Sun 28 Feb, back to Fri 26 Feb; arranged for Wed 24 Feb: reminded Fri 19 Feb, apologies that day.
        ...told.invited('2027-02-08', 'subsequent'),
        ...told.reminded('2027-02-19', 'subsequent'),
        '2027-02-19 sw Hana Visitor (Health visiting) sent apologies',
        // CG4's record due Wed 10 Mar, done on 3 Mar. CG5 due Wed 24 Mar, arranged on 8 Mar (nudge day Wed 10 Mar).
        ...told.invited('2027-03-08', 'subsequent'),
        // CG5's record: 10 working days after 22 Mar, Good Friday and Easter Monday skipped: Wed 7 Apr; done that day.
        ...told.dueSoon('2027-04-06', 'Record distributed', '2027-04-07'),
        ...told.dueToday('2027-04-07', 'Record distributed'),
        // CG6 due Thu 22 Apr, arranged on 1 Apr (nudge day Thu 8 Apr), answered before its reminder (Thu 15 Apr).
        ...told.invited('2027-04-01', 'subsequent'),
        // CG6's record: 10 working days after 20 Apr, 3 May skipped: Wed 5 May; done on the 4th after its reminder.
        ...told.dueSoon('2027-05-04', 'Record distributed', '2027-05-05'),
        // CG7 due Thu 20 May, arranged on 5 May (nudge day Thu 6 May). Its record (1 Jun) and CG8 are beyond the walk.
        ...told.invited('2027-05-05', 'subsequent'),
      ];
    },
  });

  describeSimulation({
    policyId: 'warwickshire',
    caseRef: 'CP-5202',
    alias: 'Yew',
    story: {
      '2026-11-19': (a) => a.schedule('2026-11-27', 'first'),
      '2026-11-27': (a) => a.held('CG1', 'absent'),
      '2026-12-11': (a) => a.schedule('2026-12-23', 'subsequent'),
      '2026-12-14': (a) => a.attend('CG2'),
      '2026-12-23': (a) => a.held('CG2', 'attended'),
      '2027-01-25': (a) => a.schedule('2027-01-29', 'subsequent'),
      '2027-01-27': (a) => a.attend('CG3'),
      '2027-01-29': (a) => a.held('CG3', 'attended'),
      '2027-02-01': (a) => a.schedule('2027-02-25', 'subsequent'),
      '2027-02-05': (a) => a.apologise('CG4'),
      '2027-02-25': (a) => a.held('CG4', 'apologies'),
      '2027-03-15': (a) => a.schedule('2027-03-23', 'subsequent'),
      '2027-03-23': (a) => a.held('CG5', 'absent'),
      '2027-04-06': async (a) => {
        await a.schedule('2027-04-21', 'subsequent');
        await a.attend('CG6');
      },
      '2027-04-21': (a) => a.held('CG6', 'attended'),
      '2027-05-10': (a) => a.schedule('2027-05-19', 'subsequent'),
      '2027-05-13': (a) => a.attend('CG7'),
      '2027-05-19': (a) => a.held('CG7', 'attended'),
    },
    // Monthly core groups; the chronology is updated at every meeting, with no timescale, so nobody is nudged about it.
    expected: () => {
      const told = toldAbout('CP-5202 · Yew');
      return [
        // CG1 due Mon 30 Nov, arranged for Fri 27 Nov and never answered: Tue 24 Nov and Thu 26 Nov.
        ...told.arrange('2026-11-17'),
        ...told.invited('2026-11-19', 'first'),
        ...told.reminded('2026-11-24', 'first'),
        ...told.reminded('2026-11-26', 'first'),
        // CG2 due a month after 27 Nov: Sun 27 Dec, back over Christmas Day to Thu 24 Dec; 10 working days before: Thu 10 Dec.
        ...told.arrange('2026-12-10'),
        ...told.invited('2026-12-11', 'subsequent'),
        // CG3 due Sat 23 Jan, back to Fri 22 Jan; 10 working days before: Fri 8 Jan. Missed: told Mon 25 Jan.
        ...told.arrange('2027-01-08'),
        ...told.missed('2027-01-25', 'Core group 3'),
        ...told.invited('2027-01-25', 'subsequent'),
        // Meeting Fri 29 Jan: reminded Tue 26 Jan (3 working days before); answered on the 27th, so not on Thu 28 Jan.
        ...told.reminded('2027-01-26', 'subsequent'),
        // CG4 due Sun 28 Feb, back to Fri 26 Feb; arranged early; apologies long before the reminders.
        ...told.invited('2027-02-01', 'subsequent'),
        '2027-02-05 sw Hana Visitor (Health visiting) sent apologies',
        // CG5 due Thu 25 Mar; 10 working days before: Thu 11 Mar. Arranged for Tue 23 Mar, never answered: Thu 18 and Mon 22 Mar.
        ...told.arrange('2027-03-11'),
        ...told.invited('2027-03-15', 'subsequent'),
        ...told.reminded('2027-03-18', 'subsequent'),
        ...told.reminded('2027-03-22', 'subsequent'),
        // CG6 due Fri 23 Apr, arranged and answered on 6 Apr, before its nudge day (Fri 9 Apr).
        ...told.invited('2027-04-06', 'subsequent'),
        // CG7 due Fri 21 May; 10 working days before: Fri 7 May. Answered on 13 May, before Fri 14 May's reminder.
        ...told.arrange('2027-05-07'),
        ...told.invited('2027-05-10', 'subsequent'),
      ];
    },
  });

  describeSimulation({
    policyId: 'six-weekly-isu',
    caseRef: 'CP-5203',
    alias: 'Oak',
    story: {
      '2026-11-17': (a) => a.schedule('2026-11-26', 'first'),
      '2026-11-20': (a) => a.attend('CG1'),
      '2026-11-26': (a) => a.held('CG1', 'attended'),
      '2026-11-27': (a) => a.done('plan-updated', 'CG1'),
      '2026-12-07': (a) => a.done('plan-circulated', 'CG1'),
      '2027-01-08': (a) => a.decide('Hold a core group within five working days.'),
      '2027-01-11': (a) => a.schedule('2027-01-14', 'subsequent'),
      '2027-01-14': (a) => a.held('CG2', 'absent'),
      '2027-01-20': (a) => a.done('plan-circulated', 'CG2'),
      '2027-02-02': (a) => a.schedule('2027-02-23', 'subsequent'),
      '2027-02-18': (a) => a.apologise('CG3'),
      '2027-02-23': (a) => a.held('CG3', 'apologies'),
      '2027-02-24': (a) => a.done('plan-updated', 'CG3'),
      '2027-02-26': (a) => a.done('plan-circulated', 'CG3'),
      '2027-03-22': async (a) => {
        await a.schedule('2027-04-01', 'subsequent');
        await a.attend('CG4');
      },
      '2027-04-01': async (a) => {
        await a.held('CG4', 'attended');
        await a.done('plan-updated', 'CG4');
      },
      '2027-04-09': (a) => a.done('plan-circulated', 'CG4'),
      '2027-04-26': (a) => a.schedule('2027-05-11', 'subsequent'),
      '2027-04-27': (a) => a.attend('CG5'),
      '2027-05-11': async (a) => {
        await a.held('CG5', 'attended');
        await a.done('plan-updated', 'CG5');
        await a.done('plan-circulated', 'CG5');
      },
    },
    // Seed 000: plan updated within 2 and circulated within 5 working days; the copy to the ISU has no timescale.
    expected: (calendar) => {
      const told = toldAbout('CP-5203 · Oak');
      const decision = "The chair's decision on a missed core group for CP-5203 · Oak";
      return [
        ...told.arrange('2026-11-17'),
        ...told.invited('2026-11-17', 'first'),
        // CG1 held Thu 26 Nov: plan updated by Mon 30 Nov (done on the 27th, after its reminder).
        ...told.dueSoon('2026-11-27', 'Plan updated', '2026-11-30'),
        // Circulated by Thu 3 Dec, done late on Mon 7 Dec.
        ...told.dueSoon('2026-12-02', 'Plan circulated', '2026-12-03'),
        ...told.dueToday('2026-12-03', 'Plan circulated'),
        ...told.overdue(calendar, '2026-12-04', '2026-12-07', 'Plan circulated'),
        // CG2 due Thu 7 Jan; 10 working days before it: Wed 16 Dec. Missed: on Fri 8 Jan the social worker and team
        // manager are told and the chair asked for the decision, which goes to the team manager and service delivery manager.
        ...told.arrange('2026-12-16'),
        ...told.missed('2027-01-08', 'Core group 2'),
        '2027-01-08 chair Record your decision: Core group 2 for CP-5203 · Oak was missed',
        `2027-01-08 tm ${decision}`,
        `2027-01-08 sdm ${decision}`,
        // Arranged on Mon 11 Jan for Thu 14 Jan, never answered: the 3-day reminder (11 Jan) the next morning, then Wed 13 Jan.
        ...told.invited('2027-01-11', 'subsequent'),
        ...told.reminded('2027-01-12', 'subsequent'),
        ...told.reminded('2027-01-13', 'subsequent'),
        // "Hold within five working days" of the decision (8 Jan): Fri 15 Jan; held on the 14th after its reminder.
        ...told.dueSoon('2027-01-14', 'Missed core group: hold it now', '2027-01-15', ['sw', 'tm']),
        // CG2's plan: updated by Mon 18 Jan, never; circulated by Thu 21 Jan, done on the 20th after its reminder.
        ...told.dueSoon('2027-01-15', 'Plan updated', '2027-01-18'),
        ...told.dueToday('2027-01-18', 'Plan updated'),
        ...told.overdue(calendar, '2027-01-19', '2027-05-21', 'Plan updated'),
        ...told.dueSoon('2027-01-20', 'Plan circulated', '2027-01-21'),
        // CG3 due Thu 25 Feb, arranged early for Tue 23 Feb: reminded Thu 18 Feb, apologies that day.
        ...told.invited('2027-02-02', 'subsequent'),
        ...told.reminded('2027-02-18', 'subsequent'),
        '2027-02-18 sw Hana Visitor (Health visiting) sent apologies',
        // CG3's plan updated by Thu 25 Feb (done on the 24th after its reminder), circulated by Tue 2 Mar (done 26 Feb).
        ...told.dueSoon('2027-02-24', 'Plan updated', '2027-02-25'),
        // CG4 due Tue 6 Apr; 10 working days before, over Easter: Fri 19 Mar. Arranged on 22 Mar for Thu 1 Apr.
        ...told.arrange('2027-03-19'),
        ...told.invited('2027-03-22', 'subsequent'),
        // CG4's plan circulated within 5 working days of 1 Apr, Easter Monday skipped: Thu 8 Apr; done late on the 9th.
        ...told.dueSoon('2027-04-07', 'Plan circulated', '2027-04-08'),
        ...told.dueToday('2027-04-08', 'Plan circulated'),
        ...told.overdue(calendar, '2027-04-09', '2027-04-09', 'Plan circulated'),
        // CG5 due Thu 13 May, arranged on 26 Apr (nudge day Wed 28 Apr) for Tue 11 May; its plan done that day.
        ...told.invited('2027-04-26', 'subsequent'),
      ];
    },
  });

  describeSimulation({
    policyId: 'six-weekly-joint-report',
    caseRef: 'CP-5204',
    alias: 'Ash',
    story: {
      '2026-11-17': (a) => a.schedule('2026-11-26', 'first'),
      '2026-11-18': (a) => a.attend('CG1'),
      '2026-11-26': (a) => a.held('CG1', 'attended'),
      '2026-12-01': (a) => a.schedule('2026-12-22', 'subsequent'),
      '2026-12-03': (a) => a.done('minutes-received', 'CG1'),
      '2026-12-22': (a) => a.held('CG2', 'absent'),
      '2027-01-04': (a) => a.schedule('2027-01-14', 'last-before-review'),
      '2027-01-08': (a) => a.done('minutes-received', 'CG2'),
      '2027-01-12': (a) => a.contribute('CG3'),
      '2027-01-14': (a) => a.held('CG3', 'attended'),
      '2027-01-19': (a) => a.done('minutes-received', 'CG3'),
      '2027-01-21': (a) => a.done('joint-report-draft-sent'),
      '2027-02-01': (a) => a.done('joint-report-comments-received'),
      '2027-02-02': (a) => a.done('joint-report-sent-to-manager'),
      '2027-02-04': (a) => a.done('joint-report-authorised', undefined, 'tm'),
      '2027-02-16': (a) => a.done('review-conference-held'),
      '2027-03-15': (a) => a.schedule('2027-03-25', 'subsequent'),
      '2027-03-22': (a) => a.apologise('CG4'),
      '2027-03-25': (a) => a.held('CG4', 'apologies'),
      '2027-04-01': (a) => a.done('minutes-received', 'CG4'),
      '2027-04-13': (a) => a.schedule('2027-05-04', 'subsequent'),
      '2027-04-14': (a) => a.attend('CG5'),
      '2027-05-04': (a) => a.held('CG5', 'attended'),
    },
    // Seed 002: the note taker's minutes to the social worker within 5 days (read as working days); the joint report
    // for the review conference, due by Tue 16 Feb (3 months), runs from the core group before it.
    expected: (calendar) => {
      const told = toldAbout('CP-5204 · Ash');
      const both = ['sw', 'tm'];
      return [
        ...told.arrange('2026-11-17'),
        ...told.invited('2026-11-17', 'first'),
        // CG1 held Thu 26 Nov, the member taking the notes: her minutes due Thu 3 Dec, sent that day.
        ...told.dueSoon('2026-12-02', 'Minutes to social worker', '2026-12-03', ['member']),
        ...told.dueToday('2026-12-03', 'Minutes to social worker', ['member']),
        // CG2 due Thu 7 Jan (6 weeks), arranged for Tue 22 Dec, never answered: Thu 17 Dec and Mon 21 Dec.
        ...told.invited('2026-12-01', 'subsequent'),
        ...told.reminded('2026-12-17', 'subsequent'),
        ...told.reminded('2026-12-21', 'subsequent'),
        // CG2's notes by the social worker (the member was absent): 5 working days after 22 Dec is Wed 6 Jan; sent Fri 8 Jan.
        ...told.dueSoon('2027-01-05', 'Minutes to social worker', '2027-01-06'),
        ...told.dueToday('2027-01-06', 'Minutes to social worker'),
        ...told.overdue(calendar, '2027-01-07', '2027-01-08', 'Minutes to social worker'),
        // CG3 is the one before review: 4 weeks before 16 Feb, Tue 19 Jan. Arranged on 4 Jan (nudge day Tue 5 Jan) for
        // Thu 14 Jan: the contribution asked 5 working days before (Thu 7 Jan), the answer 3 before (Mon 11 Jan); she
        // attends with her contribution on the 12th, which goes to the social worker.
        ...told.invited('2027-01-04', 'last-before-review'),
        '2027-01-07 member Reminder: your joint-report contribution for CP-5204 · Ash',
        ...told.reminded('2027-01-11', 'last-before-review'),
        '2027-01-12 sw Hana Visitor (Health visiting) is attending and sent their joint-report contribution',
        // The joint report, social worker and team manager told of each step: draft by Thu 21 Jan (done that day).
        ...told.dueSoon('2027-01-20', 'Joint report: draft sent', '2027-01-21', both),
        ...told.dueToday('2027-01-21', 'Joint report: draft sent', both),
        // Comments 5 working days after: Thu 28 Jan, back late on Mon 1 Feb.
        ...told.dueSoon('2027-01-27', 'Joint report: comments back', '2027-01-28', both),
        ...told.dueToday('2027-01-28', 'Joint report: comments back', both),
        ...told.overdue(calendar, '2027-01-29', '2027-02-01', 'Joint report: comments back', both),
        // While the comments are late, the engine counts the next step from their due date (jointReport.ts: "or was due
        // if it is not yet"): to the team manager by Mon 1 Feb, told Fri 29 Jan and on the 1st though nothing can be sent
        // yet. This is the engine's reading, not the procedure's ("within 2 working days" of the amendments): see the
        // simulation's report. Once the comments are back on 1 Feb it is due Wed 3 Feb, told again on the 2nd.
        ...told.dueSoon('2027-01-29', 'Joint report: sent to team manager', '2027-02-01', both),
        ...told.dueToday('2027-02-01', 'Joint report: sent to team manager', both),
        // To the team manager 2 working days after the comments (Wed 3 Feb), done on the 2nd; authorised 3 after (Fri 5 Feb), done the 4th.
        ...told.dueSoon('2027-02-02', 'Joint report: sent to team manager', '2027-02-03', both),
        ...told.dueSoon('2027-02-04', 'Joint report: authorised', '2027-02-05', both),
        // The final report 5 days before the review (Tue 9 Feb): never sent; overdue until the review is held on the 16th.
        ...told.dueSoon('2027-02-08', 'Joint report: final sent', '2027-02-09', both),
        ...told.dueToday('2027-02-09', 'Joint report: final sent', both),
        ...told.overdue(calendar, '2027-02-10', '2027-02-16', 'Joint report: final sent', both),
        // After the review, 6 weeks from it: Tue 30 Mar; 10 working days before, over Easter: Fri 12 Mar.
        ...told.arrange('2027-03-12'),
        ...told.invited('2027-03-15', 'subsequent'),
        ...told.reminded('2027-03-22', 'subsequent'),
        '2027-03-22 sw Hana Visitor (Health visiting) sent apologies',
        // CG5 due Thu 6 May, arranged early for Tue 4 May; the member's minutes due Tue 11 May, never sent.
        ...told.invited('2027-04-13', 'subsequent'),
        ...told.dueSoon('2027-05-10', 'Minutes to social worker', '2027-05-11', ['member']),
        ...told.dueToday('2027-05-11', 'Minutes to social worker', ['member']),
        ...told.overdue(calendar, '2027-05-12', '2027-05-21', 'Minutes to social worker', ['member']),
      ];
    },
  });
});
