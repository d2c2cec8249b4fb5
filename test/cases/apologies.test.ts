import { beforeAll, describe, expect, it } from 'vitest';
import { checkAnswer, isTokenAnswer } from '../../src/cases/apologies.js';
import type { CaseServices } from '../../src/cases/caseService.js';
import { InvalidInput } from '../../src/cases/errors.js';
import type { MeetingType } from '../../src/cases/model.js';
import { answerInput, LIMITS, parseInput, type AnswerInput } from '../../src/cases/validation.js';
import { apologiesFrom, createPolicyRegistry } from '../../src/policy/index.js';
import { caseWithMeeting, partitionSnapshot, people, serviceOn, type People } from './fixtures.js';
import type { StoreTables } from '../../src/store/connect.js';

const rulesOf = apologiesFrom(createPolicyRegistry());

const FULL = {
  progressOnActions: 'Two home visits; the referral to the parenting course is made.',
  whatIsWorking: 'Mum attends every health appointment.',
  whatIsNotWorking: 'School attendance is still below 80%.',
  changesToPlan: 'Add an action for the school nurse.',
};
const CONTRIBUTION = {
  chronology: '3 Feb: home visit.',
  progressOfPlan: 'Health actions achieved.',
  updatesForPlan: 'Dental check by April.',
  riskAndProtectiveFactors: 'No new risk factors.',
  voiceOfChild: 'Says she likes her new room.',
};

/** The problems a submitted answer (parsed first, as the service does) meets under a procedure, as [field, message]; [] when accepted. */
function problems(policyId: string, answer: { response: AnswerInput['response'] } & Record<string, unknown>, meetingType: MeetingType = 'subsequent'): Array<[string, string]> {
  try {
    checkAnswer(rulesOf(policyId), meetingType, parseInput(answerInput, { meetingId: 'CG1', ...answer }));
    return [];
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    return [[error.field, error.message], ...error.also.map((problem): [string, string] => [problem.field, problem.message])];
  }
}

describe('the written update each procedure asks for', () => {
  it('seed 002 (six-weekly-joint-report) needs all four headings, each named when missing', () => {
    expect(problems('six-weekly-joint-report', { response: 'apologies', update: { progressOnActions: FULL.progressOnActions } })).toEqual([
      ['update.whatIsWorking', '"What is working well" is needed.'],
      ['update.whatIsNotWorking', '"What is not working or worries me" is needed.'],
      ['update.changesToPlan', '"Changes the plan needs" is needed.'],
    ]);
    expect(problems('six-weekly-joint-report', { response: 'apologies', update: FULL })).toEqual([]);
  });

  it('seed 001 (ni-regional) needs progress made and the issues with implementing the plan, the rest optional', () => {
    expect(problems('ni-regional', { response: 'apologies', update: { whatIsWorking: FULL.whatIsWorking } })).toEqual([
      ['update.progressOnActions', '"Progress on my actions and the outcomes for the child" is needed.'],
      ['update.whatIsNotWorking', '"What is not working or worries me" is needed.'],
    ]);
    expect(problems('ni-regional', { response: 'apologies', update: { progressOnActions: FULL.progressOnActions, whatIsNotWorking: FULL.whatIsNotWorking } })).toEqual([]);
  });

  it('the national default needs the progress on the member’s actions', () => {
    expect(problems('england', { response: 'apologies' })).toEqual([['update.progressOnActions', '"Progress on my actions and the outcomes for the child" is needed.']]);
    expect(problems('england', { response: 'apologies', update: { progressOnActions: FULL.progressOnActions } })).toEqual([]);
  });

  it.each(['n/a', 'N/A', 'na', 'None', 'nil', '.', '-', ' - ', 'tbc', 'T.B.C.', 'no update', 'as above', '???'])('refuses the placeholder %j, naming the part', (placeholder) => {
    expect(problems('ni-regional', { response: 'apologies', update: { progressOnActions: placeholder, whatIsNotWorking: FULL.whatIsNotWorking } })).toEqual([
      ['update.progressOnActions', `"Progress on my actions and the outcomes for the child" needs a real answer: "${placeholder.trim()}" tells the core group nothing.`],
    ]);
  });

  it('takes real sentences that start like a placeholder, and a placeholder in a part that is not required', () => {
    expect(['None of my actions are late.', 'No change since the review.', 'NA clinic booked'].filter(isTokenAnswer)).toEqual([]);
    expect(problems('england', { response: 'apologies', update: { progressOnActions: 'None of my actions are late.', whatIsNotWorking: 'n/a' } })).toEqual([]);
  });

  it('refuses a part over the limit, in characters, whatever the procedure', () => {
    const long = 'a'.repeat(LIMITS.writtenUpdatePart + 1);
    expect(() => parseInput(answerInput, { meetingId: 'CG1', response: 'apologies', update: { changesToPlan: long } })).toThrow(
      expect.objectContaining({ field: 'update.changesToPlan', message: 'Changes the plan needs can be at most 8,000 characters (this is 8,001)' }),
    );
    expect(problems('england', { response: 'apologies', update: { progressOnActions: 'é'.repeat(LIMITS.writtenUpdatePart) } })).toEqual([]);
  });

  it('a verbal update instead is for warwickshire (seed 003) alone', () => {
    expect(problems('warwickshire', { response: 'apologies', verbalUpdate: true })).toEqual([]);
    expect(problems('warwickshire', { response: 'apologies' })).toEqual([['update.progressOnActions', '"Progress on my actions and the outcomes for the child" is needed.']]);
    expect(problems('york', { response: 'apologies', verbalUpdate: true })).toEqual([['verbalUpdate', 'This procedure needs a written update with apologies: a verbal one is not enough.']]);
  });
});

