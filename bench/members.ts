import { randomUUID } from 'node:crypto';
import { createCaseServices } from '../src/cases/caseService.js';
import { startEmbeddedAzurite } from '../src/store/azurite.js';
import { connectTables } from '../src/store/connect.js';
import { apologiesOf, createInput, everyoneListed, newCaseRef, nextDueOf, people, POLICY, teamsMember, tickingClock } from '../test/cases/fixtures.js';
import { createTableMeter, usageBetween } from './chat/tableMeter.js';
import type { BenchResult } from './report.js';

/** Case sizes measured: a typical core group, and a large one. */
const SIZES = [5, 30] as const;

/**
 * Table transactions to add one Teams member to a case of 5 and of 30 members (the social worker and Teams
 * colleagues), as Azure bills them (bench/chat/tableMeter.ts). Goal: the same at both sizes, so a member added
 * never costs more as the group grows (src/store/README.md, "Adding a member costs the same at any size").
 */
export async function benchMembers(): Promise<BenchResult> {
  const azurite = await startEmbeddedAzurite({ inMemory: true });
  const meter = createTableMeter();
  try {
    const tables = await connectTables({ kind: 'connection-string', connectionString: azurite.connectionString }, 'members', meter.options);
    const service = createCaseServices({ tables, clock: tickingClock(), policyIds: new Set([POLICY]), nextDueOf, apologiesOf, staff: everyoneListed });
    const costs = await Promise.all(
      SIZES.map(async (size) => {
        const who = people();
        const caseRef = newCaseRef();
        await service.commands.createCase(who.socialWorker, createInput(who, caseRef));
        for (let members = 1; members < size; members += 1) await service.commands.addMember(who.socialWorker, caseRef, teamsMember(randomUUID()));
        // Every member asks once, as they would, so their "my cases" rows hold settled snapshots.
        const view = await service.queries.getCase(who.socialWorker, caseRef);
        await Promise.all(view.members.flatMap((member) => (member.aadObjectId === undefined ? [] : [service.queries.myCases({ tenantId: who.tenantId, aadObjectId: member.aadObjectId })])));
        return { size, members: view.members.length, caseRef, who };
      }),
    );
    const perAdd: number[] = [];
    // Measured one at a time, so the meter's reading belongs to that one add.
    for (const { who, caseRef } of costs) {
      const before = meter.usage();
      await service.commands.addMember(who.socialWorker, caseRef, teamsMember(randomUUID()));
      perAdd.push(usageBetween(before, meter.usage()).transactions);
    }
    const [at5 = Number.NaN, at30 = Number.NaN] = perAdd;
    const line = `members: table transactions to add one member: ${costs.map(({ members }, index) => `${perAdd[index]} at ${members} members`).join(', ')}; goal: no more at 30 than at 5`;
    return { figures: { addMemberTransactionsAt30: { value: at30, unit: 'transactions', goal: { kind: 'at-most', value: at5, of: 'at 5 members' } } }, line };
  } finally {
    await azurite.stop();
  }
}
