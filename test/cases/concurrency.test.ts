import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseServices } from '../../src/cases/caseService.js';
import type { Actor } from '../../src/cases/model.js';
import type { StoreTables } from '../../src/store/connect.js';
import { createInput, externalMember, newCaseRef, partitionSnapshot, people, serviceOn, teamsMember, type People } from './fixtures.js';

const UPDATE = { progressOnActions: 'Done', whatIsWorking: 'Much', whatIsNotWorking: 'Little', changesToPlan: 'None' };

async function allAudit(service: CaseServices, actor: Actor, caseRef: string): Promise<string[]> {
  const operations: string[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await service.queries.auditTrail(actor, caseRef, continuationToken ? { continuationToken } : {});
    operations.push(...page.items.map((entry) => entry.operation));
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return operations;
}

describe('concurrency and idempotency', () => {
  let service: CaseServices;
  let tables: StoreTables;
  let who: People;
  beforeAll(async () => {
    ({ service, tables } = await serviceOn('conc'));
    who = people();
  });

  it('records 50 answers sent at once to one meeting, losing none', async () => {
    const caseRef = newCaseRef();
    await service.commands.createCase(who.socialWorker, createInput(who, caseRef));
    const members: Actor[] = Array.from({ length: 50 }, () => ({ tenantId: who.tenantId, aadObjectId: randomUUID() }));
    for (const member of members) await service.commands.addMember(who.socialWorker, caseRef, teamsMember(member.aadObjectId));
    await service.commands.scheduleMeeting(who.socialWorker, caseRef, { date: '2027-03-20', time: '10:00', venue: 'Office', type: 'subsequent' });

    const results = await Promise.all(
      members.map((member, index) =>
        index % 2 === 0
          ? service.commands.answerInvitation(member, caseRef, { meetingId: 'CG1', response: 'attending' })
          : service.commands.answerInvitation(member, caseRef, { meetingId: 'CG1', response: 'apologies', update: UPDATE }),
      ),
    );
    expect(results.every((result) => !result.replayed)).toBe(true);
    const answers = (await service.queries.getCase(who.socialWorker, caseRef)).meetings[0]?.answers ?? [];
    expect(answers).toHaveLength(50);
    expect(new Set(answers.map((answer) => answer.memberId)).size).toBe(50);
    expect(answers.filter((answer) => answer.response === 'apologies').every((answer) => answer.update?.whatIsWorking === 'Much')).toBe(true);
    expect((await allAudit(service, who.socialWorker, caseRef)).filter((operation) => operation === 'answer-own')).toHaveLength(50);
  });

  it('re-applies changes that lose an ETag race, so parallel changes to one case all land', async () => {
    const caseRef = newCaseRef();
    await service.commands.createCase(who.socialWorker, createInput(who, caseRef));
    const added = await Promise.all(
      Array.from({ length: 5 }, (_, index) => service.commands.addMember(who.teamManager, caseRef, externalMember(`Person ${index}`, `p${index}@example.org`))),
    );
    expect(added.map((result) => result.memberId).sort()).toEqual(['M2', 'M3', 'M4', 'M5', 'M6']);
    const view = await service.queries.getCase(who.socialWorker, caseRef);
    expect(view.members).toHaveLength(6);
    expect(view.version).toBe(6);
  });

  it('applies a repeated operation once and returns the first result', async () => {
    const caseRef = newCaseRef();
    const key = `card-submit-${randomUUID()}`;
    const first = await service.commands.createCase(who.socialWorker, createInput(who, caseRef), { idempotencyKey: key });
    const again = await service.commands.createCase(who.socialWorker, createInput(who, caseRef), { idempotencyKey: key });
    expect(first.replayed).toBe(false);
    expect(again.replayed).toBe(true);

    const addKey = `add-${randomUUID()}`;
    const input = externalMember('Dup Person', 'dup@example.org');
    const added = await service.commands.addMember(who.socialWorker, caseRef, input, { idempotencyKey: addKey });
    const before = await partitionSnapshot(tables, who.tenantId, caseRef);
    const repeated = await service.commands.addMember(who.socialWorker, caseRef, input, { idempotencyKey: addKey });
    expect(repeated).toMatchObject({ memberId: added.memberId, replayed: true });
    expect(await partitionSnapshot(tables, who.tenantId, caseRef)).toEqual(before);
    expect((await allAudit(service, who.socialWorker, caseRef)).filter((operation) => operation === 'add-member')).toHaveLength(1);
  });

  it('applies a duplicate once even when both copies arrive at the same moment', async () => {
    const caseRef = newCaseRef();
    await service.commands.createCase(who.socialWorker, createInput(who, caseRef));
    await service.commands.addMember(who.socialWorker, caseRef, teamsMember(who.member.aadObjectId));
    await service.commands.scheduleMeeting(who.socialWorker, caseRef, { date: '2027-03-20', time: '10:00', venue: 'Office', type: 'subsequent' });

    const key = `answer-${randomUUID()}`;
    const answer = () => service.commands.answerInvitation(who.member, caseRef, { meetingId: 'CG1', response: 'apologies', update: UPDATE }, { idempotencyKey: key });
    const results = await Promise.all([answer(), answer(), answer()]);
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
    expect((await allAudit(service, who.socialWorker, caseRef)).filter((operation) => operation === 'answer-own')).toHaveLength(1);

    const addKey = `add-${randomUUID()}`;
    const adds = await Promise.all([1, 2, 3].map(() => service.commands.addMember(who.socialWorker, caseRef, externalMember('Once', 'once@example.org'), { idempotencyKey: addKey })));
    expect(new Set(adds.map((result) => result.memberId)).size).toBe(1);
    expect((await service.queries.getCase(who.socialWorker, caseRef)).members.filter((member) => 'email' in member && member.email === 'once@example.org')).toHaveLength(1);
  });

  it('refuses a request id reused for a different change', async () => {
    const caseRef = newCaseRef();
    await service.commands.createCase(who.socialWorker, createInput(who, caseRef));
    const key = `reuse-${randomUUID()}`;
    await service.commands.addMember(who.socialWorker, caseRef, externalMember('First', 'first@example.org'), { idempotencyKey: key });
    await expect(service.commands.addMember(who.socialWorker, caseRef, externalMember('Second', 'second@example.org'), { idempotencyKey: key })).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});
