import { describe, expect, it } from 'vitest';
import { editDistance, matchIntent, type Intent } from '../../bot/commands/intents.js';
import type { LocalDate } from '../../src/time/localDate.js';

/** A Wednesday. */
const TODAY = '2026-03-04' as LocalDate;

describe('matchIntent: what social workers type', () => {
  const phrasings: ReadonlyArray<readonly [string, Intent]> = [
    // "when is the next core group due?", for all cases or one
    ['when is the next core group due?', { intent: 'due' }],
    ["when's the next core group for CP-1042", { intent: 'due', caseRef: 'CP-1042' }],
    ['wen is the nxt core gruop due', { intent: 'due' }],
    ['whens the next cg for cp-1042', { intent: 'due', caseRef: 'CP-1042' }],
    ['When is the next core group for cp 1042?', { intent: 'due', caseRef: 'CP-1042' }],
    ['next cg CP1042', { intent: 'due', caseRef: 'CP-1042' }],
    ['whn is the next meeting', { intent: 'due' }],
    ['nxt cg', { intent: 'due' }],
    ['core groups coming up', { intent: 'due' }],
    ['upcomming meetings', { intent: 'due' }],
    ['anything scheduled for Cp_1042?', { intent: 'due', caseRef: 'CP-1042' }],
    ['due', { intent: 'due' }],
    ['due CP-1042', { intent: 'due', caseRef: 'CP-1042' }],
    ['CP-1042', { intent: 'due', caseRef: 'CP-1042' }],
    // the chair's or team manager's own digest: shown, or chosen
    ['digest', { intent: 'digest' }],
    ['digest weekly', { intent: 'digest', digest: 'weekly' }],
    ['Digest daily please', { intent: 'digest', digest: 'daily' }],
    ['weekly digest', { intent: 'digest', digest: 'weekly' }],
    ['digets weekly', { intent: 'digest', digest: 'weekly' }],
    ['digest daily or weekly?', { intent: 'digest' }],
    ['show case CP-1042', { intent: 'due', caseRef: 'CP-1042' }],
    // overdue
    ['anything overdue?', { intent: 'overdue' }],
    // A misspelt filler word is kept as a word that may name a case: it names none, so all cases are answered.
    ['anyting overdue?', { intent: 'overdue', unmatched: ['anyting'] }],
    ['overdue', { intent: 'overdue' }],
    ['ovrdue', { intent: 'overdue' }],
    ['overdeu', { intent: 'overdue' }],
    ['is CP-1042 overdue', { intent: 'overdue', caseRef: 'CP-1042' }],
    ["what's late", { intent: 'overdue' }],
    ['have I missed any core groups', { intent: 'overdue' }],
    ['anything past due?', { intent: 'overdue' }],
    ["what's outstanding", { intent: 'overdue' }],
    ['any cases out of timescale', { intent: 'overdue' }],
    ['is my new case overdue', { intent: 'overdue' }],
    // my cases
    ['my cases', { intent: 'cases' }],
    ['show my cases', { intent: 'cases' }],
    ['cases', { intent: 'cases' }],
    ['list my cases', { intent: 'cases' }],
    ['my caseload', { intent: 'cases' }],
    ['csaes', { intent: 'cases' }],
    ['my cses', { intent: 'cases' }],
    ['show me all cases', { intent: 'cases' }],
    ['show my open cases', { intent: 'cases' }],
    // members
    ['members CP-1042', { intent: 'members', caseRef: 'CP-1042' }],
    ['members', { intent: 'members' }],
    ['membrs cp 1042', { intent: 'members', caseRef: 'CP-1042' }],
    ['mmebers CP1042', { intent: 'members', caseRef: 'CP-1042' }],
    ["who's in the core group for CP-1042", { intent: 'members', caseRef: 'CP-1042' }],
    ['who is on cp_1042', { intent: 'members', caseRef: 'CP-1042' }],
    ['who attends CP-1042', { intent: 'members', caseRef: 'CP-1042' }],
    ['core group attendees for CP-1042', { intent: 'members', caseRef: 'CP-1042' }],
    // schedule: asks for the form; "scheduled" stays a question about what is due
    ['schedule CP-1042', { intent: 'schedule', caseRef: 'CP-1042' }],
    ['shedule cp 1042', { intent: 'schedule', caseRef: 'CP-1042' }],
    ['can you arrange the next core group for CP-1042?', { intent: 'schedule', caseRef: 'CP-1042' }],
    ['book a core group for Oak', { intent: 'schedule', unmatched: ['oak'] }],
    ['schedule', { intent: 'schedule' }],
    ['reports CP-1042', { intent: 'reports', caseRef: 'CP-1042' }],
    ['reprots cp1042', { intent: 'reports', caseRef: 'CP-1042' }],
    ['reports for the next core group for Oak', { intent: 'reports', unmatched: ['oak'] }],
    // new case
    ['new case', { intent: 'new-case' }],
    ['create a new case', { intent: 'new-case' }],
    ['set up a case', { intent: 'new-case' }],
    ['open a case', { intent: 'new-case' }],
    ['start a new case', { intent: 'new-case' }],
    ['add case', { intent: 'new-case' }],
    ['register case', { intent: 'new-case' }],
    ['new cse', { intent: 'new-case' }],
    ['new case CP-2001', { intent: 'new-case', caseRef: 'CP-2001' }],
    // help
    ['help', { intent: 'help' }],
    ['hlep', { intent: 'help' }],
    ['Help!', { intent: 'help' }],
    ['what can you do', { intent: 'help' }],
    ['commands', { intent: 'help' }],
    ['?', { intent: 'help' }],
  ];

  it('has at least 40 phrasings', () => {
    expect(phrasings.length).toBeGreaterThanOrEqual(40);
  });

  it.each(phrasings)('%j', (text, expected) => {
    expect(matchIntent(text, TODAY)).toEqual(expected);
  });
});

