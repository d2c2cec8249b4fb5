import { describe, expect, it } from 'vitest';
import { matchIntent } from '../../bot/commands/intents.js';
import { digestCardData, RECORD_PHRASES } from '../../bot/views/digest.js';
import { digestFor, type DigestCase, type DigestPerson } from '../../src/digest/index.js';
import { parseLocalDate } from '../../src/time/localDate.js';
import { held, recorded, scheduled } from '../sweep/caseState.js';
import { chair, deps, elm, manager, namedCase, onDay } from '../digest/cases.js';

const TODAY = '2026-12-23';
const oak = namedCase('CP-2001', 'Oak', { policyId: 'six-weekly-isu', icpc: '2026-12-07', meetings: [held('CG1', '2026-12-18', 'M2', 'first')], events: [recorded('outline-plan-sent', '2026-12-08')] });
const rowan = namedCase('CP-3001', 'Rowan', { policyId: 'scotland', icpc: '2026-12-09' });

const cardsFor = (person: DigestPerson, cases: readonly DigestCase[], today = TODAY, variant: 'daily' | 'weekly' = 'daily') => {
  const digest = digestFor(person, cases, parseLocalDate(today), variant, deps);
  if (digest === null) throw new Error('nothing to say');
  return digestCardData(digest);
};

