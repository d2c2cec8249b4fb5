import type { CaseAction, CaseSummaryData, CaseSummaryLine, StatusColor, StatusWeight } from '../../cards/index.js';
import { isAllowed, type CaseOperation } from '../../src/cases/authorization.js';
import type { CaseRole } from '../../src/cases/model.js';
import { formatLongDate, type LocalDate } from '../../src/time/localDate.js';
import type { CaseTimeline } from '../../src/due/caseTimelines.js';
import { describeObligation, describeStatus, type Obligation } from '../../src/timeline/index.js';
import type { StaffNames } from './staffNames.js';

export type SummaryQuestion = 'due' | 'review' | 'overdue' | 'cases';

export const caseLabel = (c: { caseRef: string; alias?: string }): string => (c.alias ? `${c.caseRef} · ${c.alias}` : c.caseRef);

/**
 * Legible in Teams' light theme: its Warning (#f8d22a) and Good (#92c353) are about 1.5:1 and 2.2:1 on white,
 * so only Attention (#c4314b, 5.4:1) is used, for a breach; the words carry every status, and weight marks those
 * that need doing. test/browser/playgroundQuestions.test.ts measures the rendered contrast.
 */
const STATUS: Readonly<Record<string, { text: string; color: StatusColor; weight: StatusWeight }>> = {
  overdue: { text: 'Overdue', color: 'Attention', weight: 'Bolder' },
  'target passed': { text: 'Target passed', color: 'Default', weight: 'Bolder' },
  'due today': { text: 'Due today', color: 'Default', weight: 'Bolder' },
  upcoming: { text: 'Upcoming', color: 'Default', weight: 'Default' },
};
const PLAN_ENDED = { text: 'Plan ended', color: 'Default', weight: 'Default' } as const;

/** How the asker's roles read on "my cases"; every social worker is a member too, which goes without saying. */
const YOUR_ROLE: Readonly<Record<CaseRole, string>> = {
  'social-worker': 'social worker',
  'team-manager': 'team manager',
  chair: 'chair',
  member: 'core group member',
};

const awaitingConfirmation = (item: CaseTimeline) => item.confirmation === 'awaiting-team-manager';
const planOpen = (item: CaseTimeline) => item.timeline.planEnded === null;

/**
 * What comes next on a case, one button each, offered to those the role matrix allows while the case is in the
 * state the step needs. An answer about one case offers every step; a list offers
 * those marked `onLists` on each line (the members card has "Add a member"), which keeps a thirty-case card under
 * 40 KB.
 */
const NEXT_STEPS: ReadonlyArray<{
  readonly title: string;
  readonly verb: string;
  readonly operation: CaseOperation;
  readonly when: (item: CaseTimeline) => boolean;
  readonly onLists: boolean;
}> = [
  { title: 'Confirm or reject', verb: 'case.decide', operation: 'confirm-case', when: awaitingConfirmation, onLists: true },
  { title: 'Members', verb: 'members.show', operation: 'view-case', when: () => true, onLists: true },
  { title: 'Add a member', verb: 'member.addForm', operation: 'add-member', when: planOpen, onLists: false },
  { title: 'Schedule a core group', verb: 'meeting.scheduleForm', operation: 'schedule-meeting', when: planOpen, onLists: false },
];

/** Passed and not met: a breach for a deadline; for a target, worth showing but not a breach. */
const isOverdue = (o: Obligation) => o.status === 'overdue';
const isBreach = (o: Obligation) => isOverdue(o) && o.firmness === 'deadline';
const hasBreach = (c: CaseTimeline) => c.timeline.obligations.some(isBreach);
const hasOverdue = (c: CaseTimeline) => c.timeline.obligations.some(isOverdue);

/** The meeting a question is about: the next core group, or the next review conference. */
type Meeting = 'core-group' | 'review-conference';
const nextOf = (item: CaseTimeline, meeting: Meeting): Obligation | null =>
  meeting === 'core-group' ? item.timeline.nextCoreGroup : item.timeline.nextReviewConference;
const MEETING_WORDS: Readonly<Record<Meeting, { one: string; many: string }>> = {
  'core-group': { one: 'core group', many: 'core groups' },
  'review-conference': { one: 'review conference', many: 'review conferences' },
};

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

