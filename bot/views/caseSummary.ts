import type { CaseSummaryData, CaseSummaryLine, StatusColor } from '../../cards/index.js';
import { formatLongDate } from '../../src/time/localDate.js';
import { describeObligation, describeStatus, type Obligation, type Timeline } from '../../src/timeline/index.js';

/** A case as an answer shows it: its reference, the alias its social worker chose, and its timeline. */
export interface CaseTimeline {
  readonly caseRef: string;
  readonly alias?: string;
  readonly timeline: Timeline;
}

export type SummaryQuestion = 'due' | 'overdue' | 'cases';

export const caseLabel = (c: { caseRef: string; alias?: string }): string => (c.alias ? `${c.caseRef} · ${c.alias}` : c.caseRef);

const STATUS: Readonly<Record<string, { text: string; color: StatusColor }>> = {
  overdue: { text: 'Overdue', color: 'Attention' },
  'target passed': { text: 'Target passed', color: 'Warning' },
  'due today': { text: 'Due today', color: 'Warning' },
  upcoming: { text: 'Upcoming', color: 'Default' },
};

const isOverdue = (o: Obligation) => o.status === 'overdue';

function alertText(o: Obligation): string {
  const follows = o.follows ? ` (core group on ${formatLongDate(o.follows)})` : '';
  const passed = o.firmness === 'target' ? 'target passed' : 'overdue';
  return `${describeObligation(o)}${follows}: ${passed} since ${formatLongDate(o.due)}`;
}

function line(item: CaseTimeline): CaseSummaryLine {
  const next = item.timeline.nextCoreGroup;
  const others = item.timeline.obligations.filter((o) => isOverdue(o) && o !== next);
  if (!next) {
    return {
      caseLabel: caseLabel(item),
      headline: `Plan ended on ${formatLongDate(item.timeline.planEnded!)}: no more core groups are due`,
      statusText: 'Plan ended',
      statusColor: 'Good',
      basis: '',
      alerts: others.map((o) => ({ text: alertText(o) })),
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
  };
}

/** Cases with anything overdue first, then by when the next core group is due. */
function byUrgency(a: CaseTimeline, b: CaseTimeline): number {
  const overdue = (c: CaseTimeline) => (c.timeline.obligations.some(isOverdue) ? 0 : 1);
  const next = (c: CaseTimeline) => c.timeline.nextCoreGroup?.due ?? '9999-12-31';
  return overdue(a) - overdue(b) || (next(a) < next(b) ? -1 : next(a) > next(b) ? 1 : a.caseRef.localeCompare(b.caseRef));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The card data answering "when is the next core group due?", "anything overdue?" or "my cases". */
export function caseSummaryData(question: SummaryQuestion, cases: readonly CaseTimeline[], scope?: string): CaseSummaryData {
  const sorted = [...cases].sort(byUrgency);
  const shown = question === 'overdue' ? sorted.filter((c) => c.timeline.obligations.some(isOverdue)) : sorted;
  const overdueCount = cases.filter((c) => c.timeline.obligations.some(isOverdue)).length;
  const where = scope ? ` for ${scope}` : '';
  const titles: Record<SummaryQuestion, string> = {
    due: `Next core group${scope ? '' : 's'}${where}`,
    overdue: `Overdue${where}`,
    cases: 'Your cases',
  };
  return {
    title: titles[question],
    subtitle: `${plural(cases.length, 'case')}, ${overdueCount} with something overdue`,
    emptyText: question === 'overdue' ? 'Nothing is overdue.' : 'You have no open cases you can see.',
    cases: shown.map(line),
  };
}