describe('the digest card', () => {
  it("words each line: what, by when, why in the procedure's words, and who does what, with the chat phrase", () => {
    expect(cardsFor(chair, [onDay(oak, TODAY), onDay(rowan, TODAY)])).toEqual([
      {
        title: 'Digest for Wed 23 Dec 2026',
        subtitle: '1 overdue, 2 due within 5 working days, across the 2 cases you chair or manage',
        sections: [
          {
            heading: 'Overdue',
            cases: [
              {
                caseLabel: 'CP-2001 · Oak',
                role: 'You chair this case',
                lines: [
                  {
                    headline: 'Plan updated (core group on Fri 18 Dec 2026): overdue since Tue 22 Dec 2026',
                    color: 'Attention',
                    reason: "2 working days after the core group on 18 Dec 2026 (six-weekly-isu: 'the plan must be updated within two working days')",
                    action: 'Social worker to do it, then say "plan updated for CP-2001".',
                    caseButtons: [],
                    meetingButtons: [{ title: 'What follows CG1', verb: 'meeting.followUps', caseRef: 'CP-2001', meetingId: 'CG1' }],
                  },
                ],
              },
            ],
          },
          {
            heading: 'Due within 5 working days',
            cases: [
              {
                caseLabel: 'CP-2001 · Oak',
                role: 'You chair this case',
                lines: [
                  {
                    headline: 'Plan circulated (core group on Fri 18 Dec 2026): due by Mon 4 Jan 2027',
                    color: 'Default',
                    reason: "5 working days after the core group on 18 Dec 2026 (six-weekly-isu: 'the plan must be circulated within five working days')",
                    action: 'Social worker to do it, then say "plan circulated for CP-2001".',
                    caseButtons: [],
                    meetingButtons: [{ title: 'What follows CG1', verb: 'meeting.followUps', caseRef: 'CP-2001', meetingId: 'CG1' }],
                  },
                ],
              },
              {
                caseLabel: 'CP-3001 · Rowan',
                role: 'You chair this case',
                lines: [
                  {
                    headline: 'Core group 1 (first): due by Fri 8 Jan 2027',
                    color: 'Default',
                    reason:
                      "15 days (read as working days) after the child protection planning meeting on 9 Dec 2026 (scotland: 'meet in person on a regular basis to carry out their functions, the first time being within 15 days of the CPPM')",
                    // A chair may not schedule: no button, only what the social worker says.
                    action: 'Social worker to arrange it: say "schedule CP-3001".',
                    caseButtons: [],
                    meetingButtons: [],
                  },
                ],
              },
            ],
          },
        ],
        timelinessHeading: '',
        timeliness: [],
        timelinessNote: '',
      },
    ]);
  });

  it("offers the buttons the person's role allows: the team manager schedules and records; a passed target is no breach", () => {
    const arranged = namedCase('CP-3001', 'Rowan', { policyId: 'scotland', icpc: '2026-12-09', meetings: [scheduled('CG1', '2027-01-06', 'first')] }, { teamManager: manager.aadObjectId });
    const lineOn = (person: DigestPerson, state: typeof rowan, today: string) => cardsFor(person, [onDay(state, today)], today)[0].sections[0]?.cases[0]?.lines[0];
    expect(lineOn(manager, rowan, TODAY)).toMatchObject({ action: 'Social worker to arrange it: say "schedule CP-3001".', caseButtons: [{ title: 'Schedule a core group', verb: 'meeting.scheduleForm', caseRef: 'CP-3001' }] });
    expect(lineOn(manager, arranged, TODAY)).toMatchObject({ action: 'Social worker to hold CG1, arranged for Wed 6 Jan 2027 at 10:00.', caseButtons: [], meetingButtons: [] });
    expect(lineOn(manager, arranged, '2027-01-06')).toMatchObject({
      headline: 'Core group 1 (first): due by Fri 8 Jan 2027',
      action: 'Social worker to record CG1, arranged for Wed 6 Jan 2027, as held: say "held CP-3001".',
      meetingButtons: [{ title: 'Record CG1', verb: 'meeting.recordForm', caseRef: 'CP-3001', meetingId: 'CG1' }],
    });
    expect(lineOn(chair, arranged, '2027-01-06')).toMatchObject({ meetingButtons: [] });
    // ni-regional: the second core group "should occur" 6 weeks after the conference, a target.
    const willow = namedCase('CP-9004', 'Willow', { policyId: 'ni-regional', icpc: '2027-04-12', meetings: [held('CG1', '2027-04-20', 'M2', 'first')], events: [recorded('record-distributed', '2027-04-30'), recorded('child-seen', '2027-05-07')] });
    expect(lineOn(chair, willow, '2027-05-25')).toMatchObject({ headline: 'Core group 2: target date passed on Mon 24 May 2027 (not a breach)', color: 'Default' });
  });

  it('every chat phrase it offers is read by the bot as recording that very event, and "schedule" and "held" as theirs', () => {
    const today = parseLocalDate(TODAY);
    for (const [event, phrase] of Object.entries(RECORD_PHRASES)) expect(matchIntent(`${phrase} for CP-2001`, today), phrase).toEqual({ intent: 'record-event', event, caseRef: 'CP-2001' });
    expect(matchIntent('schedule CP-3001', today)).toEqual({ intent: 'schedule', caseRef: 'CP-3001' });
    expect(matchIntent('held CP-3001', today)).toEqual({ intent: 'record-held', caseRef: 'CP-3001' });
  });

  it('weekly, the timeliness record closes the card', () => {
    const [card] = cardsFor(chair, [onDay(elm, '2027-05-04')], '2027-05-04', 'weekly');
    expect(card.title).toBe('Weekly digest for Tue 4 May 2027');
    expect(card.sections[0]?.cases[0]?.lines.map((line) => line.action)).toEqual([
      'Social worker to do it, then say "plan updated for CP-4001".',
      'Social worker to do it, then say "plan circulated for CP-4001".',
      'Chair to hold the review conference; it is recorded outside the bot.',
    ]);
    expect([card.timelinessHeading, card.timeliness, card.timelinessNote]).toEqual([
      'Timeliness, last 12 weeks',
      [
        { title: 'Core groups', value: '1 on time · 1 late · 0 missed' },
        { title: 'Paperwork', value: '1 on time · 1 late · 2 missed' },
      ],
      'Deadlines that fell due from Tue 9 Feb 2027 to Mon 3 May 2027 on your 1 case; missed counts those still overdue. Target dates are not counted: passing one is no breach.',
    ]);
  });
});
