import type { CaseSummaryData, CaseSummaryLine, StatusColor } from '../../cards/index.js';
import { formatLongDate, type LocalDate } from '../../src/time/localDate.js';
import type { CaseTimeline } from '../../src/due/caseTimelines.js';
import { describeObligation, describeStatus, type Obligation } from '../../src/timeline/index.js';
import type { StaffNames } from './staffNames.js';

export type SummaryQuestion = 'due' | 'overdue' | 'cases';

export const caseLabel = (c: { caseRef: string; alias?: string }): string => (c.alias ? `${c.caseRef} · ${c.alias}` : c.caseRef);

const STATUS: Readonly<Record<string, { text: string; color: StatusColor }>> = {
  overdue: { text: 'Overdue', color: 'Attention' },
  'target passed': { text: 'Target passed', color: 'Warning' },
  'due today': { text: 'Due today', color: 'Warning' },
  upcoming: { text: 'Upcoming', color: 'Default' },
};

/** Passed and not met: a breach for a deadline; for a target, worth showing but not a breach. */
const isOverdue = (o: Obligation) => o.status === 'overdue';
const isBreach = (o: Obligation) => isOverdue(o) && o.firmness === 'deadline';
const hasBreach = (c: CaseTimeline) => c.timeline.obligations.some(isBreach);
const hasOverdue = (c: CaseTimeline) => c.timeline.obligations.some(isOverdue);

function alertText(o: Obligation): string {
  const follows = o.follows ? ` (core group on ${formatLongDate(o.follows)})` : '';
  if (o.status === 'missed') return `${describeObligation(o)}${follows}: missed, was due ${formatLongDate(o.due)}`;
  if (o.daysLate !== undefined) return `${describeObligation(o)}${follows}: ${describeStatus(o)}, was due ${formatLongDate(o.due)}`;
  const passed = o.firmness === 'target' ? 'target passed' : 'overdue';
  return `${describeObligation(o)}${follows}: ${passed} since ${formatLongDate(o.due)}`;
}

/** The latest core group held, when it was held late: a breach stays visible once it is finally met. */
function lastHeldLate(item: CaseTimeline): Obligation[] {
  const held = item.timeline.obligations.filter((o) => o.kind === 'core-group' && o.status === 'met');
  const last = held[held.length - 1];
  return last?.daysLate !== undefined && last.firmness === 'deadline' ? [last] : [];
}

/** Whether the case is still awaiting its team manager, in the asker's words; the team manager decides from the line. */
function standing(item: CaseTimeline, names: StaffNames | undefined): Pick<CaseSummaryLine, 'caseRef' | 'people' | 'confirmation' | 'decide'> {
  const decide = item.confirmation === 'awaiting-team-manager' && item.roles.includes('team-manager');
  const confirmation = item.confirmation === 'confirmed' ? '' : decide ? 'Awaiting your confirmation' : "Awaiting its team manager's confirmation";
  return { caseRef: item.caseRef, people: names ? `Team manager: ${names(item.teamManager)} · Chair: ${names(item.chair)}` : '', confirmation, decide };
}

function line(item: CaseTimeline, names: StaffNames | undefined): CaseSummaryLine {
  const next = item.timeline.nextCoreGroup;
  const others = [...lastHeldLate(item), ...item.timeline.obligations.filter((o) => (isOverdue(o) || o.status === 'missed') && o !== next)];
  if (!next) {
    return {
      caseLabel: caseLabel(item),
      headline: `Plan ended on ${formatLongDate(item.timeline.planEnded!)}: no more core groups are due`,
      statusText: 'Plan ended',
      statusColor: 'Good',
      basis: '',
      alerts: others.map((o) => ({ text: alertText(o) })),
      ...standing(item, names),
    };
  }
  const status = STATUS[describeStatus(next)]!;
  const verb = next.firmness === 'target' ? 'target date' : 'due by';
  return {
    caseLabel: caseLabel(item),
    headline: `Next core group ${verb} ${formatLongDate(next.due)}`,
    statusText: status.text,
    statusColor: status.color,
    basis: next.basis,
    alerts: others.map((o) => ({ text: alertText(o) })),
    ...standing(item, names),
  };
}

/** Breaches first, then passed targets, then the rest; within each, by when the next core group is due. */
function byUrgency(a: CaseTimeline, b: CaseTimeline): number {
  const rank = (c: CaseTimeline) => (hasBreach(c) ? 0 : hasOverdue(c) ? 1 : 2);
  const next = (c: CaseTimeline) => c.timeline.nextCoreGroup?.due ?? '9999-12-31';
  return rank(a) - rank(b) || (next(a) < next(b) ? -1 : next(a) > next(b) ? 1 : a.caseRef.localeCompare(b.caseRef));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 cases, 1 with something overdue, 1 past a target date": a passed target is counted apart from breaches. */
function subtitleOf(cases: readonly CaseTimeline[]): string {
  const breaches = cases.filter(hasBreach).length;
  const targetsOnly = cases.filter((c) => !hasBreach(c) && hasOverdue(c)).length;
  return `${plural(cases.length, 'case')}, ${breaches} with something overdue${targetsOnly ? `, ${targetsOnly} past a target date` : ''}`;
}

/** Narrows an answer: one case, or what falls due by a date. */
export interface SummaryScope {
  readonly caseRef?: string | undefined;
  readonly by?: LocalDate | undefined;
}

/**
 * The card data answering "when is the next core group due?", "anything overdue?" or "my cases"; with `names`
 * (the staff directory's), each line also names its team manager and chair.
 */
export function caseSummaryData(question: SummaryQuestion, cases: readonly CaseTimeline[], scope: SummaryScope = {}, names?: StaffNames): CaseSummaryData {
  const inScope = scope.by ? cases.filter((c) => hasOverdue(c) || (c.timeline.nextCoreGroup?.due ?? '9999-12-31') <= scope.by!) : cases;
  const sorted = [...inScope].sort(byUrgency);
  const shown = question === 'overdue' ? sorted.filter(hasOverdue) : sorted;
  const forCase = scope.caseRef ? ` for ${scope.caseRef}` : '';
  const titles: Record<SummaryQuestion, string> = {
    due: scope.by ? `Core groups due by ${formatLongDate(scope.by)}` : scope.caseRef ? `Next core group${forCase}` : 'Next core groups',
    overdue: `Overdue${forCase}`,
    cases: 'Your cases',
  };
  return {
    title: titles[question],
    subtitle: subtitleOf(inScope),
    emptyText: question === 'overdue' ? 'Nothing is overdue.' : 'You have no open cases you can see.',
    cases: shown.map((item) => line(item, names)),
  };
}
