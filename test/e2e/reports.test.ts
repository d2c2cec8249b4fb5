import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/cases/model.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { cardInvoke, invokeAnswer, MEMBER, postActivity, SOCIAL_WORKER, teamsMessage, TENANT } from './activities.js';
import { askOnce, botOnStorage, type BotOnStorage } from './botOnStorage.js';
import { CHAIR, NOTE_TAKER, schoolHealthPoliceCase, TEAM_MANAGER } from './seedStories.js';

type Json = Record<string, unknown>;

const as = (aadObjectId: string): Actor => ({ tenantId: TENANT, aadObjectId });

/** Seed 003's procedure (a verbal update may stand instead of a written one), and seed 002's (the joint-report contribution before a review). */
const VERBAL = 'CP-7001';
const JOINT = 'CP-7002';
const LONG = 'CP-7003';
const longUpdate = (memberId: string) => `${memberId} ${'ŵ'.repeat(7_990)}`;

const NOTHING_WRITTEN = { progressOnActions: '', whatIsWorking: '', whatIsNotWorking: '', changesToPlan: '' };
const SCHOOL_UPDATE = 'Attendance support plan started; two meetings with mum.';
const POLICE_UPDATE = 'Two joint visits with the social worker; no new call-outs.';
const CONTRIBUTION = {
  chronology: 'Referral to the attendance team in January.',
  progressOfPlan: 'Most school actions achieved.',
  updatesForPlan: 'Keep the breakfast club place to the summer.',
  riskAndProtectiveFactors: 'A settled class teacher is protective.',
  voiceOfChild: 'She says school is the calm part of her day.',
};

/** The school, health visitor (taking notes) and police case, with a parent (M5), and one core group on Tue 2 Mar. */
async function caseWithMeeting(env: BotOnStorage, caseRef: string, policyId: string, type: 'subsequent' | 'last-before-review'): Promise<void> {
  const socialWorker = as(SOCIAL_WORKER);
  await schoolHealthPoliceCase(env.bot.services, caseRef, policyId);
  const { commands } = env.bot.services.cases;
  await commands.addMember(socialWorker, caseRef, { kind: 'family', label: 'Parent A', role: 'parent-or-carer', contactRoute: 'Printed copy handed over at home visits' });
  await commands.scheduleMeeting(socialWorker, caseRef, { date: '2027-03-02', time: '10:00', venue: 'Family centre', type, chair: 'M1', noteTaker: 'M3' });
}

const INTRO = 'For the agenda item "reports provided by those unable to attend": every update received for this meeting.';

