import type { TableServiceClientOptions } from '@azure/data-tables';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseDigest } from '../../src/cases/caseDigest.js';
import { CaseIndexes } from '../../src/cases/caseIndexes.js';
import { casePartition, CaseRepository } from '../../src/cases/caseRepository.js';
import { createCaseServices, type CaseServices } from '../../src/cases/caseService.js';
import type { Actor } from '../../src/cases/model.js';
import type { StoreTables } from '../../src/store/connect.js';
import { joinKey } from '../../src/store/keys.js';
import { testTables } from '../setup/tables.js';
import { caseWithMeeting, everyoneListed, familyMember, nextDueOf, people, POLICY, teamsMember, tickingClock, TODAY, type People } from './fixtures.js';

type AdditionalPolicy = NonNullable<TableServiceClientOptions['additionalPolicies']>[number];

describe('case summaries: the case row digest and "my cases" snapshots', () => {
  /** Every table request while recording, as `METHOD table(keys)`. */
  const requests: string[] = [];
  let recording = false;
  const recorder: AdditionalPolicy = {
    position: 'perRetry',
    policy: {
      name: 'recorder',
      sendRequest(request, next) {
        if (recording) requests.push(`${request.method} ${decodeURIComponent(new URL(request.url).pathname.split('/').pop() ?? '')}`);
        return next(request);
      },
    },
  };
  let tables: StoreTables;
  let service: CaseServices;
  let repository: CaseRepository;
  let who: People;
  beforeAll(async () => {
    tables = await testTables('digest', { additionalPolicies: [recorder] });
    service = createCaseServices({ tables, clock: tickingClock(), policyIds: new Set([POLICY]), nextDueOf, staff: everyoneListed });
    repository = new CaseRepository(tables);
    who = people();
  });

  async function recorded<T>(work: () => Promise<T>): Promise<{ result: T; requests: string[] }> {
    requests.length = 0;
    recording = true;
    try {
      return { result: await work(), requests: [...requests].sort() };
    } finally {
      recording = false;
    }
  }

  const caseRow = (tenantId: string, caseRef: string) => `GET ${tables.cases.tableName}(PartitionKey='${casePartition(tenantId, caseRef)}',RowKey='case')`;
  const settle = (actor: Actor, caseRef: string) => `PUT ${tables.userCases.tableName}(PartitionKey='${joinKey(actor.tenantId, actor.aadObjectId)}',RowKey='${caseRef}')`;
  const indexQuery = () => `GET ${tables.userCases.tableName}()`;
  const eventsOf = async (actor: Actor) =>
    Object.fromEntries((await service.queries.myCases(actor)).map((found) => [found.caseRef, found.events.map((event) => event.kind)]));

  it('keeps the case row digest equal to what the whole case says, through every kind of change', async () => {
    const caseRef = await caseWithMeeting(service, who);
    const expectDigestTrue = async () => {
      const loaded = await repository.load(who.tenantId, caseRef);
      expect(await repository.loadSummary(who.tenantId, caseRef)).toEqual({ header: loaded!.state.header, digest: caseDigest(loaded!.state) });
    };
    await expectDigestTrue();
    const steps = [
      () => service.commands.answerInvitation(who.member, caseRef, { meetingId: 'CG1', response: 'attending' }),
      () => service.commands.addMember(who.socialWorker, caseRef, familyMember('Carer B')),
      () => service.commands.updateMember(who.socialWorker, caseRef, { memberId: 'M2', changes: { agency: 'School nursing' } }),
      () =>
        service.commands.recordMeetingHeld(who.socialWorker, caseRef, {
          meetingId: 'CG1', heldOn: TODAY, attendees: ['M1', 'M2'], apologies: ['M3'], absentees: ['M4'], chair: 'M1', noteTaker: 'M2',
          childViewsRecorded: true, parentsViewsRecorded: false, parentsViewsNote: 'Parent A to be visited at home', membershipReviewed: true,
        }),
      () => service.commands.recordEvent(who.socialWorker, caseRef, { kind: 'plan-circulated', date: TODAY }),
      () => service.commands.removeMember(who.socialWorker, caseRef, { memberId: 'M2', reason: 'agency-no-longer-involved' }),
      () => service.commands.addMember(who.socialWorker, caseRef, teamsMember(who.outsider.aadObjectId)),
      () => service.commands.recordEvent(who.chair, caseRef, { kind: 'plan-ended', date: TODAY }),
    ];
    for (const step of steps) {
      await step();
      await expectDigestTrue();
    }
    const summary = await repository.loadSummary(who.tenantId, caseRef);
    // Ending the plan records the review conference that decided it, on the same day.
    expect(summary!.digest.events.map((event) => event.kind)).toEqual(['initial-conference', 'core-group-held', 'review-conference-held', 'plan-circulated', 'plan-ended']);
    expect(summary!.digest.memberIds).toEqual([who.socialWorker.aadObjectId, who.outsider.aadObjectId]);
  });

  it('answers "my cases" with one query once each row is settled, reading a case row only after a change', async () => {
    const local = people();
    const refs = [await caseWithMeeting(service, local), await caseWithMeeting(service, local), await caseWithMeeting(service, local)];
    const views = await Promise.all(refs.map((ref) => service.queries.getCase(local.socialWorker, ref)));
    const fromViews = Object.fromEntries(views.map((view) => [view.caseRef, view.events.map((event) => event.kind)]));

    // First reader: no snapshots yet, so each case row is read and each index row settled.
    const first = await recorded(() => eventsOf(local.socialWorker));
    expect(first.result).toEqual(fromViews);
    expect(first.requests).toEqual([indexQuery(), ...refs.map((ref) => caseRow(local.tenantId, ref)), ...refs.map((ref) => settle(local.socialWorker, ref))].sort());

    const settled = await recorded(() => eventsOf(local.socialWorker));
    expect(settled).toEqual({ result: fromViews, requests: [indexQuery()] });

    // A change claims a newer version on the row: that one case is read again, and its row settled again.
    await service.commands.recordEvent(local.socialWorker, refs[1]!, { kind: 'plan-updated', date: TODAY });
    const afterChange = await recorded(() => eventsOf(local.socialWorker));
    expect(afterChange.result[refs[1]!]).toEqual(['initial-conference', 'plan-updated']);
    expect(afterChange.requests).toEqual([indexQuery(), caseRow(local.tenantId, refs[1]!), settle(local.socialWorker, refs[1]!)].sort());
    expect((await recorded(() => eventsOf(local.socialWorker))).requests).toEqual([indexQuery()]);
  });

  it('stops trusting a leaver\'s snapshot, and prunes their row', async () => {
    const local = people();
    const caseRef = await caseWithMeeting(service, local);
    expect(Object.keys(await eventsOf(local.member))).toEqual([caseRef]); // settles the member's row

    await service.commands.removeMember(local.socialWorker, caseRef, { memberId: 'M2', reason: 'agency-no-longer-involved' });
    expect(await service.queries.myCases(local.member)).toEqual([]);
    const rows: unknown[] = [];
    for await (const row of tables.userCases.listEntities({ queryOptions: { filter: `PartitionKey eq '${joinKey(local.tenantId, local.member.aadObjectId)}'` } })) rows.push(row);
    expect(rows).toEqual([]);
  });

  it('never settles over a claim for a change still in flight, nor lets a late claim lower a newer one', async () => {
    const local = people();
    const caseRef = await caseWithMeeting(service, local);
    await service.queries.myCases(local.socialWorker); // settled at the case's version
    const { version } = (await repository.loadHeader(local.tenantId, caseRef))!;
    const indexes = new CaseIndexes(tables);

    // A change to version+2 has claimed the row but not committed; a claim for version+1 arrives late.
    await indexes.claimUsers(local.tenantId, caseRef, [local.socialWorker.aadObjectId], version + 2);
    await indexes.claimUsers(local.tenantId, caseRef, [local.socialWorker.aadObjectId], version + 1);
    const [row] = await indexes.casesOf(local.tenantId, local.socialWorker.aadObjectId);
    expect(row).toMatchObject({ caseRef, claimed: version + 2, snapshot: { version } });

    // Read from the case row every time, and the claim is kept for when the change commits.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const read = await recorded(() => service.queries.myCases(local.socialWorker));
      expect(read.result).toEqual([expect.objectContaining({ caseRef })]);
      expect(read.requests).toEqual([indexQuery(), caseRow(local.tenantId, caseRef)].sort());
    }
    await expect(indexes.settleUser(local.tenantId, local.socialWorker.aadObjectId, row!, { version, json: '{}' })).rejects.toThrow(/cannot settle/);
  });

  it('keeps one claim on the row of someone who never asks, however many changes pass (an entity holds at most 255 properties)', async () => {
    const local = people();
    const caseRef = await caseWithMeeting(service, local);
    const indexes = new CaseIndexes(tables);
    const { version } = (await repository.loadHeader(local.tenantId, caseRef))!;
    for (let claim = 1; claim <= 300; claim += 1) await indexes.claimUsers(local.tenantId, caseRef, [local.teamManager.aadObjectId], version + claim);
    const row = await tables.userCases.getEntity<Record<string, unknown>>(joinKey(local.tenantId, local.teamManager.aadObjectId), caseRef);
    expect(row['claimed']).toBe(version + 300);
    expect(Object.keys(row).filter((name) => !['partitionKey', 'rowKey', 'etag', 'timestamp', 'odata.metadata'].includes(name))).toEqual(['claimed']);
  });

  it('lets concurrent claims settle on the highest', async () => {
    const local = people();
    const caseRef = await caseWithMeeting(service, local);
    const indexes = new CaseIndexes(tables);
    const { version } = (await repository.loadHeader(local.tenantId, caseRef))!;
    await Promise.all([5, 3, 9, 1, 7].map((step) => indexes.claimUsers(local.tenantId, caseRef, [local.chair.aadObjectId], version + step)));
    const [row] = await indexes.casesOf(local.tenantId, local.chair.aadObjectId);
    expect(row?.claimed).toBe(version + 9);
  });

  it('claims only the newcomer\'s row when a member is added, so the others\' snapshots stay trusted and right', async () => {
    const local = people();
    const caseRef = await caseWithMeeting(service, local);
    const before = await eventsOf(local.member); // settles the member's row
    await eventsOf(local.socialWorker);

    const added = await recorded(() => service.commands.addMember(local.socialWorker, caseRef, teamsMember(local.outsider.aadObjectId)));
    const newcomerRow = `${tables.userCases.tableName}(PartitionKey='${joinKey(local.tenantId, local.outsider.aadObjectId)}',RowKey='${caseRef}')`;
    expect(added.requests.filter((request) => request.includes(tables.userCases.tableName))).toEqual([`GET ${newcomerRow}`, `POST ${tables.userCases.tableName}`].sort());

    expect(await recorded(() => eventsOf(local.member))).toEqual({ result: before, requests: [indexQuery()] });
    expect(Object.keys(await eventsOf(local.outsider))).toEqual([caseRef]);
  });
});