describe('matchIntent: what it must not guess at', () => {
  it.each([
    'thanks!',
    'ok',
    "what's the weather like",
    'tell me a joke',
    '',
    '   ',
    'I came home',
    'who cares',
    'greetings',
    'take care',
    'the men are here',
    'asdfghjkl',
    'lol 1042',
  ])('%j is unknown', (text) => {
    expect(matchIntent(text, TODAY)).toEqual({ intent: 'unknown' });
  });
});

describe('matchIntent: spoken dates, read from a fixed today', () => {
  it.each([
    ['anything due before friday', '2026-03-06'],
    ["what's due next week", '2026-03-11'],
    ['due by 14 March', '2026-03-14'],
    ['due tomorrow', '2026-03-05'],
    ['what is due on 3/4', '2026-04-03'],
    ['core groups due in 2 weeks for CP-1042', '2026-03-18'],
  ] as const)('%j → %s', (text, date) => {
    expect(matchIntent(text, TODAY).date).toBe(date);
  });

  it('takes no date from a case reference or from intents other than due', () => {
    expect(matchIntent('when is CP-2026 due', TODAY)).toEqual({ intent: 'due', caseRef: 'CP-2026' });
    expect(matchIntent('overdue since monday', TODAY)).toEqual({ intent: 'overdue' });
  });

  it('strips markup Teams may leave around the text', () => {
    expect(matchIntent('<at>Core group bot</at> members CP-1042', TODAY)).toEqual({ intent: 'members', caseRef: 'CP-1042' });
  });
});

describe('editDistance', () => {
  it.each([
    ['case', 'case', 0],
    ['gruop', 'group', 1],
    ['nxt', 'next', 1],
    ['overdeu', 'overdue', 1],
    ['membrs', 'members', 1],
    ['care', 'case', 1],
    ['', 'due', 3],
    ['kitten', 'sitting', 3],
  ] as const)('%s → %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it('stops at one past the most it is asked about, exact up to it', () => {
    expect([editDistance('kitten', 'sitting', 1), editDistance('kitten', 'sitting', 2), editDistance('kitten', 'sitting', 3)]).toEqual([2, 3, 3]);
    expect([editDistance('gruop', 'group', 1), editDistance('attendees', 'xyz', 2), editDistance('ab', 'ba', 0)]).toEqual([1, 3, 1]);
  });

  it('gives the same answers after words longer than any keyword', () => {
    expect(editDistance('a'.repeat(40), 'b'.repeat(30))).toBe(40);
    expect([editDistance('membrs', 'members'), editDistance('overdeu', 'overdue')]).toEqual([1, 1]);
  });
});

describe('matchIntent: long messages', () => {
  it('reads only the opening words, so a question pasted before a long text is still understood', () => {
    expect(matchIntent(`anything overdue? ${'x'.repeat(30_000)}`, TODAY)).toEqual({ intent: 'overdue' });
  });

  it('ignores a case reference beyond the words it reads', () => {
    expect(matchIntent(`${'filler '.repeat(100)}members CP-1042`, TODAY)).toEqual({ intent: 'unknown' });
  });
});

describe('matchIntent: greetings', () => {
  it.each(['hi', 'Hi!', 'hello there', 'Good morning.'])('"%s" is a greeting', (text) => {
    expect(matchIntent(text, TODAY)).toEqual({ intent: 'greeting' });
  });

  it('a greeting with a question is the question', () => {
    expect(matchIntent('hi, anything overdue?', TODAY)).toEqual({ intent: 'overdue' });
  });
});

