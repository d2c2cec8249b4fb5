import * as chrono from 'chrono-node';
import { parseLocalDate, type LocalDate } from '../../src/time/localDate.js';

/**
 * Plain words to a command, with no language model: social workers type "wen is the nxt core gruop due" on a
 * phone between visits. Each word is first corrected to the nearest keyword (a small edit distance, stricter
 * for short words, which sit one letter away from ordinary words), then fixed rules pick the intent. The typed
 * commands of the manifest ("due", "members CP-1042", ...) are phrasings like any other.
 */

export type IntentName = 'due' | 'overdue' | 'cases' | 'members' | 'new-case' | 'help' | 'unknown';

export interface Intent {
  readonly intent: IntentName;
  /** Normalised "CP-1042", whatever the spacing, dash or case it was typed with. */
  readonly caseRef?: string;
  /** A date the person spoke ("due by Friday", "next week"), for `due` only. */
  readonly date?: LocalDate;
}

/** "CP-1042", "cp 1042", "cp1042", "Cp_1042". */
const CASE_REF = /\bcp[\s_\-–—]*(\d{1,8})\b/i;

const KEYWORDS = [
  'help', 'commands', 'command', 'menu',
  'new', 'create', 'open', 'start', 'setup', 'register', 'add',
  'case', 'cases', 'caseload', 'my', 'mine', 'show', 'list', 'all',
  'members', 'member', 'membership', 'attendees', 'attending', 'invited', 'who', 'in', 'on', 'part',
  'overdue', 'late', 'missed', 'outstanding', 'breach', 'breached', 'behind', 'past', 'out', 'timescale', 'timescales',
  'due', 'next', 'when', 'upcoming', 'coming', 'up', 'scheduled', 'core', 'group', 'groups', 'meeting', 'meetings',
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

export function matchIntent(text: string, today: LocalDate): Intent {
  const plain = text.replace(/<[^>]*>/g, ' ').trim();
  if (plain === '?') return { intent: 'help' };
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
  let best: { keyword: string; distance: number } | undefined;
  for (const keyword of KEYWORDS) {
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

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps each cost 1. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i];
    if (row === undefined) continue;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(a.length, b.length);
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
