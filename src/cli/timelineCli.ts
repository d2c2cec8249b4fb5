/** The timeline preview command, as a function of its arguments: the entry point is timeline.ts. */
import { parseArgs } from 'node:util';
import { createCalendars, NATION_LABEL } from '../calendar/index.js';
import { createPolicyRegistry, loadPolicyFile, PolicyError } from '../policy/index.js';
import { systemClock } from '../time/clock.js';
import { formatLongDate, InvalidDateError, parseLocalDate, type LocalDate } from '../time/localDate.js';
import { CASE_EVENT_KINDS, computeTimeline, describeObligation, describeStatus, ROLE_LABEL, type CaseEvent, type CaseEventKind, type Timeline } from '../timeline/index.js';

const USAGE =
  'usage: timeline --policy <id> --icpc YYYY-MM-DD [--core-group YYYY-MM-DD]... [--review YYYY-MM-DD]... ' +
  '[--event <kind>=YYYY-MM-DD[@CG<n>]]... [--today YYYY-MM-DD] [--closure-days YYYY-MM-DD,...] [--policy-file PATH] [--json]';

class UsageError extends Error {}

function dateFlag(flag: string, value: string): LocalDate {
  try {
    return parseLocalDate(value);
  } catch (error) {
    if (error instanceof InvalidDateError) throw new UsageError(`--${flag}: ${error.message}`);
    throw error;
  }
}

const isEventKind = (kind: string): kind is CaseEventKind => (CASE_EVENT_KINDS as readonly string[]).includes(kind);

/** `record-distributed=2026-03-02`, or `…@CG2` for the paperwork of the second core group given. */
function eventFlag(spec: string, coreGroups: readonly LocalDate[]): CaseEvent {
  const match = /^([a-z-]+)=([^@]+)(?:@CG(\d+))?$/.exec(spec);
  const kind = match?.[1];
  if (!match || kind === undefined || !isEventKind(kind))
    throw new UsageError(`--event: "${spec}" must be <kind>=YYYY-MM-DD[@CG<n>] with kind one of ${CASE_EVENT_KINDS.join(', ')}`);
  const date = dateFlag('event', match[2]!);
  if (match[3] === undefined) return { kind, date };
  const follows = coreGroups[Number(match[3]) - 1];
  if (follows === undefined) throw new UsageError(`--event: "${spec}" names core group ${match[3]}, but ${coreGroups.length} were given with --core-group`);
  return { kind, date, follows };
}

function parse(argv: readonly string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        policy: { type: 'string' },
        icpc: { type: 'string' },
        'core-group': { type: 'string', multiple: true, default: [] },
        review: { type: 'string', multiple: true, default: [] },
        event: { type: 'string', multiple: true, default: [] },
        today: { type: 'string' },
        'closure-days': { type: 'string' },
        'policy-file': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  const { values } = parsed;
  if (!values.policy) throw new UsageError(`--policy is required. ${USAGE}`);
  if (!values.icpc) throw new UsageError(`--icpc is required. ${USAGE}`);
  const events: CaseEvent[] = [
    { kind: 'initial-conference', date: dateFlag('icpc', values.icpc) },
    ...values['core-group'].map((date): CaseEvent => ({ kind: 'core-group-held', date: dateFlag('core-group', date) })),
    ...values.review.map((date): CaseEvent => ({ kind: 'review-conference-held', date: dateFlag('review', date) })),
  ];
  const coreGroups = [...new Set(events.filter((event) => event.kind === 'core-group-held').map((event) => event.date))].sort();
  for (const spec of values.event) events.push(eventFlag(spec, coreGroups));
  // Only a review conference ends a plan (seed 004): an end given without its review is taken as decided by one that day.
  const notes: string[] = [];
  for (const ended of events.filter((event) => event.kind === 'plan-ended')) {
    if (values.review.includes(ended.date)) continue;
    events.push({ kind: 'review-conference-held', date: ended.date });
    notes.push(`The plan ended at a review conference: --review ${ended.date} is taken as given with --event plan-ended=${ended.date}.`);
  }
  const closureDays = (values['closure-days'] ?? '').split(',').filter(Boolean).map((date) => dateFlag('closure-days', date.trim()));
  return {
    policyId: values.policy,
    events,
    today: values.today ? dateFlag('today', values.today) : systemClock.today(),
    closureDays,
    policyFile: values['policy-file'],
    json: values.json,
    notes,
  };
}

function asJson(timeline: Timeline, notes: readonly string[]): string {
  return JSON.stringify(
    {
      policy: timeline.policyId,
      notes,
      today: timeline.today,
      planEnded: timeline.planEnded,
      nextCoreGroupDue: timeline.nextCoreGroup?.due ?? null,
      nextReviewConferenceDue: timeline.nextReviewConference?.due ?? null,
      obligations: timeline.obligations.map((o) => ({
        kind: o.kind,
        due: o.due,
        status: o.status,
        metOn: o.metOn ?? null,
        late: o.daysLate !== undefined,
        daysLate: o.daysLate ?? null,
        follows: o.follows ?? null,
        owner: o.owner,
        firmness: o.firmness,
        ...(o.coreGroup && { coreGroup: { number: o.coreGroup.number, meeting: o.coreGroup.meeting } }),
        basis: o.basis,
      })),
    },
    null,
    2,
  );
}

function asText(timeline: Timeline, heading: string, notes: readonly string[]): string {
  const next = (label: string, o: Timeline['nextCoreGroup']) =>
    `${label}: ${o ? `${formatLongDate(o.due)} (${describeStatus(o)}, ${o.firmness})` : 'none (plan ended)'}`;
  const lines = [
    heading,
    `Today: ${formatLongDate(timeline.today)}`,
    next('Next core group due', timeline.nextCoreGroup),
    next('Next review conference due', timeline.nextReviewConference),
    ...notes,
    '',
  ];
  for (const o of timeline.obligations) {
    lines.push(`${formatLongDate(o.due).padEnd(16)} ${describeStatus(o).padEnd(28)} ${describeObligation(o)} — ${ROLE_LABEL[o.owner]}, ${o.firmness}`);
    lines.push(`${' '.repeat(17)}${o.basis}`);
  }
  return lines.join('\n');
}

export function runTimelineCli(argv: readonly string[]): { code: number; out: string } {
  try {
    const options = parse(argv);
    const registry = createPolicyRegistry(options.policyFile ? loadPolicyFile(options.policyFile) : []);
    const profile = registry.require(options.policyId);
    const timeline = computeTimeline({ profile, calendars: createCalendars(options.closureDays), events: options.events, today: options.today });
    const heading = `${profile.id}: ${profile.name} (${NATION_LABEL[profile.nation]} calendar)`;
    return { code: 0, out: options.json ? asJson(timeline, options.notes) : asText(timeline, heading, options.notes) };
  } catch (error) {
    if (error instanceof UsageError || error instanceof PolicyError) return { code: 2, out: error.message };
    throw error;
  }
}
