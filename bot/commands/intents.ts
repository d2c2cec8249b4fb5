import * as chrono from 'chrono-node';
import type { RecordedEventKind } from '../../src/cases/model.js';
import { LIMITS } from '../../src/cases/validation.js';
import { DIGEST_CHOICES, type DigestChoice } from '../../src/digest/index.js';
import { addDays, parseLocalDate, type LocalDate } from '../../src/time/localDate.js';

/**
 * Plain words to a command, with no language model: social workers type "wen is the nxt core gruop due" on a
 * phone between visits. Each word is first corrected to the nearest keyword (a small edit distance, stricter
 * for short words, which sit one letter away from ordinary words), then fixed rules pick the intent. The typed
 * commands of the manifest ("due", "members CP-1042", ...) are phrasings like any other.
 */

export type IntentName =
  | 'due'
  | 'review'
  | 'overdue'
  | 'cases'
  | 'members'
  | 'new-case'
  | 'schedule'
  | 'reports'
  | 'staff'
  | 'digest'
  | 'record-held'
  | 'apologies'
  | 'record-event'
  | 'help'
  | 'greeting'
  | 'unknown';

/** Paperwork a person may say they have done ("plan circulated", "minutes sent"), as the case records it. */
export type StatedEvent = Extract<RecordedEventKind, 'plan-updated' | 'plan-circulated' | 'plan-sent-to-isu' | 'minutes-received' | 'minutes-disseminated' | 'record-distributed' | 'review-conference-held'>;

/**
 * What a message asks or says. Statements ("I held the core group for CP-1042 today", "send my apologies for
 * CP-1042") carry what a form to record them needs (case, date, what was done), so they can be routed to one
 * without reading the text again.
 */
export interface Intent {
  readonly intent: IntentName;
  /** Normalised "CP-1042", whatever the spacing, dash or case it was typed with. */
  readonly caseRef?: string;
  /**
   * For intents about a case named without its reference: the words no rule used, lower case, in the order typed
   * ("next core group for Oak" → ["oak"]). The handler matches them to the asker's aliases (caseNames.ts).
   */
  readonly unmatched?: readonly string[];
  /**
   * A date the person spoke: what falls due by it (`due`, read forwards: "Friday" is the coming one), the day a
   * statement is about (read backwards: "held on Monday" is the last one), or the meeting apologies are for.
   */
  readonly date?: LocalDate;
  /** For `record-event`: what the person says was done. */
  readonly event?: StatedEvent;
  /** For `digest`: the choice said ("digest weekly"); none to ask what it is. */
  readonly digest?: DigestChoice;
}

/** A greeting and nothing more ("hi", "Hello!", "good morning"): answered as one, not as a failure. */
const GREETING = /^(hi|hiya|hello|hey|morning|afternoon|good (morning|afternoon|evening))( there)?[\s!.,]*$/i;

/** "CP-1042", "cp 1042", "cp1042", "Cp_1042". */
const CASE_REF = /\bcp[\s_\-–—]*(\d{1,8})\b/i;

const KEYWORDS = [
  'help', 'commands', 'command', 'menu',
  'new', 'create', 'open', 'start', 'setup', 'register', 'add',
  'case', 'cases', 'caseload', 'my', 'mine', 'show', 'list', 'all',
  'members', 'member', 'membership', 'attendees', 'attending', 'invited', 'who', 'in', 'on', 'part',
  'overdue', 'late', 'missed', 'outstanding', 'breach', 'breached', 'behind', 'past', 'out', 'timescale', 'timescales',
  'due', 'next', 'when', 'upcoming', 'coming', 'up', 'scheduled', 'core', 'group', 'groups', 'meeting', 'meetings',
  'staff', 'directory',
  'digest',
  'schedule', 'arrange', 'book',
  'reports',
  'review', 'reviews', 'conference', 'conferences', 'rcpc',
  'held', 'had', 'met', 'happened', 'took', 'place',
  'apologies', 'apology', 'apologise', 'send', 'give', 'attend', 'make',
  'plan', 'minutes', 'record', 'isu', 'circulated', 'distributed', 'shared', 'sent', 'updated', 'received', 'got',
] as const;
type Keyword = (typeof KEYWORDS)[number] | 'cg';

