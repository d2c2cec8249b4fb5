import { digestCard, type DigestCardCase, type DigestCardData, type DigestCardLine, type DigestCardSection } from '../../cards/index.js';
import { isAllowed, type CaseOperation } from '../../src/cases/authorization.js';
import { DUE_WITHIN_WORKING_DAYS, TIMELINESS_WEEKS, type Digest, type DigestCaseLines, type DigestLine, type DigestPages, type DigestRole, type Tally } from '../../src/digest/index.js';
import { addDays, formatLongDate } from '../../src/time/localDate.js';
import { ROLE_LABEL, type CaseEventKind, type ObligationKind } from '../../src/timeline/index.js';
import { runsWithinBudget } from './cardBudget.js';
import { caseLabel } from './caseSummary.js';

export const DIGEST_HEADINGS = { overdue: 'Overdue', dueSoon: `Due within ${DUE_WITHIN_WORKING_DAYS} working days`, timeliness: `Timeliness, last ${TIMELINESS_WEEKS} weeks` } as const;

/**
 * What the person says in chat to record paperwork (bot/commands/intents.ts reads each as that event): it opens
 * what follows the latest core group held, so it is offered only for paperwork following that one.
 */
export const RECORD_PHRASES: Partial<Readonly<Record<CaseEventKind, string>>> = {
  'plan-updated': 'plan updated',
  'plan-circulated': 'plan circulated',
  'plan-sent-to-isu': 'plan sent to the ISU',
  'minutes-received': 'got the minutes',
  'minutes-disseminated': 'minutes sent',
  'record-distributed': 'record distributed',
};

/** What the bot cannot record yet: said plainly, so nobody looks for a button. */
const OUTSIDE_WORDS: Partial<Readonly<Record<ObligationKind, string>>> = {
  'review-conference': 'hold the review conference; it is recorded outside the bot.',
  'child-seen': 'see the child; visits are recorded outside the bot.',
  'outline-plan': 'send the outline plan to the members; it is recorded outside the bot.',
};
const OUTSIDE = 'do it; it is recorded outside the bot.';

const ROLE_WORDS: Readonly<Record<DigestRole, string>> = { chair: 'chair', 'team-manager': 'manage' };
const roleLine = (roles: readonly DigestRole[]): string => `You ${roles.map((role) => ROLE_WORDS[role]).join(' and ')} this case`;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function headlineOf(line: DigestLine): string {
  const follows = line.follows ? ` (core group on ${formatLongDate(line.follows)})` : '';
  const target = line.firmness === 'target';
  const when = {
    overdue: target ? `target date passed on ${formatLongDate(line.due)} (not a breach)` : `overdue since ${formatLongDate(line.due)}`,
    'due-today': 'due today',
    upcoming: `${target ? 'target date' : 'due by'} ${formatLongDate(line.due)}`,
  }[line.status];
  return `${line.label}${follows}: ${when}`;
}

/** What resolves a line, who does it, and the buttons the person's roles on the case allow. */
function actionOf(line: DigestLine, caseRef: string, roles: readonly DigestRole[]): Pick<DigestCardLine, 'action' | 'caseButtons' | 'meetingButtons'> {
  const may = (operation: CaseOperation) => isAllowed(new Set(roles), operation);
  const role = ROLE_LABEL[line.owner];
  const who = `${role.charAt(0).toUpperCase()}${role.slice(1)} to `;
  const { action } = line;
  switch (action.kind) {
    case 'schedule':
      return {
        action: `${who}arrange it: say "schedule ${caseRef}".`,
        caseButtons: may('schedule-meeting') ? [{ title: 'Schedule a core group', verb: 'meeting.scheduleForm', caseRef }] : [],
        meetingButtons: [],
      };
    case 'record-held': {
      const { meetingId, date } = action.meeting;
      return {
        action: `${who}record ${meetingId}, arranged for ${formatLongDate(date)}, as held: say "held ${caseRef}".`,
        caseButtons: [],
        meetingButtons: may('record-meeting-held') ? [{ title: `Record ${meetingId}`, verb: 'meeting.recordForm', caseRef, meetingId }] : [],
      };
    }
    case 'hold': {
      const { meetingId, date, time } = action.meeting;
      return { action: `${who}hold ${meetingId}, arranged for ${formatLongDate(date)} at ${time}.`, caseButtons: [], meetingButtons: [] };
    }
    case 'record-follow-up': {
      const phrase = action.lastHeld ? RECORD_PHRASES[action.event] : undefined;
      const how = phrase === undefined ? `record it with What follows ${action.meetingId}` : `say "${phrase} for ${caseRef}"`;
      return {
        action: `${who}do it, then ${how}.`,
        caseButtons: [],
        meetingButtons: may('view-core-group') ? [{ title: `What follows ${action.meetingId}`, verb: 'meeting.followUps', caseRef, meetingId: action.meetingId }] : [],
      };
    }
    case 'outside':
      return { action: `${who}${OUTSIDE_WORDS[line.kind] ?? OUTSIDE}`, caseButtons: [], meetingButtons: [] };
  }
}