function yourRole(roles: readonly CaseRole[]): string {
  const running = roles.filter((role) => role !== 'member');
  const shown = running.length > 0 ? running : roles;
  const words = shown.map((role) => YOUR_ROLE[role]).join(' and ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function actionsFor(item: CaseTimeline, onList: boolean): CaseAction[] {
  const roles = new Set(item.roles);
  return NEXT_STEPS.filter((step) => isAllowed(roles, step.operation) && step.when(item) && (step.onLists || !onList)).map(({ title, verb }) => ({
    title,
    verb,
    caseRef: item.caseRef,
  }));
}

/** Whether the case is still awaiting its team manager, in the asker's words. */
function confirmationOf(item: CaseTimeline): string {
  if (!awaitingConfirmation(item)) return '';
  return isAllowed(new Set(item.roles), 'confirm-case') ? 'Awaiting your confirmation' : "Awaiting its team manager's confirmation";
}

/** What a line depends on beyond its case: the question, whether it is one of several, and (for "my cases") the staff directory's names. */
interface LineContext {
  readonly question: SummaryQuestion;
  readonly onList: boolean;
  readonly names?: StaffNames | undefined;
}

/**
 * The core group arranged, for a line about the next core group: "Scheduled for Wed 10 Feb 2027 at 14:30 (CG1)",
 * or, its day passed, that it is still to be recorded as held.
 */
function scheduledText(item: CaseTimeline): string {
  const meeting = item.nextMeeting;
  if (meeting === null) return '';
  const when = `${formatLongDate(meeting.date)} at ${meeting.time} (${meeting.meetingId})`;
  return meeting.date < item.timeline.today ? `Scheduled for ${when}: not yet recorded as held` : `Scheduled for ${when}`;
}

/** The parts every line has, whichever question it answers. */
function lineOf(
  item: CaseTimeline,
  { question, onList, names }: LineContext,
  shown: Pick<CaseSummaryLine, 'headline' | 'basis' | 'alerts'> & { status: { text: string; color: StatusColor; weight: StatusWeight }; aboutCoreGroup: boolean },
): CaseSummaryLine {
  return {
    caseLabel: caseLabel(item),
    headline: shown.headline,
    statusText: shown.status.text,
    statusColor: shown.status.color,
    statusWeight: shown.status.weight,
    basis: shown.basis,
    scheduled: shown.aboutCoreGroup ? scheduledText(item) : '',
    alerts: shown.alerts,
    yourRole: question === 'cases' ? yourRole(item.roles) : '',
    people: names ? `Team manager: ${names(item.teamManager)} · Chair: ${names(item.chair)}` : '',
    confirmation: confirmationOf(item),
    actions: actionsFor(item, onList),
  };
}

const nextHeadline = (next: Obligation, meeting: Meeting): string =>
  `Next ${MEETING_WORDS[meeting].one} ${next.firmness === 'target' ? 'target date' : 'due by'} ${formatLongDate(next.due)}`;

/** A case as "when is the next core group (or review conference) due?" shows it; core groups add what else is overdue. */
function meetingLine(item: CaseTimeline, context: LineContext, meeting: Meeting): CaseSummaryLine {
  const next = nextOf(item, meeting);
  const others =
    meeting === 'core-group' ? [...lastHeldLate(item), ...item.timeline.obligations.filter((o) => (isOverdue(o) || o.status === 'missed') && o !== next)] : [];
  const alerts = others.map((o) => ({ text: alertText(o) }));
  if (!next) {
    const headline = `Plan ended on ${formatLongDate(item.timeline.planEnded!)}: no more ${MEETING_WORDS[meeting].many} are due`;
    return lineOf(item, context, { headline, basis: '', alerts, status: PLAN_ENDED, aboutCoreGroup: false });
  }
  const aboutCoreGroup = meeting === 'core-group';
  return lineOf(item, context, { headline: nextHeadline(next, meeting), basis: next.basis, alerts, status: STATUS[describeStatus(next)]!, aboutCoreGroup });
}

/** Everything overdue on a case, its next core group first: one line each, so the heading's count is what is shown. */
function overdueItems(item: CaseTimeline): Obligation[] {
  const next = item.timeline.nextCoreGroup;
  const others = item.timeline.obligations.filter((o) => isOverdue(o) && o !== next);
  return next && isOverdue(next) ? [next, ...others] : others;
}

function overdueLine(item: CaseTimeline, context: LineContext): CaseSummaryLine {
  const [first, ...rest] = overdueItems(item);
  if (!first) throw new Error(`overdueLine: nothing is overdue on ${item.caseRef}`);
  const aboutCoreGroup = first === item.timeline.nextCoreGroup;
  const headline = aboutCoreGroup ? nextHeadline(first, 'core-group') : alertText(first);
  return lineOf(item, context, { headline, basis: first.basis, alerts: rest.map((o) => ({ text: alertText(o) })), status: STATUS[describeStatus(first)]!, aboutCoreGroup });
}

/** Breaches first, then passed targets, then the rest; within each, by when the meeting asked about is due. */
function byUrgency(meeting: Meeting) {
  return (a: CaseTimeline, b: CaseTimeline): number => {
    const rank = (c: CaseTimeline) => {
      if (meeting === 'review-conference') return nextOf(c, meeting)?.status === 'overdue' ? 0 : 1;
      return hasBreach(c) ? 0 : hasOverdue(c) ? 1 : 2;
    };
    const due = (c: CaseTimeline) => nextOf(c, meeting)?.due ?? '9999-12-31';
    return rank(a) - rank(b) || (due(a) < due(b) ? -1 : due(a) > due(b) ? 1 : a.caseRef.localeCompare(b.caseRef));
  };
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

/** "Anything overdue?": a heading that counts the lines below it, deadlines told apart from targets. */
function overdueData(cases: readonly CaseTimeline[], scope: SummaryScope): CaseSummaryData {
  const shown = [...cases].sort(byUrgency('core-group')).filter(hasOverdue);
  const items = shown.flatMap(overdueItems);
  const where = scope.caseRef ?? plural(shown.length, 'case');
  if (items.length === 0) {
    return { title: `Nothing overdue${scope.caseRef ? ` for ${scope.caseRef}` : ''}`, subtitle: `${plural(cases.length, 'case')} checked`, emptyText: 'Ask "due" to see what is coming up.', cases: [] };
  }
  const deadlines = items.filter(isBreach).length;
  const targets = items.length - deadlines;
  const parts = [deadlines > 0 && `${deadlines} past a deadline`, targets > 0 && `${targets} past a target date (not a breach)`].filter((part) => part !== false);
  const context = { question: 'overdue', onList: shown.length > 1 } as const;
  return { title: `${items.length} overdue on ${where}`, subtitle: parts.join(', '), emptyText: '', cases: shown.map((item) => overdueLine(item, context)) };
}

/**
 * The card data answering "when is the next core group due?", "… review conference …", "anything overdue?" or
 * "my cases"; with `names` (the staff directory's), each line also names its team manager and chair.
 */
export function caseSummaryData(question: SummaryQuestion, cases: readonly CaseTimeline[], scope: SummaryScope = {}, names?: StaffNames): CaseSummaryData {
  if (question === 'overdue') return overdueData(cases, scope);
  const forCase = scope.caseRef ? ` for ${scope.caseRef}` : '';
  if (question === 'review') {
    const sorted = [...cases].sort(byUrgency('review-conference'));
    const overdue = cases.filter((c) => c.timeline.nextReviewConference?.status === 'overdue').length;
    return {
      title: scope.caseRef ? `Next review conference${forCase}` : 'Next review conferences',
      // One case named needs no count.
      subtitle: scope.caseRef ? '' : `${plural(cases.length, 'case')}, ${overdue} with the review conference overdue`,
      emptyText: 'You have no open cases you can see.',
      cases: sorted.map((item) => meetingLine(item, { question, onList: sorted.length > 1 }, 'review-conference')),
    };
  }
  const inScope = scope.by ? cases.filter((c) => hasOverdue(c) || (c.timeline.nextCoreGroup?.due ?? '9999-12-31') <= scope.by!) : cases;
  const titles: Record<'due' | 'cases', string> = {
    due: scope.by ? `Core groups due by ${formatLongDate(scope.by)}` : scope.caseRef ? `Next core group${forCase}` : 'Next core groups',
    cases: 'Your cases',
  };
  const context = { question, onList: inScope.length > 1, names };
  return {
    title: titles[question],
    subtitle: subtitleOf(inScope),
    emptyText: 'You have no open cases you can see.',
    cases: [...inScope].sort(byUrgency('core-group')).map((item) => meetingLine(item, context, 'core-group')),
  };
}
