import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/cases/model.js';
import { cardIn, sentencesOf, textsOf } from '../support/cards.js';
import { MEMBER, postActivity, SOCIAL_WORKER, teamsActivity, TENANT } from './activities.js';
import { askOnce, botOnStorage, type BotOnStorage } from './botOnStorage.js';
import { NOTE_TAKER, schoolHealthPoliceCase, STRANGER } from './seedStories.js';

type Json = Record<string, unknown>;

const as = (aadObjectId: string): Actor => ({ tenantId: TENANT, aadObjectId });

/** Seed 002's procedure (every part required), and seed 003's (a verbal update may stand instead). */
const JOINT = 'CP-6001';
const VERBAL = 'CP-6002';

/** The school, health visitor (taking notes) and police case, with a core group on Tue 2 Mar and the last before the review on Tue 6 Apr. */
async function caseWithMeeting(env: BotOnStorage, caseRef: string, policyId: string): Promise<void> {
  const socialWorker = as(SOCIAL_WORKER);
  await schoolHealthPoliceCase(env.bot.services, caseRef, policyId);
  const { commands } = env.bot.services.cases;
  await commands.scheduleMeeting(socialWorker, caseRef, { date: '2027-03-02', time: '10:00', venue: 'Family centre', type: 'subsequent', chair: 'M1', noteTaker: 'M3' });
  await commands.scheduleMeeting(socialWorker, caseRef, { date: '2027-04-06', time: '14:00', venue: 'Family centre', type: 'last-before-review', chair: 'M1', noteTaker: 'M3' });
}

const UPDATE = {
  progressOnActions: 'Attendance support plan started; two meetings with mum.',
  whatIsWorking: 'She arrives on time most days.',
  whatIsNotWorking: 'Lunch money is still an issue.',
  changesToPlan: 'Add free school meals application.',
};
const NO_CONTRIBUTION = { chronology: '', progressOfPlan: '', updatesForPlan: '', riskAndProtectiveFactors: '', voiceOfChild: '' };

