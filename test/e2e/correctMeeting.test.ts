import { describe, expect, it } from 'vitest';
import { cardIn, sentencesOf } from '../support/cards.js';
import { MEMBER, SOCIAL_WORKER, TENANT } from './activities.js';
import { askOnce, botOnStorage } from './botOnStorage.js';
import { elmCase, recordFormPresses, SOCIAL_WORKER_ACTOR as socialWorker } from './recordForms.js';
import { CHAIR, TEAM_MANAGER } from './seedStories.js';

type Json = Record<string, unknown>;

/**
 * Correcting a core group recorded wrongly, over real HTTP and storage, on Fri 5 Feb 2027: a six-weekly-isu case
 * (seed 000) whose first core group, held on Wed 3 Feb, was recorded as held on Tue 2 Feb. The social worker
 * corrects the date with a reason from the follow-ups card; the follow-ups, the due answer and the audit trail
 * follow the corrected date.
 */
describe('correcting the record of a core group', () => {
  const env = botOnStorage('correct', async ({ tables }) => {
    await elmCase(tables, 'CP-3302', '2027-02-02');
  });
  const { press, input, besideField, requestIdOf } = recordFormPresses(env);
  const verbsOf = (card: Json) => [...JSON.stringify(card).matchAll(/"verb":"([a-zA-Z.]+)"/g)].map((match) => match[1]);
  const caseNow = () => env.bot.services.cases.queries.getCase(socialWorker, 'CP-3302');
  const meeting = { caseRef: 'CP-3302', meetingId: 'CG1' };
  const recorded = {
    heldOn: '2027-02-02',
    'attendance-M1': 'attended',
    'attendance-M2': 'apologies',
    'attendance-M3': 'attended',
    chair: 'M1',
    noteTaker: 'M1',
    childViewsRecorded: 'true',
    childViewsNote: '',
    parentsViewsRecorded: 'true',
    parentsViewsNote: '',
    membershipReviewed: 'true',
  };

  let followUps: Json;
  it('recorded as held on Tue 2 Feb, the next core group is due six weeks later, and the follow-ups card offers the correction', async () => {
    const form = await press('meeting.recordForm', meeting);
    followUps = await press('meeting.record', { ...meeting, requestId: requestIdOf(form), ...recorded });
    expect(sentencesOf(followUps).slice(0, 2)).toEqual([
      'After the core group of Tue 2 Feb 2027 for CP-3302 · Elm',
      'Recorded: the core group was held on Tue 2 Feb 2027. Record each of these as it is done.',
    ]);
    expect(JSON.stringify(followUps)).toContain('"title":"Correct this record","verb":"meeting.correctForm"');
    expect(sentencesOf(cardIn(await askOnce(env, 'when is the next core group due for CP-3302?')))).toContain('Next core group due by Tue 16 Mar 2027');
  });

  let form: Json;
  it('"Correct this record" opens the record form pre-filled from the record, with an empty Reason box', async () => {
    form = await press('meeting.correctForm', meeting);
    expect(sentencesOf(form).slice(0, 2)).toEqual([
      'Correct the record of the first core group held on Tue 2 Feb 2027 for CP-3302 · Elm',
      'Change what was recorded wrongly and say why. The dates that follow the meeting move with a corrected date; what was already done stays done.',
    ]);
    expect(['heldOn', 'attendance-M1', 'attendance-M2', 'attendance-M3', 'chair', 'noteTaker', 'reason'].map((id) => input(form, id)?.value)).toEqual([
      '2027-02-02',
      'attended',
      'apologies',
      'attended',
      'M1',
      'M1',
      '',
    ]);
    expect(input(form, 'reason')?.label).toBe('Why the record is being corrected');
  });

  it('a reason that says nothing is refused beside its box on the same form, the date as typed; nothing is saved', async () => {
    const refused = await press('meeting.correct', { ...meeting, requestId: requestIdOf(form), ...recorded, heldOn: '2027-02-03', reason: 'n/a' });
    expect(besideField(refused, 'reason')).toBe('"Why the record is being corrected" needs a real answer: "n/a" tells the core group nothing.');
    expect([input(refused, 'heldOn')?.value, input(refused, 'reason')?.value]).toEqual(['2027-02-03', 'n/a']);
    const view = await caseNow();
    expect([view.meetings[0]?.held?.heldOn, view.recordedEvents]).toEqual(['2027-02-02', []]);
  });

  it('corrected to Wed 3 Feb with a reason: the follow-ups, the due answer and the audit trail follow; a re-sent press corrects once', async () => {
    const correction = { ...meeting, requestId: requestIdOf(form), ...recorded, heldOn: '2027-02-03', reason: 'Entered as the day first planned; it was held on the Wednesday' };
    const after = await press('meeting.correct', correction);
    expect(sentencesOf(after)).toEqual([
      'After the core group of Wed 3 Feb 2027 for CP-3302 · Elm',
      'Corrected: the date held, with your reason. The core group was held on Wed 3 Feb 2027; what follows it is counted from that day.',
      'Plan sent to the ISU',
      'Owed after the meeting; the procedure sets no timescale · social worker',
      'Plan updated',
      'Due today: due by Fri 5 Feb 2027 · social worker',
      'Plan circulated',
      'Upcoming: due by Wed 10 Feb 2027 · social worker',
    ]);
    await press('meeting.correct', correction);
    const view = await caseNow();
    expect(view.meetings[0]?.held).toMatchObject({ heldOn: '2027-02-03', attendees: ['M1', 'M3'], apologies: ['M2'], absentees: [] });
    expect(view.recordedEvents.map((event) => [event.eventId, event.kind, event.date, event.meetingId, event.note])).toEqual([
      ['E1', 'core-group-corrected', '2027-02-05', 'CG1', 'Entered as the day first planned; it was held on the Wednesday'],
    ]);

    const due = sentencesOf(cardIn(await askOnce(env, 'when is the next core group due for CP-3302?')));
    expect(due).toContain('Next core group due by Wed 17 Mar 2027');
    expect(due.join('\n')).toContain('6 weeks after the core group on 3 Feb 2027');

    const audit = await env.bot.services.cases.queries.auditTrail({ tenantId: TENANT, aadObjectId: TEAM_MANAGER }, 'CP-3302');
    const corrections = audit.items.filter((entry) => entry.operation === 'correct-meeting-held');
    expect(corrections).toEqual([
      expect.objectContaining({
        actor: SOCIAL_WORKER,
        before: "CG1 held 2027-02-02; attended M1,M3; apologies M2; absent none; chair M1; note taker M1; child's views recorded yes; parents' views recorded yes; membership reviewed yes",
        after:
          "CG1 held 2027-02-03; attended M1,M3; apologies M2; absent none; chair M1; note taker M1; child's views recorded yes; parents' views recorded yes; membership reviewed yes; " +
          'changed: heldOn; reason in E1',
      }),
    ]);
  });

  it('the chair sees what follows without the button; a member cannot open the correction', async () => {
    expect(verbsOf(await press('meeting.followUps', meeting, CHAIR))).not.toContain('meeting.correctForm');
    expect(sentencesOf(await press('meeting.correctForm', meeting, MEMBER))[1]).toBe('Only the social worker or the team manager can correct the record of a core group on case CP-3302.');
  });
});
