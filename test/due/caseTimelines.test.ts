import { describe, expect, it } from 'vitest';
import { createBotServices } from '../../bot/services.js';
import { fixedClock } from '../../src/time/clock.js';
import { parseLocalDate } from '../../src/time/localDate.js';
import { TEST_STAFF } from '../e2e/testBot.js';
import { testTables } from '../setup/tables.js';
import { tellStory, type CaseStory } from '../support/caseStory.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const socialWorker = { tenantId: TENANT, aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001' };
const TEAM_MANAGER = 'aaaaaaaa-0000-4000-8000-000000000010';

/** A seed 002 case whose core group before review was held on 23 Apr 2027, with the services as of `today`. */
async function jointReportCase(caseRef: string, today: string, events: CaseStory['events'] = []) {
  const tables = await testTables('due');
  const services = createBotServices(tables, { closureDays: [] }, fixedClock(today));
  await services.staff.importEntries(TENANT, TEST_STAFF);
  await tellStory(tables, services, {
    caseRef,
    policyId: 'six-weekly-joint-report',
    icpc: '2027-03-01',
    socialWorker,
    teamManager: TEAM_MANAGER,
    chair: 'aaaaaaaa-0000-4000-8000-000000000011',
    coreGroups: ['2027-03-12', '2027-04-23'],
    events,
  });
  return services;
}

describe('what is due, from what the case service recorded', () => {
  it('a joint report step recorded for seed 002 meets its obligation, and the next step counts from it', async () => {
    const services = await jointReportCase('CP-4001', '2027-05-05', [['joint-report-draft-sent', '2027-04-29']]);
    const [found] = await services.timelines.forActor(socialWorker, services.clock.today());
    const steps = found!.timeline.obligations.filter((o) => o.kind.startsWith('joint-report')).map((o) => [o.kind, o.due, o.status, o.metOn ?? null]);
    // Draft due 5 working days after the core group on 23 Apr; comments 5 working days after the draft actually
    // sent on 29 Apr, skipping the early May bank holiday; final 5 working days before the review due 1 Jun.
    expect(steps).toEqual([
      ['joint-report-draft', '2027-04-30', 'met', '2027-04-29'],
      ['joint-report-comments', '2027-05-07', 'upcoming', null],
      ['joint-report-to-manager', '2027-05-11', 'upcoming', null],
      ['joint-report-authorised', '2027-05-14', 'upcoming', null],
      ['joint-report-final', '2027-05-24', 'upcoming', null],
    ]);
  });

  it('only the team manager records that the joint report was authorised', async () => {
    const services = await jointReportCase('CP-4002', '2027-05-20');
    await expect(services.cases.commands.recordEvent(socialWorker, 'CP-4002', { kind: 'joint-report-authorised', date: '2027-05-14' })).rejects.toThrow(/team manager/);
    await services.cases.commands.recordEvent({ tenantId: TENANT, aadObjectId: TEAM_MANAGER }, 'CP-4002', { kind: 'joint-report-authorised', date: '2027-05-14' });
    const [found] = await services.timelines.forActor(socialWorker, services.clock.today(), 'CP-4002');
    expect(found!.timeline.obligations.find((o) => o.kind === 'joint-report-authorised')?.metOn).toBe('2027-05-14');
  });
});

describe('asked again, what is due is not worked out again unless something changed', () => {
  it('reuses the timeline the same day, and works it out afresh after a change or on a new day', async () => {
    const services = await jointReportCase('CP-4003', '2027-04-30');
    const ask = async (today: string) => (await services.timelines.forActor(socialWorker, parseLocalDate(today)))[0]!.timeline;
    const draft = (timeline: Awaited<ReturnType<typeof ask>>) => timeline.obligations.find((o) => o.kind === 'joint-report-draft');

    const first = await ask('2027-04-30');
    expect(draft(first)).toMatchObject({ due: '2027-04-30', status: 'due-today' });
    expect(await ask('2027-04-30')).toBe(first);

    // The next working day (3 May 2027 is the early May bank holiday, so 4 May), from the same snapshot.
    const nextDay = await ask('2027-05-04');
    expect(nextDay.today).toBe('2027-05-04');
    expect(draft(nextDay)).toMatchObject({ due: '2027-04-30', status: 'overdue' });

    await services.cases.commands.recordEvent(socialWorker, 'CP-4003', { kind: 'joint-report-draft-sent', date: '2027-04-30' });
    const changed = await ask('2027-05-04');
    expect(changed).not.toBe(nextDay);
    expect(draft(changed)).toMatchObject({ status: 'met', metOn: '2027-04-30' });
  });
});