describe('apologies with the written update, over HTTP on real storage', () => {
  const env = botOnStorage('apologies', async (started) => {
    await caseWithMeeting(started, JOINT, 'six-weekly-joint-report');
    await caseWithMeeting(started, VERBAL, 'warwickshire');
    // The social worker has used the bot (they set the cases up), so it knows their Teams endpoint: what reaches
    // the note taker, who never has, goes through it.
    await askOnce(started, 'my cases');
  });

  /** Presses a card button in the person's 1:1 chat (or elsewhere): the card Teams shows in its place. */
  async function press(verb: string, data: Json, aadObjectId = MEMBER, conversationType: 'personal' | 'groupChat' = 'personal'): Promise<Json> {
    const activity = teamsActivity(
      'invoke',
      { serviceUrl: env.connector.serviceUrl, aadObjectId, conversationType },
      { from: { id: `29:${aadObjectId}`, aadObjectId, name: 'Someone' }, name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' } },
    );
    const response = await postActivity(env.bot.url, activity);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { statusCode: number; type: string; value: Json };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    return body.value;
  }

  /** Every input the card draws, with its value and the problem shown right after it ('' for none). */
  function boxesOf(card: Json): Record<string, { value: string; problem: string }> {
    const boxes: Record<string, { value: string; problem: string }> = {};
    JSON.stringify(card, (_key, value: unknown) => {
      const container = value as { items?: Array<{ id?: string; type?: string; value?: string; text?: string }> };
      const items = Array.isArray(container?.items) ? container.items : [];
      items.forEach((item, index) => {
        if (item.id === undefined) return;
        const next = items[index + 1];
        boxes[item.id] = { value: item.value ?? '', problem: next?.type === 'TextBlock' ? (next.text ?? '') : '' };
      });
      return value;
    });
    return boxes;
  }
  const requestIdOf = (card: Json): string => /"requestId":"([0-9a-f-]{36})"/.exec(JSON.stringify(card))?.[1] ?? '';
  const answersTo = async (caseRef: string, meetingId = 'CG1') => (await env.bot.services.cases.queries.getCase(as(SOCIAL_WORKER), caseRef)).meetings.find((m) => m.meetingId === meetingId)?.answers ?? [];
  const auditOf = async (caseRef: string) => (await env.bot.services.cases.queries.auditTrail(as(SOCIAL_WORKER), caseRef)).items;
  // The test clock is stopped, so entries share one instant and their order among themselves is arbitrary.
  const auditedAs = async (caseRef: string, operation: string) => (await auditOf(caseRef)).filter((entry) => entry.operation === operation);
  const sent = async () => {
    await env.drain();
    return env.connector.sentMessages();
  };
  /** What reached the person's 1:1 chat once the outbox is drained. */
  const toPerson = async (aadObjectId: string) => (await sent()).filter((sent) => sent.conversationId === `a:created-${aadObjectId}` || sent.conversationId === `a:personal-${aadObjectId}`);

  it('refuses apologies without the update: the same form comes back as typed, each missing part named beside it, and nothing is stored', async () => {
    const form = await press('meeting.apologiesForm', { caseRef: JOINT, meetingId: 'CG1' });
    expect(sentencesOf(form).slice(0, 4)).toEqual([
      'Apologies and your written update',
      'CP-6001 · Oak',
      'Core group, Tue 2 Mar 2027 at 10:00',
      "With apologies comes a written update (six-weekly-joint-report: 'It is not acceptable for an agency to not attend a core group meeting and not provide any written information to the social worker').",
    ]);
    const submit = { caseRef: JOINT, meetingId: 'CG1', memberId: '', requestId: requestIdOf(form), ...NO_CONTRIBUTION, progressOnActions: 'n/a', whatIsWorking: UPDATE.whatIsWorking, whatIsNotWorking: '', changesToPlan: ' ' };
    const refused = await press('meeting.apologies', submit);
    expect(sentencesOf(refused)).toContain('Nothing was saved: put right what is marked below, then try again.');
    expect(boxesOf(refused)).toEqual({
      progressOnActions: { value: 'n/a', problem: '"Progress on my actions and the outcomes for the child" needs a real answer: "n/a" tells the core group nothing.' },
      whatIsWorking: { value: UPDATE.whatIsWorking, problem: '' },
      whatIsNotWorking: { value: '', problem: '"What is not working or worries me" is needed.' },
      changesToPlan: { value: '', problem: '"Changes the plan needs" is needed.' },
    });
    expect(requestIdOf(refused)).toBe(submit.requestId);
    expect(await answersTo(JOINT)).toEqual([]);
    expect(await toPerson(SOCIAL_WORKER)).toEqual([]);
  });

  it('accepts apologies with the update: stored and audited, the member sees their answer, the social worker and note taker get what was written; a re-sent submit stores and tells once', async () => {
    const form = await press('meeting.apologiesForm', { caseRef: JOINT, meetingId: 'CG1' });
    const submit = { caseRef: JOINT, meetingId: 'CG1', memberId: '', requestId: requestIdOf(form), ...NO_CONTRIBUTION, ...UPDATE, verbalUpdate: 'false' };
    const own = await press('meeting.apologies', submit);
    expect(sentencesOf(own)).toEqual([
      'You sent apologies',
      'CP-6001 · Oak',
      'Core group, Tue 2 Mar 2027 at 10:00',
      'On its way to the social worker and the note taker.',
      'Progress on my actions and the outcomes for the child',
      UPDATE.progressOnActions,
      'What is working well',
      UPDATE.whatIsWorking,
      'What is not working or worries me',
      UPDATE.whatIsNotWorking,
      'Changes the plan needs',
      UPDATE.changesToPlan,
    ]);
    expect(textsOf(own)).toContain('Change my answer');
    expect(await answersTo(JOINT)).toEqual([
      { meetingId: 'CG1', memberId: 'M2', response: 'apologies', update: UPDATE, answeredBy: MEMBER, onBehalf: false, answeredAt: expect.any(String) },
    ]);
    expect(await auditedAs(JOINT, 'answer-own')).toEqual([
      { at: expect.any(String), actor: MEMBER, operation: 'answer-own', subject: JOINT, before: 'CG1: no answer', after: 'CG1: M2 apologies with written update (4 of 4 parts)' },
    ]);
    const audited = await auditOf(JOINT);

    const [toSocialWorker, ...moreToSocialWorker] = await toPerson(SOCIAL_WORKER);
    expect(moreToSocialWorker).toEqual([]);
    const received = sentencesOf(cardIn(toSocialWorker?.body));
    expect(received.slice(0, 3)).toEqual(['Lynne Robbins (School) sent apologies', 'CP-6001 · Oak', 'Core group, Tue 2 Mar 2027 at 10:00']);
    for (const part of Object.values(UPDATE)) expect(received).toContain(part);
    expect(sentencesOf(cardIn((await toPerson(NOTE_TAKER))[0]?.body))).toEqual(received);

    env.connector.reset();
    expect(sentencesOf(await press('meeting.apologies', submit))[0]).toBe('You sent apologies');
    expect(await auditOf(JOINT)).toEqual(audited);
    expect(await sent()).toEqual([]);
  });

  it('someone not on the case, or a member acting from a group chat, is refused and nothing changes', async () => {
    const before = await auditOf(JOINT);
    const submit = { caseRef: JOINT, meetingId: 'CG1', memberId: '', requestId: randomUUID(), ...NO_CONTRIBUTION, ...UPDATE };
    for (const verb of ['meeting.apologiesForm', 'meeting.apologies', 'meeting.attending']) {
      expect(sentencesOf(await press(verb, submit, STRANGER))).toEqual(['Not found', "I can't find CP-6001 among your cases.", 'Check the reference, or type "cases" to see the cases you are on. Nothing was changed.']);
      expect(sentencesOf(await press(verb, submit, MEMBER, 'groupChat'))[0]).toBe('Ask me in our 1:1 chat');
    }
    expect(await auditOf(JOINT)).toEqual(before);
    expect(await sent()).toEqual([]);
  });

  it('the social worker records an apology and update sent by secure email from a member outside Teams, marked as recorded on their behalf', async () => {
    // From the members card: the one member outside Teams has "Record apologies" for the next meeting.
    const members = JSON.stringify(await press('members.show', { caseRef: JOINT }, SOCIAL_WORKER));
    expect(members.match(/"verb":"meeting\.apologiesForm","caseRef":"CP-6001","meetingId":"CG\d","memberId":"M\d"/g)).toEqual([
      '"verb":"meeting.apologiesForm","caseRef":"CP-6001","meetingId":"CG1","memberId":"M4"',
      '"verb":"meeting.apologiesForm","caseRef":"CP-6001","meetingId":"CG1","memberId":"M4"',
    ]);
    const form = await press('meeting.apologiesForm', { caseRef: JOINT, meetingId: 'CG1', memberId: 'M4' }, SOCIAL_WORKER);
    expect(sentencesOf(form).slice(0, 4)).toEqual([
      'Record apologies for Pat Police (Police)',
      'CP-6001 · Oak',
      'Core group, Tue 2 Mar 2027 at 10:00',
      'From what they sent you by secure email or another route: it is kept as recorded on their behalf by you.',
    ]);
    const submit = { caseRef: JOINT, meetingId: 'CG1', memberId: 'M4', requestId: requestIdOf(form), ...NO_CONTRIBUTION, ...UPDATE };
    const recorded = await press('meeting.apologies', submit, SOCIAL_WORKER);
    expect(sentencesOf(recorded).slice(0, 5)).toEqual([
      'Recorded for Pat Police (Police): apologies',
      'CP-6001 · Oak',
      'Core group, Tue 2 Mar 2027 at 10:00',
      'Recorded on their behalf by the social worker, from what they sent outside Teams (secure email or another route).',
      'On its way to the note taker.',
    ]);
    expect((await answersTo(JOINT)).find((answer) => answer.memberId === 'M4')).toEqual({
      meetingId: 'CG1', memberId: 'M4', response: 'apologies', update: UPDATE, answeredBy: SOCIAL_WORKER, onBehalf: true, answeredAt: expect.any(String),
    });
    expect(await auditedAs(JOINT, 'answer-on-behalf')).toEqual([
      expect.objectContaining({ actor: SOCIAL_WORKER, after: `CG1: M4 apologies with written update (4 of 4 parts), recorded on their behalf by ${SOCIAL_WORKER}` }),
    ]);
    expect(await toPerson(SOCIAL_WORKER)).toEqual([]);
    expect(await toPerson(NOTE_TAKER)).toHaveLength(1);
    // A member in Teams answers for themself.
    const refused = await press('meeting.apologiesForm', { caseRef: JOINT, meetingId: 'CG1', memberId: 'M2' }, SOCIAL_WORKER);
    expect(sentencesOf(refused)[1]).toBe("M2 uses Teams and answers for themself; answers can be recorded on someone's behalf only for members outside Teams.");
  });

  it('before the last core group before a review, attending needs the joint-report contribution under the form’s headings', async () => {
    const form = await press('meeting.apologiesForm', { caseRef: JOINT, meetingId: 'CG2' });
    expect(Object.keys(boxesOf(form))).toEqual([...Object.keys(UPDATE), 'chronology', 'progressOfPlan', 'updatesForPlan', 'riskAndProtectiveFactors', 'voiceOfChild']);
    const submit = { caseRef: JOINT, meetingId: 'CG2', memberId: '', requestId: requestIdOf(form), ...NO_CONTRIBUTION, progressOfPlan: 'Most school actions achieved.' };
    const refused = await press('meeting.attending', submit);
    expect(boxesOf(refused)['voiceOfChild']).toEqual({ value: '', problem: '"The voice of the child" is needed.' });
    expect(boxesOf(refused)['progressOfPlan']).toEqual({ value: 'Most school actions achieved.', problem: '' });
    expect(await answersTo(JOINT, 'CG2')).toEqual([]);
    const contribution = { chronology: '12 Feb: review meeting.', progressOfPlan: 'Most school actions achieved.', updatesForPlan: 'Mentor by May.', riskAndProtectiveFactors: 'None new.', voiceOfChild: 'Likes art club.' };
    const own = await press('meeting.attending', { ...submit, ...contribution });
    expect(sentencesOf(own)[0]).toBe('You are attending');
    expect(await answersTo(JOINT, 'CG2')).toEqual([expect.objectContaining({ memberId: 'M2', response: 'attending', contribution })]);
    expect(sentencesOf(cardIn((await toPerson(SOCIAL_WORKER))[0]?.body))[0]).toBe('Lynne Robbins (School) is attending and sent their joint-report contribution');
  });

  it('under warwickshire a verbal update may stand instead, and the social worker confirms it from the card that told them', async () => {
    const form = await press('meeting.apologiesForm', { caseRef: VERBAL, meetingId: 'CG1' });
    expect(Object.keys(boxesOf(form))[0]).toBe('verbalUpdate');
    await press('meeting.apologies', { caseRef: VERBAL, meetingId: 'CG1', memberId: '', requestId: requestIdOf(form), ...NO_CONTRIBUTION, progressOnActions: '', whatIsWorking: '', whatIsNotWorking: '', changesToPlan: '', verbalUpdate: 'true' });
    const told = cardIn((await toPerson(SOCIAL_WORKER))[0]?.body);
    expect(sentencesOf(told)[3]).toBe('A verbal update was given to the social worker instead of a written one: awaiting their confirmation.');
    expect(textsOf(told)).toContain('Confirm I had the verbal update');
    const confirmed = await press('meeting.confirmVerbal', { caseRef: VERBAL, meetingId: 'CG1', memberId: 'M2' }, SOCIAL_WORKER);
    expect(sentencesOf(confirmed)[3]).toBe('A verbal update was given to the social worker, who has confirmed it.');
    expect(textsOf(confirmed)).not.toContain('Confirm I had the verbal update');
    expect((await answersTo(VERBAL))[0]).toMatchObject({ memberId: 'M2', response: 'apologies', verbalUpdate: { confirmedBy: SOCIAL_WORKER } });
    expect(await auditedAs(VERBAL, 'confirm-verbal-update')).toEqual([expect.objectContaining({ actor: SOCIAL_WORKER, after: `CG1: M2 apologies with verbal update, confirmed by ${SOCIAL_WORKER}` })]);
  });
});