/** Shorthand, contractions and spellings (apostrophes are dropped before this: "when's" arrives as "whens"). */
const ALIASES: Readonly<Record<string, Keyword>> = {
  whens: 'when',
  whos: 'who',
  cg: 'cg',
  cgs: 'cg',
  mtg: 'meeting',
  attendance: 'attending',
  attends: 'attending',
  rescheduled: 'scheduled',
  rcpcs: 'rcpc',
  plans: 'plan',
  apologize: 'apologise',
  circulate: 'circulated',
  distribute: 'distributed',
  share: 'shared',
  update: 'updated',
  receive: 'received',
};

/** Keywords so short or so common that any correction towards them mostly invents words ("men" → "menu"). */
const EXACT_ONLY: ReadonlySet<string> = new Set(['menu', 'mine', 'open', 'past', 'out', 'part', 'late', 'make', 'place', 'took', 'sent', 'send', 'give', 'book']);

/** Real words one edit from a keyword, never to be "corrected" into it. */
const REAL_WORDS: ReadonlySet<string> = new Set([
  'cares', 'cakes', 'capes', 'caves', 'bases', 'vases', 'casts', 'caste', 'messed', 'misses', 'kissed', 'grope', 'grout', 'greeting', 'greetings', 'overdone', 'meting',
  'preview', 'previews',
]);

/**
 * Words that name nothing: never taken for a case's alias. Function words, and the words of dates (the date
 * itself is read by chrono), so "overdue since Monday" names no case.
 */
const FILLER: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'is', 'are', 'was', 'were', 'be', 'been', 'am', 'im', 'for', 'of', 'to', 'at', 'by', 'with', 'about', 'from', 'and', 'or',
  'me', 'i', 'we', 'our', 'us', 'you', 'u', 'it', 'its', 'this', 'that', 'there', 'theres', 'any', 'anything', 'something', 'some',
  'hi', 'hello', 'hey', 'thanks', 'ok', 'what', 'whats', 'which', 'how', 'have', 'has', 'do', 'does', 'did', 'can', 'could', 'will', 'would', 'should', 'please', 'pls', 'tell',
  'cant', 'cannot', 'wont', 'not', 'able', 'unable', 'go', 'get', 'come', 'just', 'now', 'yet', 'so', 'then', 'again', 'still',
  'today', 'tomorrow', 'yesterday', 'tonight', 'week', 'weeks', 'month', 'months', 'day', 'days', 'last', 'ago', 'since', 'before', 'after', 'until', 'till',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
const NUMBER = /^\d+(st|nd|rd|th)?$/;

/** Intents about one case or all of the asker's: a case may be named by its alias instead of its reference. */
const ABOUT_A_CASE: ReadonlySet<IntentName> = new Set(['due', 'review', 'overdue', 'members', 'schedule', 'reports', 'record-held', 'apologies', 'record-event']);
/** Statements about what has happened: their dates are read backwards ("Monday" is the last one). */
const PAST: ReadonlySet<IntentName> = new Set(['record-held', 'record-event']);

/**
 * A question is a sentence: only its first few hundred characters are read, so the matcher's work (and chrono's)
 * stays a few milliseconds whatever is pasted in, and one long message cannot hold up everyone else's answers.
 */
export const MATCHED_CHARACTERS = 400;

/** No keyword is longer than this, so a longer word is at least that far from every one of them. */
const LONGEST_KEYWORD = Math.max(...KEYWORDS.map((keyword) => keyword.length));
/** The most edits `isTypo` ever accepts. */
const MAX_TYPO_EDITS = 2;

