import * as chrono from 'chrono-node';
import { parseLocalDate, type LocalDate } from '../../src/time/localDate.js';

/**
 * Plain words to a command, with no language model: social workers type "wen is the nxt core gruop due" on a
 * phone between visits. Each word is first corrected to the nearest keyword (a small edit distance, stricter
 * for short words, which sit one letter away from ordinary words), then fixed rules pick the intent. The typed
 * commands of the manifest ("due", "members CP-1042", ...) are phrasings like any other.
 */

export type IntentName = 'due' | 'overdue' | 'cases' | 'members' | 'new-case' | 'staff' | 'help' | 'greeting' | 'unknown';

export interface Intent {
  readonly intent: IntentName;
  /** Normalised "CP-1042", whatever the spacing, dash or case it was typed with. */
  readonly caseRef?: string;
  /** A date the person spoke ("due by Friday", "next week"), for `due` only. */
  readonly date?: LocalDate;
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
] as const;
type Keyword = (typeof KEYWORDS)[number] | 'cg';

/** Shorthand and contractions (apostrophes are dropped before this: "when's" arrives as "whens"). */
const ALIASES: Readonly<Record<string, Keyword>> = {
  whens: 'when',
  whos: 'who',
  cg: 'cg',
  cgs: 'cg',
  mtg: 'meeting',
  attendance: 'attending',
  attends: 'attending',
  rescheduled: 'scheduled',
};

/** Keywords so short or so common that any correction towards them mostly invents words ("men" → "menu"). */
const EXACT_ONLY: ReadonlySet<string> = new Set(['menu', 'mine', 'open', 'past', 'out', 'part', 'late']);

/** Real words one edit from a keyword, never to be "corrected" into it. */
const REAL_WORDS: ReadonlySet<string> = new Set([
  'cares', 'cakes', 'capes', 'caves', 'bases', 'vases', 'casts', 'caste', 'messed', 'misses', 'kissed', 'grope', 'grout', 'greeting', 'greetings', 'overdone', 'meting',
]);

/**
 * A question is a sentence: only its first few hundred characters are read, so the matcher's work (and chrono's)
 * stays a few milliseconds whatever is pasted in, and one long message cannot hold up everyone else's answers.
 */
export const MATCHED_CHARACTERS = 400;

/** No keyword is longer than this, so a longer word is at least that far from every one of them. */
const LONGEST_KEYWORD = Math.max(...KEYWORDS.map((keyword) => keyword.length));
/** The most edits `isTypo` ever accepts. */
const MAX_TYPO_EDITS = 2;