function cardLine(line: DigestLine, item: DigestCaseLines): DigestCardLine {
  const breach = line.status === 'overdue' && line.firmness === 'deadline';
  return { headline: headlineOf(line), color: breach ? 'Attention' : 'Default', reason: line.basis, ...actionOf(line, item.caseRef, item.roles) };
}

const tallyWords = ({ onTime, late, missed }: Tally): string => `${onTime} on time · ${late} late · ${missed} missed`;

/** A digest's smallest part that moves to the next card whole: one line of one case under one heading, or the timeliness record. */
type Piece = { readonly section: 'overdue' | 'dueSoon'; readonly item: DigestCaseLines; readonly line: DigestLine } | { readonly section: 'timeliness' };

const piecesOf = (digest: Digest): Piece[] => [
  ...(['overdue', 'dueSoon'] as const).flatMap((section) => digest[section].flatMap((item) => item.lines.map((line): Piece => ({ section, item, line })))),
  ...(digest.timeliness ? [{ section: 'timeliness' } as const] : []),
];

/** Which case under which heading a piece is about: begun on an earlier part, it is continued on this one. */
const placeOf = (piece: Piece): string[] => (piece.section === 'timeliness' ? [] : [`${piece.section}|${piece.item.caseRef}`]);

/** A run of pieces as the card's sections: a case begun on an earlier part says it is continued. */
function cardOf(digest: Digest, pieces: readonly Piece[], title: string, continued: ReadonlySet<string>): DigestCardData {
  const sections: Array<{ heading: string; cases: Array<{ caseRef: string; card: DigestCardCase }> }> = [];
  for (const piece of pieces) {
    if (piece.section === 'timeliness') continue;
    const heading = DIGEST_HEADINGS[piece.section];
    let section = sections.at(-1);
    if (section?.heading !== heading) {
      section = { heading, cases: [] };
      sections.push(section);
    }
    const last = section.cases.at(-1);
    const line = cardLine(piece.line, piece.item);
    if (last?.caseRef === piece.item.caseRef) last.card = { ...last.card, lines: [...last.card.lines, line] };
    else {
      const label = caseLabel(piece.item);
      const again = placeOf(piece).some((place) => continued.has(place));
      section.cases.push({ caseRef: piece.item.caseRef, card: { caseLabel: again ? `${label}, continued` : label, role: roleLine(piece.item.roles), lines: [line] } });
    }
  }
  const timeliness = digest.timeliness && pieces.some((piece) => piece.section === 'timeliness') ? digest.timeliness : undefined;
  return {
    title,
    subtitle: subtitleOf(digest),
    sections: sections.map(({ heading, cases }): DigestCardSection => ({ heading, cases: cases.map(({ card }) => card) })),
    timelinessHeading: timeliness ? DIGEST_HEADINGS.timeliness : '',
    timeliness: timeliness ? [{ title: 'Core groups', value: tallyWords(timeliness.coreGroups) }, { title: 'Paperwork', value: tallyWords(timeliness.paperwork) }] : [],
    timelinessNote: timeliness
      ? `Deadlines that fell due from ${formatLongDate(timeliness.from)} to ${formatLongDate(addDays(digest.date, -1))} on your ${plural(digest.caseCount, 'case')}; missed counts those still overdue. Target dates are not counted: passing one is no breach.`
      : '',
  };
}

function subtitleOf(digest: Digest): string {
  const count = (groups: readonly DigestCaseLines[]) => groups.reduce((total, item) => total + item.lines.length, 0);
  return `${count(digest.overdue)} overdue, ${count(digest.dueSoon)} due within ${DUE_WITHIN_WORKING_DAYS} working days, across the ${plural(digest.caseCount, 'case')} you chair or manage`;
}

/**
 * A digest as its cards' data: one card, or several in order ("(1 of 3)"), each within the card budget, every
 * line on exactly one of them; nothing is cut. The sweep queues each as a part (src/digest/requests.ts).
 */
export const digestPages: DigestPages = (digest) => digestCardData(digest).map((part) => ({ ...part }));

export function digestCardData(digest: Digest): [DigestCardData, ...DigestCardData[]] {
  const title = `${digest.variant === 'weekly' ? 'Weekly digest' : 'Digest'} for ${formatLongDate(digest.date)}`;
  const pieces = piecesOf(digest);
  // Measured as the largest a part can be: a part number, and every case continued.
  const runs = runsWithinBudget(pieces, (run) => digestCard(cardOf(digest, run, `${title} (99 of 99)`, new Set(run.flatMap(placeOf)))));
  const seen = new Set<string>();
  const parts = runs.map((run, index) => {
    const part = cardOf(digest, run, runs.length === 1 ? title : `${title} (${index + 1} of ${runs.length})`, new Set(seen));
    for (const place of run.flatMap(placeOf)) seen.add(place);
    return part;
  });
  const [first, ...rest] = parts;
  if (first === undefined) throw new Error('digestCardData: a digest has something to say');
  return [first, ...rest];
}