describe('the joint-report contribution (seed 002, the last core group before review)', () => {
  const missing = [
    ['contribution.chronology', '"Chronology of agency involvement since the last conference" is needed.'],
    ['contribution.progressOfPlan', '"Review of progress of the protection plan" is needed.'],
    ['contribution.updatesForPlan', '"Updates required for the plan" is needed.'],
    ['contribution.riskAndProtectiveFactors', '"Any other relevant information: risk factors and protective factors" is needed.'],
    ['contribution.voiceOfChild', '"The voice of the child" is needed.'],
  ];

  it('is asked of every member before that meeting, attending or not', () => {
    expect(problems('six-weekly-joint-report', { response: 'attending' }, 'last-before-review')).toEqual(missing);
    expect(problems('six-weekly-joint-report', { response: 'apologies', update: FULL }, 'last-before-review')).toEqual(missing);
    expect(problems('six-weekly-joint-report', { response: 'attending', contribution: CONTRIBUTION }, 'last-before-review')).toEqual([]);
    expect(problems('six-weekly-joint-report', { response: 'attending', contribution: { ...CONTRIBUTION, voiceOfChild: 'tbc' } }, 'last-before-review')).toEqual([
      ['contribution.voiceOfChild', '"The voice of the child" needs a real answer: "tbc" tells the core group nothing.'],
    ]);
  });

  it('is not asked at other meetings, nor by procedures without a joint report', () => {
    expect(problems('six-weekly-joint-report', { response: 'attending' }, 'subsequent')).toEqual([]);
    expect(problems('six-weekly-joint-report', { response: 'attending' }, 'first')).toEqual([]);
    expect(problems('ni-regional', { response: 'attending' }, 'last-before-review')).toEqual([]);
  });
});

describe('apologies through the case service, against Azurite', () => {
  let service: CaseServices;
  let tables: StoreTables;
  let who: People;
  beforeAll(async () => {
    // The fixture case's procedure takes its apologies rules from warwickshire here: verbal updates allowed.
    ({ service, tables } = await serviceOn('apologies', { apologiesOf: () => rulesOf('warwickshire') }));
    who = people();
  });

  it('refuses a placeholder update and writes nothing', async () => {
    const caseRef = await caseWithMeeting(service, who);
    const before = await partitionSnapshot(tables, who.tenantId, caseRef);
    await expect(service.commands.answerInvitation(who.member, caseRef, { meetingId: 'CG1', response: 'apologies', update: { progressOnActions: 'n/a' } })).rejects.toMatchObject({
      field: 'update.progressOnActions',
    });
    expect(await partitionSnapshot(tables, who.tenantId, caseRef)).toEqual(before);
  });

  it('stores a verbal update unconfirmed, then confirmed by the social worker alone, each audited', async () => {
    const caseRef = await caseWithMeeting(service, who);
    await service.commands.answerInvitation(who.member, caseRef, { meetingId: 'CG1', response: 'apologies', verbalUpdate: true });
    await expect(service.commands.confirmVerbalUpdate(who.teamManager, caseRef, { meetingId: 'CG1', memberId: 'M2' })).rejects.toMatchObject({ code: 'not-allowed' });
    const { view } = await service.commands.confirmVerbalUpdate(who.socialWorker, caseRef, { meetingId: 'CG1', memberId: 'M2' });
    expect(view.meetings[0]?.answers).toEqual([
      expect.objectContaining({ memberId: 'M2', response: 'apologies', verbalUpdate: { statedAt: expect.any(String), confirmedBy: who.socialWorker.aadObjectId, confirmedAt: expect.any(String) }, onBehalf: false }),
    ]);
    expect(view.meetings[0]?.answers[0]).not.toHaveProperty('update');
    const audit = await service.queries.auditTrail(who.socialWorker, caseRef);
    expect(audit.items.slice(0, 2).map((entry) => [entry.operation, entry.after])).toEqual([
      ['confirm-verbal-update', `CG1: M2 apologies with verbal update, confirmed by ${who.socialWorker.aadObjectId}`],
      ['answer-own', 'CG1: M2 apologies with verbal update, awaiting confirmation'],
    ]);
  });

  it('keeps what was written beside a verbal update', async () => {
    const caseRef = await caseWithMeeting(service, who);
    const { view } = await service.commands.answerInvitation(who.member, caseRef, { meetingId: 'CG1', response: 'apologies', verbalUpdate: true, update: { whatIsWorking: FULL.whatIsWorking } });
    expect(view.meetings[0]?.answers[0]).toMatchObject({ update: { progressOnActions: '', whatIsWorking: FULL.whatIsWorking, whatIsNotWorking: '', changesToPlan: '' }, verbalUpdate: { statedAt: expect.any(String) } });
    expect((await service.queries.auditTrail(who.socialWorker, caseRef)).items.find((entry) => entry.operation === 'answer-own')?.after).toBe(
      'CG1: M2 apologies with written update (1 of 4 parts) and verbal update, awaiting confirmation',
    );
  });
});
