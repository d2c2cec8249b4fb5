import { createCaseServices, type CaseServices } from '../../src/cases/caseService.js';
import type { Actor } from '../../src/cases/model.js';
import type { AddMemberInput } from '../../src/cases/validation.js';
import type { StaffEntry } from '../../src/directory/staff.js';
import { StaffDirectory } from '../../src/directory/staffDirectory.js';
import { nextDueFromTimeline, type TimelineSources } from '../../src/due/caseTimelines.js';
import { apologiesFrom } from '../../src/policy/index.js';
import type { StoreTables } from '../../src/store/connect.js';
import type { Clock } from '../../src/time/clock.js';
import { addDays, compareDates, maxDate, type LocalDate } from '../../src/time/localDate.js';

/**
 * A realistic caseload written through the real CaseServices, so every row (case, members, meetings, answers,
 * events, audit, idempotency, both indexes) is what production would hold. Past meetings cannot be scheduled
 * "today", so each case is replayed in date order against a clock that steps to the day of each operation.
 */

export interface CaseloadShape {
  readonly socialWorkers: number;
  readonly casesEach: number;
  /** Cases seeded at once; each case's own operations run in order. */
  readonly parallel: number;
}

export interface SeededCase {
  readonly caseRef: string;
  readonly alias: string;
}

/** Someone in Teams and the cases they are a member of. */
export interface CaseMember {
  readonly aadObjectId: string;
  readonly cases: readonly SeededCase[];
}

export interface Caseload {
  readonly tenantId: string;
  readonly socialWorkers: readonly CaseMember[];
  /** The health visitors and teachers in Teams, each on many of the cases, in order of their ids. */
  readonly professionals: readonly CaseMember[];
  readonly operations: number;
}

const TENANT = '6d1f3c2a-5b7e-4c9d-8a10-3e2f4b5c6d7e';
const TEAM_SIZE = 5; // social workers per team manager
const CHAIRS = 6;
const PROFESSIONALS = 80; // health visitors, teachers, police: each on many cases
const ALIASES = ['Oak', 'Ash', 'Birch', 'Rowan', 'Hazel', 'Willow', 'Elm', 'Alder', 'Cedar', 'Larch', 'Holly', 'Maple'];
const UPDATE_TEXT =
  'Attendance at school has improved to 92% this half term. The family support worker visits weekly; ' +
  'mum has engaged with the parenting course. Concerns remain about evening supervision.';

