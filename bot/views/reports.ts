import { reportsPackCard, type AdaptiveCardJson, type AnswerSection, type ReportLine, type ReportsPackData } from '../../cards/index.js';
import { WRITTEN_UPDATE_PARTS, type Answer, type CaseView, type MeetingView } from '../../src/cases/model.js';
import { reportsMeetingKind, reportsPackOf, type MeetingReport, type ReportsMeetingKind } from '../../src/meetings/reports.js';
import { howItCame, meetingLine, sectionsOf } from './apologies.js';
import { runsWithinBudget } from './cardBudget.js';
import { caseLabel } from './caseSummary.js';
import { memberWithRole } from './members.js';

const TITLES: { readonly [kind in ReportsMeetingKind]: string } = {
  next: 'Reports for the next core group',
  'last-held': 'Reports for the last core group held (none is arranged)',
  held: 'Reports for a core group already held',
  arranged: 'Reports for a later core group',
  cancelled: 'Reports for a cancelled core group',
};

const INTRO = 'For the agenda item "reports provided by those unable to attend": every update received for this meeting.';

/** What came with the answer, in a few words: an apology and how the update came, or attendance. */
function saidOf(answer: Answer): string {
  if (answer.response === 'attending') return 'Attending';
  const written = WRITTEN_UPDATE_PARTS.some((part) => (answer.update?.[part] ?? '') !== '');
  const forms = [...(answer.verbalUpdate ? ['a verbal update'] : []), ...(written ? ['a written update'] : [])];
  return forms.length > 0 ? `Apologies, with ${forms.join(' and ')}` : 'Apologies, with no update';
}

const lineOf = (view: CaseView, { member, answer }: MeetingReport): ReportLine => ({
  who: memberWithRole(member),
  said: saidOf(answer),
  notes: howItCame(view, answer),
  sections: sectionsOf(answer),
});

/** A report's smallest part that moves to the next card whole: its heading with its first section, or one more section. */
interface Piece {
  readonly report: number;
  readonly first: boolean;
  readonly section?: AnswerSection;
}

const piecesOf = (line: ReportLine, report: number): Piece[] =>
  line.sections.length === 0 ? [{ report, first: true }] : line.sections.map((section, index) => ({ report, first: index === 0, section }));

/** A run of pieces as the reports they show: a report begun on an earlier card says it is continued. */
function linesOf(pieces: readonly Piece[], lines: readonly ReportLine[]): ReportLine[] {
  const shown: Array<{ report: number; line: ReportLine }> = [];
  for (const piece of pieces) {
    const line = lines[piece.report];
    if (!line) continue;
    const sections = piece.section ? [piece.section] : [];
    const last = shown[shown.length - 1];
    if (last?.report === piece.report) last.line = { ...last.line, sections: [...last.line.sections, ...sections] };
    else shown.push({ report: piece.report, line: piece.first ? { ...line, sections } : { who: `${line.who}, continued`, said: '', notes: [], sections } });
  }
  return shown.map(({ line }) => line);
}

/**
 * The reports pack for one meeting of a case seen whole (the social worker's view, or the team manager's or
 * chair's): one card, or several in order ("1 of 3"), each within the size budget; who has sent nothing heads the
 * first. With `pager`, each part carries buttons to the one before and after, for a card action that answers one
 * card at a time; with `canRecord`, a way back to the record form. On the meeting day they are sent as they are
 * (bot/notify/meetingDay.ts).
 */
export function reportsPackParts(view: CaseView, meeting: MeetingView, { pager = false, canRecord = false } = {}): [ReportsPackData, ...ReportsPackData[]] {
  const { reports, awaited } = reportsPackOf(view, meeting);
  const lines = reports.map((report) => lineOf(view, report));
  const names = awaited.map(memberWithRole);
  const head: ReportsPackData = {
    caseRef: view.caseRef,
    meetingId: meeting.meetingId,
    title: TITLES[reportsMeetingKind(view.meetings, meeting)],
    caseLabel: caseLabel(view),
    meeting: meetingLine(meeting),
    intro: lines.length > 0 ? INTRO : 'No update has been received for this meeting yet.',
    awaited: names.length > 0 ? `No answer and nothing sent yet: ${names.join(', ')}.` : '',
    reports: [],
    canRecord,
    previousPart: 0,
    nextPart: 0,
  };
  const pieces = lines.flatMap(piecesOf);
  // Measured as the largest a part can be: the intro and who is awaited, a part number, both buttons.
  const runs = runsWithinBudget(pieces, (run) => reportsPackCard({ ...head, title: `${head.title} (99 of 99)`, reports: linesOf(run, lines), previousPart: 99, nextPart: 99 }));
  const [first = [], ...rest] = runs;
  if (rest.length === 0) return [{ ...head, reports: linesOf(first, lines) }];
  const count = runs.length;
  const part = (run: readonly Piece[], index: number): ReportsPackData => ({
      ...head,
      title: `${head.title} (${index + 1} of ${count})`,
      ...(index > 0 && { intro: '', awaited: '' }),
      reports: linesOf(run, lines),
      previousPart: pager && index > 0 ? index : 0,
      nextPart: pager && index + 1 < count ? index + 2 : 0,
    });
  return [part(first, 0), ...rest.map((run, index) => part(run, index + 1))];
}

export const reportsPackCards = (...args: Parameters<typeof reportsPackParts>): [AdaptiveCardJson, ...AdaptiveCardJson[]] => {
  const [first, ...rest] = reportsPackParts(...args);
  return [reportsPackCard(first), ...rest.map(reportsPackCard)];
};