describe('matchIntent: the review conference', () => {
  it.each([
    ['when is the next review conference for CP-9004?', { intent: 'review', caseRef: 'CP-9004' }],
    ['when is the next review conference?', { intent: 'review' }],
    ['next rcpc', { intent: 'review' }],
    ['RCPC CP-9004', { intent: 'review', caseRef: 'CP-9004' }],
    ['review CP-9004', { intent: 'review', caseRef: 'CP-9004' }],
    ['review', { intent: 'review' }],
    ['when is the reveiw due', { intent: 'review' }],
    ['review conferance for cp 9004', { intent: 'review', caseRef: 'CP-9004' }],
    ['is the review overdue for CP-9004', { intent: 'review', caseRef: 'CP-9004' }],
    ['next review for Willow', { intent: 'review', unmatched: ['willow'] }],
  ] as const)('%j', (text, expected) => {
    expect(matchIntent(text, TODAY)).toEqual(expected);
  });

  it('"preview" is not a review', () => {
    expect(matchIntent('when is the preview', TODAY)).toEqual({ intent: 'due', unmatched: ['preview'] });
  });
});

describe('matchIntent: a case named by its alias', () => {
  it.each([
    ['next core group for Oak', { intent: 'due', unmatched: ['oak'] }],
    ['when is the next cg for the Old Oak?', { intent: 'due', unmatched: ['old', 'oak'] }],
    ['is Birch overdue', { intent: 'overdue', unmatched: ['birch'] }],
    ['members of Rowan', { intent: 'members', unmatched: ['rowan'] }],
    ['who is in the core group for Willow', { intent: 'members', unmatched: ['willow'] }],
    ['anything due for Oak by friday', { intent: 'due', unmatched: ['oak'], date: '2026-03-06' }],
  ] as const)('%j', (text, expected) => {
    expect(matchIntent(text, TODAY)).toEqual(expected);
  });

  it('keeps no words when a reference names the case, and none for intents about no case', () => {
    expect(matchIntent('next core group for Oak CP-1042', TODAY)).toEqual({ intent: 'due', caseRef: 'CP-1042' });
    expect(matchIntent('my cases Oak', TODAY)).toEqual({ intent: 'cases' });
  });
});

describe('matchIntent: statements are told apart from questions', () => {
  it.each([
    // Wed 4 Mar 2026: "Monday" said of the past is Mon 2 Mar; of what is coming, Mon 9 Mar.
    ['I held the core group for CP-9001 today', { intent: 'record-held', caseRef: 'CP-9001', date: '2026-03-04' }],
    ['we had the core group for CP-9001 on Monday', { intent: 'record-held', caseRef: 'CP-9001', date: '2026-03-02' }],
    ['core group held yesterday for Oak', { intent: 'record-held', unmatched: ['oak'], date: '2026-03-03' }],
    ['cg took place on 2/3 for cp9001', { intent: 'record-held', caseRef: 'CP-9001', date: '2026-03-02' }],
    ['held CP-9001 today', { intent: 'record-held', caseRef: 'CP-9001', date: '2026-03-04' }],
    ['send my apologies for CP-9002', { intent: 'apologies', caseRef: 'CP-9002' }],
    ['please give my apologies for Birch on Monday', { intent: 'apologies', unmatched: ['birch'], date: '2026-03-09' }],
    ["I can't make the core group for CP-9002", { intent: 'apologies', caseRef: 'CP-9002' }],
    ["I won't be attending CP-9002 on friday", { intent: 'apologies', caseRef: 'CP-9002', date: '2026-03-06' }],
    ['can you send my apologies for CP-9002?', { intent: 'apologies', caseRef: 'CP-9002' }],
    ['plan circulated for CP-9001', { intent: 'record-event', event: 'plan-circulated', caseRef: 'CP-9001' }],
    ['I have updated the plan for CP-9001', { intent: 'record-event', event: 'plan-updated', caseRef: 'CP-9001' }],
    ['sent the plan to the ISU for CP-9001', { intent: 'record-event', event: 'plan-sent-to-isu', caseRef: 'CP-9001' }],
    ['minutes sent for CP-9001 yesterday', { intent: 'record-event', event: 'minutes-disseminated', caseRef: 'CP-9001', date: '2026-03-03' }],
    ['got the minutes for CP-9001', { intent: 'record-event', event: 'minutes-received', caseRef: 'CP-9001' }],
    ['typed record distributed for CP-9004', { intent: 'record-event', event: 'record-distributed', caseRef: 'CP-9004' }],
    ['we held the review conference for CP-9004 today', { intent: 'record-event', event: 'review-conference-held', caseRef: 'CP-9004', date: '2026-03-04' }],
  ] as const)('%j', (text, expected) => {
    expect(matchIntent(text, TODAY)).toEqual(expected);
  });

  it.each([
    ['was the core group for CP-9001 held?', 'due'],
    ['has the plan been circulated for CP-9001', 'due'],
    ['when is the plan due to be circulated', 'due'],
    ['who is not attending CP-9002', 'members'],
  ] as const)('%j asks (%s)', (text, intent) => {
    expect(matchIntent(text, TODAY).intent).toBe(intent);
  });
});