export function matchIntent(text: string, today: LocalDate): Intent {
  const plain = text.slice(0, MATCHED_CHARACTERS).replace(/<[^>]*>/g, ' ').trim();
  if (plain === '?') return { intent: 'help' };
  if (GREETING.test(plain)) return { intent: 'greeting' };
  const refMatch = CASE_REF.exec(plain);
  const caseRef = refMatch ? `CP-${refMatch[1]}` : undefined;
  const rest = refMatch ? plain.replace(refMatch[0], ' ') : plain;
  const words = rest.toLowerCase().replace(/['’`]/g, '').split(/[^a-z0-9]+/).filter((word) => word !== '');
  const canonical = words.map(toKeyword);
  const intent = intentOf(new Set(canonical), canonical.join(' '), caseRef !== undefined);

  if (intent === 'unknown' || intent === 'help') return { intent };
  const date = intent === 'due' ? spokenDate(rest, today) : undefined;
  return { intent, ...(caseRef && { caseRef }), ...(date && { date }) };
}

/** The rules, most specific first: "is my new case overdue?" is about what is overdue, not a new case. */
function intentOf(words: ReadonlySet<string>, phrase: string, hasCaseRef: boolean): IntentName {
  const any = (...candidates: string[]) => candidates.some((word) => words.has(word));
  if (any('staff', 'directory') && !hasCaseRef) return 'staff';
  if (any('members', 'member', 'membership', 'attendees', 'invited') || (any('who') && any('in', 'on', 'attending', 'part', 'coming'))) return 'members';
  if (any('overdue', 'late', 'missed', 'outstanding', 'breach', 'breached', 'behind') || /\bpast due\b|\bout of timescales?\b/.test(phrase)) return 'overdue';
  if ((any('new', 'create', 'setup', 'register') && any('case', 'cases')) || /\b(open|start|add|set up) (a |an |another )?(new )?case\b/.test(phrase)) return 'new-case';
  if (any('due', 'next', 'when', 'upcoming', 'scheduled', 'meeting', 'meetings', 'cg') || (any('core') && any('group', 'groups')) || /\bcoming up\b/.test(phrase)) return 'due';
  // A case named with nothing else asked ("CP-1042?", "show case CP-1042"): what is coming up for it.
  if (hasCaseRef) return 'due';
  if (any('cases', 'caseload') || (any('case') && any('my', 'mine', 'show', 'list', 'all'))) return 'cases';
  if (any('help', 'commands', 'command', 'menu') || /\bwhat can (you|u) do\b|\bhow does (this|it) work\b/.test(phrase)) return 'help';
  return 'unknown';
}

/** The keyword a word was meant to be, or the word itself. */
function toKeyword(word: string): string {
  const alias = ALIASES[word];
  if (alias !== undefined) return alias;
  if ((KEYWORDS as readonly string[]).includes(word) || REAL_WORDS.has(word) || word.length < 3) return word;
  if (word.length > LONGEST_KEYWORD + MAX_TYPO_EDITS) return word;
  let best: { keyword: string; distance: number } | undefined;
  for (const keyword of KEYWORDS) {
    // The lengths alone rule it out: each missing letter is an edit.
    if (Math.abs(word.length - keyword.length) > MAX_TYPO_EDITS) continue;
    const distance = editDistance(word, keyword);
    if (isTypo(word, keyword, distance) && (best === undefined || distance < best.distance)) best = { keyword, distance };
  }
  return best?.keyword ?? word;
}

/**
 * Short keywords accept a dropped, doubled or swapped letter ("nxt", "whenn", "hlep") but not a changed one,
 * which would turn "care" into "case"; long ones accept one change, or two when the first letter agrees.
 */
function isTypo(word: string, keyword: string, distance: number): boolean {
  if (EXACT_ONLY.has(keyword) || keyword.length <= 3 || distance === 0) return false;
  if (keyword.length <= 4) {
    const substitution = word.length === keyword.length && !isAdjacentSwap(word, keyword);
    return distance === 1 && !substitution && word[0] === keyword[0];
  }
  if (keyword.length <= 7) return distance === 1;
  return distance === 1 || (distance === 2 && word[0] === keyword[0]);
}

function isAdjacentSwap(a: string, b: string): boolean {
  const differing = [...a].flatMap((char, index) => (char === b[index] ? [] : [index]));
  const [first, second] = differing;
  return differing.length === 2 && first !== undefined && second === first + 1 && a[first] === b[second] && a[second] === b[first];
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps each cost 1. Three
 * rolling rows (the swap looks two rows back), so a call allocates three small arrays whatever the words.
 */
export function editDistance(a: string, b: string): number {
  let twoBack = new Uint16Array(b.length + 1);
  let previous = Uint16Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (twoBack[j - 2] ?? 0) + 1);
      current[j] = best;
    }
    [twoBack, previous, current] = [previous, current, twoBack];
  }
  return previous[b.length] ?? 0;
}

/**
 * The first date in the text, read the British way (3/4 is 3 April) and forwards ("Friday" is the coming one).
 * The reference is noon of `today` in the process's own time zone, and only the calendar fields are read back,
 * so the server's zone cannot shift the day.
 */
function spokenDate(text: string, today: LocalDate): LocalDate | undefined {
  const [year, month, day] = today.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const [found] = chrono.en.GB.parse(text, new Date(year, month - 1, day, 12), { forwardDate: true });
  if (found === undefined) return undefined;
  const pad = (value: number | null) => String(value ?? 0).padStart(2, '0');
  return parseLocalDate(`${found.start.get('year')}-${pad(found.start.get('month'))}-${pad(found.start.get('day'))}`);
}