/** A text as words: lower case, apostrophes dropped ("when's" → "whens"), split at anything but letters and digits. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().replace(/['’`]/g, '').split(/[^a-z0-9]+/).filter((word) => word !== '');
}

export function matchIntent(text: string, today: LocalDate): Intent {
  const plain = text.slice(0, MATCHED_CHARACTERS).replace(/<[^>]*>/g, ' ').trim();
  if (plain === '?') return { intent: 'help' };
  if (GREETING.test(plain)) return { intent: 'greeting' };
  const refMatch = CASE_REF.exec(plain);
  const caseRef = refMatch ? `CP-${refMatch[1]}` : undefined;
  const rest = refMatch ? plain.replace(refMatch[0], ' ') : plain;
  const words = wordsOf(rest);
  const canonical = words.map(toKeyword);
  const asked = QUESTION_WORDS.has(words[0] ?? '') || plain.endsWith('?');
  const { intent, event } = intentOf(new Set(canonical), canonical.join(' '), { hasCaseRef: caseRef !== undefined, asked });

  if (intent === 'unknown' || intent === 'help') return { intent };
  if (intent === 'digest') return digestIntent(words);
  const unmatched = caseRef === undefined && ABOUT_A_CASE.has(intent) ? words.filter((word, i) => mayName(word, canonical[i]!)) : [];
  const date = intent === 'due' || intent === 'apologies' || PAST.has(intent) ? spokenDate(rest, today, PAST.has(intent) ? 'past' : 'coming') : undefined;
  return { intent, ...(caseRef && { caseRef }), ...(unmatched.length > 0 && { unmatched }), ...(date && { date }), ...(event && { event }) };
}

/** A message opening with one of these, or ending with "?", asks rather than tells ("was the core group held?"). */
const QUESTION_WORDS: ReadonlySet<string> = new Set(['was', 'were', 'has', 'have', 'did', 'does', 'do', 'is', 'are', 'when', 'whens', 'what', 'whats', 'which', 'who', 'how', 'why']);

/** "I can't make it", "we won't be attending", "not able to come to the core group". */
const CANT_ATTEND = /\b(cant|cannot|wont|unable to|not)( be)?( able to)? (make|attend|attending|come|coming|be there)\b/;

/** Paperwork said to be done: what was done to it, and the event that records it. */
function statedEvent(any: (...candidates: string[]) => boolean): StatedEvent | undefined {
  const sent = any('circulated', 'distributed', 'shared', 'sent');
  if (any('plan') && any('updated')) return 'plan-updated';
  if (any('plan') && sent) return any('isu') ? 'plan-sent-to-isu' : 'plan-circulated';
  if (any('minutes') && any('received', 'got')) return 'minutes-received';
  if (any('minutes') && sent) return 'minutes-disseminated';
  if (any('record') && sent) return 'record-distributed';
  return undefined;
}

/** The rules, most specific first: "is my new case overdue?" is about what is overdue, not a new case. */
function intentOf(words: ReadonlySet<string>, phrase: string, { hasCaseRef, asked }: { hasCaseRef: boolean; asked: boolean }): { intent: IntentName; event?: StatedEvent } {
  const any = (...candidates: string[]) => candidates.some((word) => words.has(word));
  if (any('staff', 'directory') && !hasCaseRef) return { intent: 'staff' };
  // A person's own setting, about no case.
  if (any('digest') && !hasCaseRef) return { intent: 'digest' };
  const coreGroup = any('cg', 'meeting', 'meetings') || (any('core') && any('group', 'groups'));
  const reviewNamed = any('rcpc', 'review', 'reviews');
  // Statements first: "I held the core group today" tells, and is never answered with what is due.
  if (any('apologies', 'apology', 'apologise') || (!any('who') && CANT_ATTEND.test(phrase))) return { intent: 'apologies' };
  if (!asked) {
    if (reviewNamed && any('held', 'had', 'happened')) return { intent: 'record-event', event: 'review-conference-held' };
    const held = (any('held') && (coreGroup || hasCaseRef)) || (any('had', 'met', 'happened') && coreGroup) || (/\btook place\b/.test(phrase) && coreGroup);
    if (held) return { intent: 'record-held' };
    const event = statedEvent(any);
    if (event) return { intent: 'record-event', event };
  }
  // Only the plural: "the joint report was sent" is paperwork done, not a request for the pack.
  if (any('reports')) return { intent: 'reports' };
  // "Schedule" asks for the form; "scheduled" (when is it scheduled?) stays a question about what is due.
  if (any('schedule', 'arrange', 'book')) return { intent: 'schedule' };
  if (any('members', 'member', 'membership', 'attendees', 'invited') || (any('who') && any('in', 'on', 'attend', 'attending', 'part', 'coming'))) return { intent: 'members' };
  const dueWords = any('due', 'next', 'when', 'upcoming', 'scheduled') || /\bcoming up\b/.test(phrase);
  const overdueWords = any('overdue', 'late', 'missed', 'outstanding', 'breach', 'breached', 'behind') || /\bpast due\b|\bout of timescales?\b/.test(phrase);
  if (any('rcpc') || (reviewNamed && (any('conference', 'conferences') || dueWords || overdueWords || hasCaseRef || words.size === 1))) return { intent: 'review' };
  if (overdueWords) return { intent: 'overdue' };
  if ((any('new', 'create', 'setup', 'register') && any('case', 'cases')) || /\b(open|start|add|set up) (a |an |another )?(new )?case\b/.test(phrase)) return { intent: 'new-case' };
  if (dueWords || any('meeting', 'meetings', 'cg') || coreGroup) return { intent: 'due' };
  // A case named with nothing else asked ("CP-1042?", "show case CP-1042"): what is coming up for it.
  if (hasCaseRef) return { intent: 'due' };
  if (any('cases', 'caseload') || (any('case') && any('my', 'mine', 'show', 'list', 'all'))) return { intent: 'cases' };
  if (any('help', 'commands', 'command', 'menu') || /\bwhat can (you|u) do\b|\bhow does (this|it) work\b/.test(phrase)) return { intent: 'help' };
  return { intent: 'unknown' };
}

