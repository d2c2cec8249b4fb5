import type { TableServiceClientOptions } from '@azure/data-tables';
import { RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { createCaseServices } from '../../src/cases/caseService.js';
import { testTables } from '../setup/tables.js';
import { caseWithMeeting, apologiesOf, nextDueOf, people, POLICY, tickingClock, everyoneListed } from './fixtures.js';

type AdditionalPolicy = NonNullable<TableServiceClientOptions['additionalPolicies']>[number];

describe('index upkeep on the read path is best-effort', () => {
  it('answers "my cases" when settling the index row fails, says so to the logger, and settles on the next read', async () => {
    let failSettles = true;
    // Every Replace (PUT) of a "my cases" row fails while failSettles is set: what a storage fault on settle looks like.
    const failing: AdditionalPolicy = {
      position: 'perRetry',
      policy: {
        name: 'failSettle',
        sendRequest(request, next) {
          if (failSettles && request.method === 'PUT' && request.url.includes('UserCases(')) {
            return Promise.reject(new RestError('injected', { statusCode: 503 }));
          }
          return next(request);
        },
      },
    };
    const tables = await testTables('upkeep', { additionalPolicies: [failing] });
    const failures: string[] = [];
    const service = createCaseServices({ tables, clock: tickingClock(), policyIds: new Set([POLICY]), nextDueOf, apologiesOf, staff: everyoneListed, onUpkeepFailed: (upkeep) => failures.push(upkeep) });
    const who = people();
    const caseRef = await caseWithMeeting(service, who);

    expect((await service.queries.myCases(who.socialWorker)).map((found) => found.caseRef)).toEqual([caseRef]);
    expect(failures).toEqual(['settle']);

    failSettles = false;
    await service.queries.myCases(who.socialWorker);
    const row = await tables.userCases.getEntity(`${who.tenantId}|${who.socialWorker.aadObjectId}`, caseRef);
    expect(row['snapshotVersion']).toBeTypeOf('number');
    expect(failures).toEqual(['settle']);
  });
});
