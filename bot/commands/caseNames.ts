import type { CaseTimeline } from '../../src/due/caseTimelines.js';
import { caseLabel } from '../views/caseSummary.js';
import { aliasWords, type IntentName } from './intents.js';
import type { CommandRequest, Reply } from './types.js';
import type { BotServices } from '../services.js';

/**
 * The asker's cases whose alias the words name: every word of the alias, whole and in order, case aside
 * ("next core group for Oak" names "Oak", not "Oak Tree" nor "Oakley"). Where one alias holds another ("Ash" and
 * "Ash Grove", asked about "Ash Grove"), the longer is meant. Pure: the caller has the cases already.
 */
export function casesNamed<T extends { readonly alias?: string }>(words: readonly string[], cases: readonly T[]): T[] {
  const named = cases.flatMap((c) => {
    const name = c.alias === undefined ? [] : aliasWords(c.alias);
    const found = name.length > 0 && words.some((_, start) => name.every((word, i) => words[start + i] === word));
    return found ? [{ c, length: name.length }] : [];
  });
  const longest = Math.max(0, ...named.map(({ length }) => length));
  return named.filter(({ length }) => length === longest).map(({ c }) => c);
}

/** The command that asks the same of one case, for "which one?" ("due CP-1042"). */
const TYPED: Partial<Record<IntentName, string>> = { due: 'due', review: 'review', overdue: 'overdue', members: 'members', schedule: 'schedule', reports: 'reports' };

/** Two or more of the asker's cases share the alias: ask which, by reference. */
export function whichCase(intent: IntentName, named: ReadonlyArray<{ readonly caseRef: string; readonly alias?: string }>): string {
  const [first] = named;
  const example = first ? ` For example: ${TYPED[intent] ?? 'due'} ${first.caseRef}` : '';
  return `${named.length} of your cases go by that name: ${named.map(caseLabel).join(', ')}. Which one? Ask with its reference.${example}`;
}

/** What a question about cases is answered from: the case it names (by reference or alias), else all the asker's. */
export type AskedCases = { readonly cases: CaseTimeline[]; readonly caseRef?: string } | { readonly reply: Reply };

/**
 * A named reference is one case read; otherwise the one "my cases" query the whole answer needs anyway, and an
 * alias among the words narrows it to that case, so naming a case by alias costs no extra storage read.
 */
export async function askedCases({ asker, intent, today }: CommandRequest, deps: BotServices): Promise<AskedCases> {
  if (intent.caseRef !== undefined) return { cases: await deps.timelines.forActor(asker, today, intent.caseRef), caseRef: intent.caseRef };
  const all = await deps.timelines.forActor(asker, today);
  const named = intent.unmatched ? casesNamed(intent.unmatched, all) : [];
  const [only] = named;
  if (named.length > 1) return { reply: whichCase(intent.intent, named) };
  return only ? { cases: [only], caseRef: only.caseRef } : { cases: all };
}

/**
 * The one case a command acts on (members, schedule): by reference, or by an alias among the asker's cases, read
 * with the one "my cases" query; otherwise what to say instead (which of two, or `which` when none is named).
 */
export async function oneCaseNamed({ asker, intent }: CommandRequest, deps: BotServices, which: string): Promise<{ readonly caseRef: string } | { readonly reply: Reply }> {
  if (intent.caseRef !== undefined) return { caseRef: intent.caseRef };
  if (intent.unmatched === undefined) return { reply: which };
  const named = casesNamed(intent.unmatched, await deps.cases.queries.myCases(asker));
  const [only] = named;
  if (named.length > 1) return { reply: whichCase(intent.intent, named) };
  return only ? { caseRef: only.caseRef } : { reply: which };
}