/** "digest weekly", "daily digest please": the choice named, if one (and only one) is. */
function digestIntent(words: readonly string[]): Intent {
  const named = DIGEST_CHOICES.filter((choice) => words.includes(choice));
  const [digest, other] = named;
  return digest !== undefined && other === undefined ? { intent: 'digest', digest } : { intent: 'digest' };
}

const isKeyword = (word: string): boolean => KEYWORD_SET.has(word) || word === 'cg';

/** A word that may be (part of) an alias: not read as a keyword, not a filler or a number, and short enough. */
const mayName = (word: string, canonical: string): boolean => !isKeyword(canonical) && !FILLER.has(word) && !NUMBER.test(word) && word.length <= LIMITS.alias;

/** An alias as the words a message can name it by, read as `unmatched` is ("The Old Oak" → ["old", "oak"]). */
export const aliasWords = (alias: string): string[] => wordsOf(alias.slice(0, LIMITS.alias)).filter((word) => mayName(word, toKeyword(word)));

/** The keyword a word was meant to be, or the word itself. */
function toKeyword(word: string): string {
  const alias = ALIASES[word];
  if (alias !== undefined) return alias;
  if (KEYWORD_SET.has(word) || REAL_WORDS.has(word) || word.length < 3) return word;
  if (word.length > LONGEST_KEYWORD + MAX_TYPO_EDITS) return word;
  let best: { keyword: string; distance: number } | undefined;
  for (const keyword of CORRECTABLE) {
    const budget = typoBudget(keyword);
    // The lengths alone rule it out: each missing letter is an edit.
    if (Math.abs(word.length - keyword.length) > budget) continue;
    const distance = editDistance(word, keyword, budget);
    if (isTypo(word, keyword, distance) && (best === undefined || distance < best.distance)) best = { keyword, distance };
  }
  return best?.keyword ?? word;
}

const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

/** Keywords so short (three letters or fewer) or so common (EXACT_ONLY) that they are only ever matched as typed. */
const CORRECTABLE = KEYWORDS.filter((keyword) => keyword.length > 3 && !EXACT_ONLY.has(keyword));

/**
 * Short keywords accept a dropped, doubled or swapped letter ("nxt", "whenn", "hlep") but not a changed one,
 * which would turn "care" into "case"; long ones accept one change, or two when the first letter agrees.
 * Only keywords in CORRECTABLE are ever a typo's target.
 */