describe('the reports pack, over HTTP on real storage', () => {
  const env = botOnStorage('reports', async (started) => {
    const { commands } = started.bot.services.cases;
    await caseWithMeeting(started, VERBAL, 'warwickshire', 'subsequent');
    await commands.answerInvitation(as(MEMBER), VERBAL, { meetingId: 'CG1', response: 'apologies', update: { ...NOTHING_WRITTEN, progressOnActions: SCHOOL_UPDATE } });
    await commands.answerInvitation(as(NOTE_TAKER), VERBAL, { meetingId: 'CG1', response: 'apologies', update: NOTHING_WRITTEN, verbalUpdate: true });
    await commands.confirmVerbalUpdate(as(SOCIAL_WORKER), VERBAL, { meetingId: 'CG1', memberId: 'M3' });
    await commands.answerInvitation(as(SOCIAL_WORKER), VERBAL, { meetingId: 'CG1', memberId: 'M4', response: 'apologies', update: { ...NOTHING_WRITTEN, progressOnActions: POLICE_UPDATE } });

    // Three members outside Teams whose updates, recorded for them, run near the limit in a 2-byte script.
    await caseWithMeeting(started, LONG, 'warwickshire', 'subsequent');
    for (const memberId of ['M4', 'M6', 'M7']) {
      if (memberId !== 'M4') await commands.addMember(as(SOCIAL_WORKER), LONG, { kind: 'external', displayName: `Agency ${memberId}`, agency: 'Health', role: 'professional', contactRoute: 'Secure email' });
      await commands.answerInvitation(as(SOCIAL_WORKER), LONG, { meetingId: 'CG1', memberId, response: 'apologies', update: { ...NOTHING_WRITTEN, progressOnActions: longUpdate(memberId) } });
    }

    await caseWithMeeting(started, JOINT, 'six-weekly-joint-report', 'last-before-review');
    await commands.answerInvitation(as(MEMBER), JOINT, { meetingId: 'CG1', response: 'attending', contribution: CONTRIBUTION });
  });

  const press = async (verb: string, data: Json, aadObjectId: string): Promise<Json> => {
    const { status, body } = await invokeAnswer(env.bot.url, cardInvoke(verb, data, { serviceUrl: env.connector.serviceUrl, aadObjectId }));
    expect([status, body.statusCode]).toEqual([200, 200]);
    return body.value as Json;
  };

  const VERBAL_PACK = [
    'Reports for the next core group',
    'CP-7001 · Oak',
    'Core group, Tue 2 Mar 2027 at 10:00',
    INTRO,
    'No answer and nothing sent yet: Parent A (parent or carer).',
    'Lynne Robbins (School)',
    'Apologies, with a written update',
    'Progress on my actions and the outcomes for the child',
    SCHOOL_UPDATE,
    'Nia Notes (Health visiting)',
    'Apologies, with a verbal update',
    'A verbal update was given to the social worker, who has confirmed it.',
    'Pat Police (Police)',
    'Apologies, with a written update',
    'Recorded on their behalf by the social worker, from what they sent outside Teams (secure email or another route).',
    'Progress on my actions and the outcomes for the child',
    POLICE_UPDATE,
  ];

  it('"reports CP-7001" gives the social worker every update for the next meeting, written, verbal (confirmed) and recorded on behalf, and who has sent nothing', async () => {
    const pack = cardIn(await askOnce(env, 'reports CP-7001'));
    expect(sentencesOf(pack)).toEqual(VERBAL_PACK);
  });

  it('the team manager and the chair get the same pack, by reference or alias; so does the meeting’s note taker', async () => {
    expect(sentencesOf(cardIn(await askOnce(env, 'reports CP-7001', TEAM_MANAGER)))).toEqual(VERBAL_PACK);
    expect(sentencesOf(cardIn(await askOnce(env, 'reports cp 7001', CHAIR)))).toEqual(VERBAL_PACK);
    expect(sentencesOf(cardIn(await askOnce(env, 'reports CP-7001', NOTE_TAKER)))).toEqual(VERBAL_PACK);
    // The three cases go by "Oak": asked which, by reference.
    expect((await askOnce(env, 'reports for Oak'))['text']).toBe(
      '3 of your cases go by that name: CP-7001 · Oak, CP-7002 · Oak, CP-7003 · Oak. Which one? Ask with its reference. For example: reports CP-7001',
    );
  });

  it('before a review, the Reports button shows each joint-report contribution under the form’s headings, with a way back to recording the meeting', async () => {
    const pack = await press('meeting.reports', { caseRef: JOINT, meetingId: 'CG1' }, TEAM_MANAGER);
    expect(sentencesOf(pack)).toEqual([
      'Reports for the next core group',
      'CP-7002 · Oak',
      'Last core group before the review conference, Tue 2 Mar 2027 at 10:00',
      INTRO,
      'No answer and nothing sent yet: Nia Notes (Health visiting), Pat Police (Police), Parent A (parent or carer).',
      'Lynne Robbins (School)',
      'Attending',
      'Joint report: Chronology of agency involvement since the last conference',
      CONTRIBUTION.chronology,
      'Joint report: Review of progress of the protection plan',
      CONTRIBUTION.progressOfPlan,
      'Joint report: Updates required for the plan',
      CONTRIBUTION.updatesForPlan,
      'Joint report: Any other relevant information: risk factors and protective factors',
      CONTRIBUTION.riskAndProtectiveFactors,
      'Joint report: The voice of the child',
      CONTRIBUTION.voiceOfChild,
    ]);
    expect(JSON.stringify(pack)).toContain('"verb":"meeting.recordForm","data":{"verb":"meeting.recordForm","caseRef":"CP-7002","meetingId":"CG1"}');
    // The chair sees the pack but does not record the meeting.
    expect(JSON.stringify(await press('meeting.reports', { caseRef: JOINT, meetingId: 'CG1' }, CHAIR))).not.toContain('meeting.recordForm');
  });

  it('a member who is not the note taker is refused, by message and by button; nothing is sent', async () => {
    const refusal = ['Not done', 'Only the social worker, the team manager or the chair can see the whole core group on case CP-7001.', 'Nothing was changed.'];
    expect(sentencesOf(cardIn(await askOnce(env, 'reports CP-7001', MEMBER)))).toEqual(refusal);
    expect(sentencesOf(await press('meeting.reports', { caseRef: VERBAL, meetingId: 'CG1' }, MEMBER))).toEqual(refusal);
    // On the pre-review case the health visitor takes notes for CG1 too, but a meeting the case does not have is no one's.
    expect(sentencesOf(await press('meeting.reports', { caseRef: JOINT, meetingId: 'CG9' }, NOTE_TAKER))).toEqual(['Not done', 'Only the social worker, the team manager or the chair can see the whole core group on case CP-7002.', 'Nothing was changed.']);
  });

  it('a pack over the size budget comes as messages in order, each card within 40 KB', async () => {
    const response = await postActivity(env.bot.url, teamsMessage('reports CP-7003', { serviceUrl: env.connector.serviceUrl, aadObjectId: SOCIAL_WORKER }));
    expect(response.status).toBe(200);
    const cards = env.connector.sentMessages().map((sent) => cardIn(sent.body));
    expect(cards.map((card) => sentencesOf(card)[0])).toEqual(['Reports for the next core group (1 of 2)', 'Reports for the next core group (2 of 2)']);
    for (const card of cards) expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(40_000);
    const written = cards.flatMap((card) => sentencesOf(card).filter((sentence) => /^M\d /.test(sentence)));
    expect(written).toEqual(['M4', 'M6', 'M7'].map(longUpdate));
    // Sent as messages, the parts need no buttons to page between them.
    for (const card of cards) expect(JSON.stringify(card)).not.toContain('Action.Execute');
  });

  it('asked in a group chat, the answer is to ask in the 1:1 chat, and no report is shown', async () => {
    const response = await postActivity(env.bot.url, teamsMessage('reports CP-7001', { serviceUrl: env.connector.serviceUrl, aadObjectId: SOCIAL_WORKER, conversationType: 'groupChat' }));
    expect(response.status).toBe(200);
    const replies = env.connector.sentMessages();
    expect(replies.map((reply) => reply.body['text'])).toEqual(['Case details stay private: ask me in our 1:1 chat (open the Core group bot app in Teams).']);
  });
});