const person = (group: number, n: number) => `b000000${group}-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A deterministic pseudo-random sequence, so every run seeds the same caseload. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/** A clock on a day the caller moves forward; each reading is a second later, so audit rows keep their order. */
function steppedClock(start: LocalDate): { clock: Clock; moveTo(day: LocalDate): void } {
  let day = start;
  let tick = 0;
  return {
    clock: { now: () => new Date(Date.parse(`${day}T09:00:00Z`) + (tick += 1000)), today: () => day },
    moveTo: (next) => void (day = next),
  };
}

/** The social worker and their team manager. */
interface Team {
  readonly socialWorker: Actor;
  readonly teamManager: string;
}

interface Step {
  readonly on: LocalDate;
  readonly name: string;
  readonly run: (service: CaseServices, idempotencyKey: string) => Promise<unknown>;
}

const teamsProfessional = (aadObjectId: string, agency: string): AddMemberInput => ({
  kind: 'teams',
  aadObjectId,
  displayName: `${agency} lead`,
  agency,
  role: 'professional',
});

/** One case's life in date order: conference, members, two or three core groups held with their paperwork, a review, the next core group booked. */
function caseSteps(index: number, team: Team, today: LocalDate, policyId: string, random: () => number): { seeded: SeededCase; professionals: string[]; steps: Step[] } {
  const { socialWorker } = team;
  const caseRef = `CP-${10_000 + index}`;
  const alias = ALIASES[index % ALIASES.length]!;
  const health = { tenantId: TENANT, aadObjectId: person(4, (index * 2) % PROFESSIONALS) };
  const school = { tenantId: TENANT, aadObjectId: person(4, (index * 2 + 1) % PROFESSIONALS) };
  const icpc = addDays(today, -(100 + Math.floor(random() * 260)));
  const meetings = new Map<string, string>();
  const meetingId = (name: string) => meetings.get(name)!;
  const steps: Step[] = [];
  const add = (on: LocalDate, name: string, run: Step['run']) => steps.push({ on, name, run });

  add(icpc, 'create', (s, key) =>
    s.commands.createCase(socialWorker, {
      caseRef,
      alias,
      policyId,
      initialConferenceDate: icpc,
      socialWorker: { aadObjectId: socialWorker.aadObjectId, displayName: 'Social worker', agency: "Children's social care" },
      teamManager: team.teamManager,
      chair: person(3, index % CHAIRS),
    }, { idempotencyKey: key }),
  );
  add(icpc, 'add-health', (s, key) => s.commands.addMember(socialWorker, caseRef, teamsProfessional(health.aadObjectId, 'Health visiting'), { idempotencyKey: key }));
  add(icpc, 'add-school', (s, key) => s.commands.addMember(socialWorker, caseRef, teamsProfessional(school.aadObjectId, 'Primary school'), { idempotencyKey: key }));
  add(icpc, 'add-parent', (s, key) =>
    s.commands.addMember(socialWorker, caseRef, {
      kind: 'family',
      label: 'Parent A',
      role: 'parent-or-carer',
      contactRoute: 'Printed copy handed over at home visits',
    }, { idempotencyKey: key }),
  );

  const schedule = (name: string, on: LocalDate, date: LocalDate, type: 'first' | 'subsequent') =>
    add(on, `schedule-${name}`, async (s, key) => {
      const result = await s.commands.scheduleMeeting(socialWorker, caseRef, { date, time: '10:00', onlineLink: 'https://teams.microsoft.com/l/meetup-join/x', type, chair: 'M1', noteTaker: 'M2' }, { idempotencyKey: key });
      meetings.set(name, result.meetingId);
    });
  // Every part of the update: some procedures cycled through here require all four (seed 002).
  const apologies = (name: string, on: LocalDate) =>
    add(on, `apologies-${name}`, (s, key) =>
      s.commands.answerInvitation(school, caseRef, { meetingId: meetingId(name), response: 'apologies', update: { progressOnActions: UPDATE_TEXT, whatIsWorking: 'Regular attendance.', whatIsNotWorking: 'Homework is not handed in.', changesToPlan: 'None needed yet.' } }, { idempotencyKey: key }),
    );

  let held = addDays(icpc, 8);
  const coreGroups = random() < 0.5 ? 2 : 3;
  for (let number = 1; number <= coreGroups; number += 1) {
    const name = `cg${number}`;
    schedule(name, maxDate(icpc, addDays(held, -10)), held, number === 1 ? 'first' : 'subsequent');
    apologies(name, addDays(held, -1));
    const heldOn = held;
    add(heldOn, `held-${name}`, (s, key) =>
      s.commands.recordMeetingHeld(socialWorker, caseRef, {
        meetingId: meetingId(name), heldOn, attendees: ['M1', 'M2', 'M4'], apologies: ['M3'], absentees: [], chair: 'M1', noteTaker: 'M2', childViewsRecorded: true, parentsViewsRecorded: true, membershipReviewed: true,
      }, { idempotencyKey: key }),
    );
    add(addDays(heldOn, 2), `plan-updated-${name}`, (s, key) => s.commands.recordEvent(socialWorker, caseRef, { kind: 'plan-updated', date: addDays(heldOn, 2) }, { idempotencyKey: key }));
    add(addDays(heldOn, 4), `plan-circulated-${name}`, (s, key) => s.commands.recordEvent(socialWorker, caseRef, { kind: 'plan-circulated', date: addDays(heldOn, 4) }, { idempotencyKey: key }));
    held = addDays(held, 28 + Math.floor(random() * 14));
  }
  const review = addDays(icpc, 84);
  add(review, 'review', (s, key) => s.commands.recordEvent(socialWorker, caseRef, { kind: 'review-conference-held', date: review }, { idempotencyKey: key }));

  const next = addDays(today, 3 + Math.floor(random() * 20));
  schedule('next', addDays(today, -6), next, 'subsequent');
  add(addDays(today, -4), 'attending-next', (s, key) => s.commands.answerInvitation(health, caseRef, { meetingId: meetingId('next'), response: 'attending' }, { idempotencyKey: key }));
  apologies('next', addDays(today, -3));

  // Stable: steps on the same day keep the order they were added in.
  steps.sort((a, b) => compareDates(a.on, b.on));
  return { seeded: { caseRef, alias }, professionals: [health.aadObjectId, school.aadObjectId], steps };
}

async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function seedCaseload(tables: StoreTables, sources: TimelineSources, today: LocalDate, shape: CaseloadShape): Promise<Caseload> {
  const policyIds = sources.policies.ids();
  const random = lcg(7);
  const teams: Team[] = Array.from({ length: shape.socialWorkers }, (_, n) => ({
    socialWorker: { tenantId: TENANT, aadObjectId: person(1, n) },
    teamManager: person(2, Math.floor(n / TEAM_SIZE)),
  }));
  const plans = teams.flatMap((team, n) =>
    Array.from({ length: shape.casesEach }, (_, c) => {
      const index = n * shape.casesEach + c;
      return { team, ...caseSteps(index, team, today, policyIds[index % policyIds.length]!, random) };
    }),
  );
  // The organisation's staff directory first: every case's social worker, team manager and chair is listed.
  const listed = (aadObjectId: string, roles: StaffEntry['roles']): StaffEntry => ({ aadObjectId, displayName: 'Staff member', roles });
  const managers = [...new Set(teams.map((team) => team.teamManager))];
  const chairs = Array.from({ length: CHAIRS }, (_, n) => person(3, n));
  const staff = new StaffDirectory({ table: tables.staff, clock: steppedClock(today).clock, admins: new Set() });
  await staff.importEntries(TENANT, [
    ...teams.map((team) => listed(team.socialWorker.aadObjectId, ['social-worker'])),
    ...managers.map((id) => listed(id, ['team-manager'])),
    ...chairs.map((id) => listed(id, ['chair'])),
  ]);
  await inPool(plans, shape.parallel, async ({ seeded, steps }) => {
    const stepped = steppedClock(steps[0]!.on);
    const service = createCaseServices({ tables, clock: stepped.clock, policyIds: new Set(policyIds), nextDueOf: nextDueFromTimeline(sources, stepped.clock), apologiesOf: apologiesFrom(sources.policies), staff });
    for (const step of steps) {
      stepped.moveTo(step.on);
      await step.run(service, `seed|${seeded.caseRef}|${step.name}`);
    }
  });
  return {
    tenantId: TENANT,
    socialWorkers: teams.map((team) => ({
      aadObjectId: team.socialWorker.aadObjectId,
      cases: plans.filter((plan) => plan.team === team).map((plan) => plan.seeded),
    })),
    professionals: [...new Set(plans.flatMap((plan) => plan.professionals))].sort().map((aadObjectId) => ({
      aadObjectId,
      cases: plans.filter((plan) => plan.professionals.includes(aadObjectId)).map((plan) => plan.seeded),
    })),
    operations: plans.reduce((sum, plan) => sum + plan.steps.length, 0),
  };
}