function isTypo(word: string, keyword: string, distance: number): boolean {
  if (distance === 0 || distance > typoBudget(keyword)) return false;
  if (keyword.length <= 4) return word[0] === keyword[0] && (word.length !== keyword.length || isAdjacentSwap(word, keyword));
  return distance === 1 || word[0] === keyword[0];
}

/** The most edits a typo of this keyword may have: one, or two for the long keywords. */
const typoBudget = (keyword: string): number => (keyword.length <= 7 ? 1 : MAX_TYPO_EDITS);

function isAdjacentSwap(a: string, b: string): boolean {
  const differing = [...a].flatMap((char, index) => (char === b[index] ? [] : [index]));
  const [first, second] = differing;
  return differing.length === 2 && first !== undefined && second === first + 1 && a[first] === b[second] && a[second] === b[first];
}

/** editDistance's three rolling rows, side by side; grown when a longer word comes, so a call allocates nothing. */
let rows = new Uint16Array(3 * (LONGEST_KEYWORD + 1));

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps each cost 1. Three
 * rolling rows (the swap looks two rows back) in one reused buffer: a long message is some seventy words, each
 * compared with dozens of keywords, and fresh arrays for each pair were most of the matcher's time and garbage.
 * Past `atMost` the exact figure does not matter: once two rows in a row are all above it no later cell can come
 * back under (a cell is at least the least of the row above, or of the row before that plus one), so the answer
 * is then `atMost + 1` and the rest of the table is skipped.
 */
export function editDistance(a: string, b: string, atMost: number = Number.POSITIVE_INFINITY): number {
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Uint16Array(3 * width);
  const row = rows;
  let twoBack = 0;
  let previous = width;
  let current = 2 * width;
  for (let j = 0; j < width; j++) row[previous + j] = j;
  let previousLeast = 0;
  for (let i = 1; i <= a.length; i++) {
    row[current] = i;
    let least = i;
    const char = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = char === b.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min((row[previous + j] ?? 0) + 1, (row[current + j - 1] ?? 0) + 1, (row[previous + j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && char === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) best = Math.min(best, (row[twoBack + j - 2] ?? 0) + 1);
      row[current + j] = best;
      least = Math.min(least, best);
    }
    if (least > atMost && previousLeast > atMost) return atMost + 1;
    previousLeast = least;
    const oldest = twoBack;
    twoBack = previous;
    previous = current;
    current = oldest;
  }
  return Math.min(row[previous + b.length] ?? 0, atMost + 1);
}

/**
 * The first date in the text, read the British way (3/4 is 3 April): forwards for what is coming ("Friday" is the
 * coming one), backwards for what has happened ("held on Monday" is the last one). The reference is noon of
 * `today` in the process's own time zone, and only the calendar fields are read back, so the server's zone
 * cannot shift the day.
 */
function spokenDate(text: string, today: LocalDate, direction: 'coming' | 'past'): LocalDate | undefined {
  const [year, month, day] = today.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const [found] = chrono.en.GB.parse(text, new Date(year, month - 1, day, 12), { forwardDate: direction === 'coming' });
  if (found === undefined) return undefined;
  const pad = (value: number | null) => String(value ?? 0).padStart(2, '0');
  const date = parseLocalDate(`${found.start.get('year')}-${pad(found.start.get('month'))}-${pad(found.start.get('day'))}`);
  // chrono takes a bare weekday in the current week, which may be still to come: a past one is a week earlier.
  const weekdayOnly = found.start.isCertain('weekday') && !found.start.isCertain('day');
  return direction === 'past' && weekdayOnly && date > today ? addDays(date, -7) : date;
}

/**
 * Runs the matcher over a few phrasings before the bot takes requests. V8 compiles chrono's large patterns on
 * their first runs, and again for text with characters beyond Latin-1 ("what’s", typed on a phone): a tenth to
 * most of a second each, on the first messages after start, with every other request waiting behind them.
 */
export function warmUpMatcher(today: LocalDate): void {
  for (let round = 0; round < 3; round += 1) {
    for (const text of ['anything due by Friday 3/4 at 10am?', 'what’s due by next Friday?']) matchIntent(text, today);
  }
}
