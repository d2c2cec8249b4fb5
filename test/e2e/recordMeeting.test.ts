import { describe, expect, it } from 'vitest';
import { cardIn, sentencesOf } from '../support/cards.js';
import { MEMBER, TENANT } from './activities.js';
import { askOnce, botOnStorage } from './botOnStorage.js';
import { elmCase, recordFormPresses, SOCIAL_WORKER_ACTOR as socialWorker } from './recordForms.js';

type Json = Record<string, unknown>;

/**
 * Recording a core group in Teams and what follows it, over real HTTP and storage, on Fri 5 Feb 2027: a
 * six-weekly-isu case (seed 000) whose first core group was scheduled for Wed 3 Feb; the health visitor sent
 * apologies with a written update. The form is pre-filled from the answers; recording it starts the follow-ups
 * (plan updated within 2 working days, circulated within 5, a copy to the ISU), each recorded from one card.
 */
describe('recording a core group and what follows it', () => {
  const env = botOnStorage('record', async ({ tables }) => {
    const commands = await elmCase(tables, 'CP-3301', '2027-02-03');
    await commands.answerInvitation({ tenantId: TENANT, aadObjectId: MEMBER }, 'CP-3301', {
      meetingId: 'CG1',
      response: 'apologies',
      update: { progressOnActions: 'Two home visits made', whatIsWorking: '', whatIsNotWorking: '', changesToPlan: '' },
    });
  });
  const { press, input, besideField, requestIdOf } = recordFormPresses(env);
  const held = () => env.bot.services.cases.queries.getCase(socialWorker, 'CP-3301').then((view) => view.meetings[0]?.held);

  const complete = {
    heldOn: '2027-02-03',
    'attendance-M1': 'attended',
    'attendance-M2': 'apologies',
    'attendance-M3': 'attended',
    chair: 'M1',
    noteTaker: 'M1',
    childViewsRecorded: 'false',
    childViewsNote: 'Seen alone at school on Monday; views to be shared at the next meeting',
    parentsViewsRecorded: 'true',
    parentsViewsNote: '',
    membershipReviewed: 'true',
  };
  let form: Json;

  it('"I held the core group on Wednesday" opens the form for that meeting, each member pre-set from their answer', async () => {
    form = cardIn(await askOnce(env, 'I held the core group for CP-3301 on Wednesday')) as Json;
    expect(sentencesOf(form).slice(0, 2)).toEqual([
      'Record the first core group of Wed 3 Feb 2027 for CP-3301 · Elm',
      'Check who came against what each member answered; recording it starts the clocks for the plan, the minutes and the record.',
    ]);
    expect(['attendance-M1', 'attendance-M2', 'attendance-M3'].map((id) => [input(form, id)?.label, input(form, id)?.value])).toEqual([
      ["Sam Worker (Children's social care): no answer", ''],
      ['Hana Visitor (Health visiting): sent apologies with a written update', 'apologies'],
      ['Parent A (parent or carer): no answer', ''],
    ]);
    expect([input(form, 'heldOn')?.value, input(form, 'chair')?.value, input(form, 'noteTaker')?.value]).toEqual(['2027-02-03', 'M1', 'M1']);
  });

  it("refuses, on the same form as typed, the child's views unrecorded without why, then a member not accounted for; nothing is stored", async () => {
    const requestId = requestIdOf(form);
    const noWhy = await press('meeting.record', { caseRef: 'CP-3301', meetingId: 'CG1', requestId, ...complete, childViewsNote: '' });
    expect(besideField(noWhy, 'childViewsNote')).toBe("Say why the child's views were not recorded, and how they will be gathered");
    expect(input(noWhy, 'attendance-M3')?.value).toBe('attended');

    const { 'attendance-M3': _, ...missingParent } = complete;
    const unaccounted = await press('meeting.record', { caseRef: 'CP-3301', meetingId: 'CG1', requestId, ...missingParent });
    expect(besideField(unaccounted, 'attendance-M3')).toBe('Say whether M3 attended, sent apologies or were absent.');
    expect(input(unaccounted, 'attendance-M2')?.value).toBe('apologies');
    expect(await held()).toBeUndefined();
  });

  let followUps: Json;
  it('records the meeting and answers with what follows it, due dates counted from Wed 3 Feb', async () => {
    followUps = await press('meeting.record', { caseRef: 'CP-3301', meetingId: 'CG1', requestId: requestIdOf(form), ...complete });
    expect(await held()).toMatchObject({
      heldOn: '2027-02-03',
      attendees: ['M1', 'M3'],
      apologies: ['M2'],
      absentees: [],
      childViewsRecorded: false,
      childViewsNote: 'Seen alone at school on Monday; views to be shared at the next meeting',
      parentsViewsRecorded: true,
      membershipReviewed: true,
    });
    expect(sentencesOf(followUps)).toEqual([
      'After the core group of Wed 3 Feb 2027 for CP-3301 · Elm',
      'Recorded: the core group was held on Wed 3 Feb 2027. Record each of these as it is done.',
      // Due order: what the procedure gives no timescale is owed from the meeting itself.
      'Plan sent to the ISU',
      'Owed after the meeting; the procedure sets no timescale · social worker',
      'Plan updated',
      'Due today: due by Fri 5 Feb 2027 · social worker',
      'Plan circulated',
      'Upcoming: due by Wed 10 Feb 2027 · social worker',
    ]);
  });

  it('Record beside a follow-up records it for that meeting on the date beside it; a re-sent press records once; a future date is refused', async () => {
    const requestId = requestIdOf(followUps);
    const pressed = { caseRef: 'CP-3301', meetingId: 'CG1', event: 'plan-circulated', requestId, 'done-plan-circulated': '2027-02-04', 'done-plan-updated': '2027-02-05' };
    const after = await press('meeting.followUp', pressed);
    expect(sentencesOf(after).slice(1)).toEqual([
      'Recorded: Plan circulated, done Thu 4 Feb 2027.',
      'Plan sent to the ISU',
      'Owed after the meeting; the procedure sets no timescale · social worker',
      'Plan updated',
      'Due today: due by Fri 5 Feb 2027 · social worker',
      'Plan circulated',
      'Done Thu 4 Feb 2027',
    ]);
    // Done, it has no date or Record of its own any more.
    expect(JSON.stringify(after)).not.toContain('"id":"done-plan-circulated"');
    await press('meeting.followUp', pressed);
    const view = await env.bot.services.cases.queries.getCase(socialWorker, 'CP-3301');
    expect(view.recordedEvents.filter((event) => event.kind === 'plan-circulated').map((event) => [event.date, event.follows])).toEqual([['2027-02-04', '2027-02-03']]);

    const future = await press('meeting.followUp', { ...pressed, event: 'plan-updated', requestId: requestIdOf(after), 'done-plan-updated': '2027-02-06' });
    expect(sentencesOf(future).slice(0, 2)).toEqual(['After the core group of Wed 3 Feb 2027 for CP-3301 · Elm', 'Nothing was saved: 6 Feb 2027 is in the future; record it on or after the day.']);
    expect((await env.bot.services.cases.queries.getCase(socialWorker, 'CP-3301')).recordedEvents.map((event) => event.kind)).toEqual(['plan-circulated']);
  });

  it('a member of the group cannot open the record form; "held" again finds nothing waiting', async () => {
    expect(sentencesOf(await press('meeting.recordForm', { caseRef: 'CP-3301', meetingId: 'CG1' }, MEMBER))[1]).toBe(
      'Only the social worker or the team manager can record a core group as held on case CP-3301.',
    );
    expect((await askOnce(env, 'I held the core group for CP-3301 today')).text).toBe(
      'No core group for CP-3301 is waiting to be recorded: none is scheduled on or before today. Schedule it, then record it; nothing was saved.',
    );
  });
});
