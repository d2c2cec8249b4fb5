import { describe, expect, it } from 'vitest';
import { casesNamed, whichCase } from '../../bot/commands/caseNames.js';
import { matchIntent } from '../../bot/commands/intents.js';
import type { LocalDate } from '../../src/time/localDate.js';

const cases = [
  { caseRef: 'CP-1', alias: 'Oak' },
  { caseRef: 'CP-2', alias: 'Ash' },
  { caseRef: 'CP-3', alias: 'ash' },
  { caseRef: 'CP-4', alias: 'Ash Grove' },
  { caseRef: 'CP-5', alias: 'The Old Oak' },
  { caseRef: 'CP-6' },
];
/** The words a message leaves for an alias, as the matcher gives them. */
const named = (text: string) => casesNamed(matchIntent(text, '2027-02-05' as LocalDate).unmatched ?? [], cases).map((c) => c.caseRef);

describe('a case named by its alias', () => {
  it.each([
    ['next core group for Oak', ['CP-1']],
    ['next core group for OAK?', ['CP-1']],
    ['next core group for Oakley', []],
    ['members of ash', ['CP-2', 'CP-3']],
    ['members of the ash grove', ['CP-4']],
    ['when is the old oak due', ['CP-5']],
    ['is anything overdue', []],
  ] as const)('%j names %j', (text, refs) => {
    expect(named(text)).toEqual(refs);
  });

  it('asks which, by reference, when several cases go by the name', () => {
    expect(whichCase('members', [cases[1]!, cases[2]!])).toBe('2 of your cases go by that name: CP-2 · Ash, CP-3 · ash. Which one? Ask with its reference. For example: members CP-2');
  });
});
