import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_ACTIONS } from '../../bot/app.js';
import {
  brokenRequestId,
  CASELESS_VERBS,
  cardData,
  expectInvokeAnswered,
  expectMessageAnswered,
  fuzzBot,
  fuzzRuns,
  FUZZ_TIMEOUT_MS,
  notAnObject,
  NOT_ON,
  OTHER_CASE,
  OWN_CASE,
  anyText,
  pressActivity,
  pressShape,
  refOf,
  SENDERS,
  validRequestId,
  VERBS,
  type Press,
} from './fuzzing.js';

/**
 * Every card verb pressed in the 1:1 chat with hostile, wrong-typed, oversized and missing data, by Action.Execute
 * and Action.Submit, through the real server: always a card or a message, never a fault, a leak or a change.
 * No payload can be valid: from someone who could act, its request id is broken (as the forms' own schema reads
 * it); a well-formed one only goes with a verb naming a case the sender is not on.
 */
describe('fuzz: card verbs in the 1:1 chat', () => {
  const fuzz = fuzzBot('fuzzverbs');

  it('fuzzes every verb the bot registers, and knows each verb that names no case', () => {
    expect(VERBS).toEqual(CARD_ACTIONS.map(([verb]) => verb));
    expect(VERBS.length).toBeGreaterThan(30);
    expect([...CASELESS_VERBS].filter((verb) => !VERBS.includes(verb))).toEqual([]);
  });

  async function pressed(press: Press): Promise<void> {
    const answer = await fuzz.run(pressActivity(fuzz.env, press));
    if (press.via === 'execute') expectInvokeAnswered(answer);
    else expectMessageAnswered(answer, `a:personal-${press.sender}`);
  }

  /** Anyone, about any case or none, with a request id no form accepts. */
  const byAnyone: fc.Arbitrary<Press> = fc.record({
    ...pressShape,
    verb: fc.constantFrom(...VERBS),
    sender: fc.constantFrom(...SENDERS),
    conversationType: fc.constant('personal' as const),
    data: fc.oneof(
      { weight: 9, arbitrary: cardData({ caseRef: fc.oneof(refOf(OWN_CASE), refOf(OTHER_CASE), anyText), requestId: brokenRequestId }) },
      { weight: 1, arbitrary: notAnObject },
    ),
  });

  /** Someone naming a case they are not on, with a request id that may be well formed. */
  const byOutsider: fc.Arbitrary<Press> = fc
    .record({ ...pressShape, verb: fc.constantFrom(...VERBS.filter((verb) => !CASELESS_VERBS.has(verb))), outsider: fc.constantFrom(...NOT_ON) })
    .chain(({ outsider: [sender, caseRef], ...press }) =>
      cardData({ caseRef: refOf(caseRef), requestId: fc.oneof(validRequestId, brokenRequestId) }).map((data) => ({ ...press, sender, conversationType: 'personal' as const, data })),
    );

  it('a press from anyone with a broken request id: answered, nothing leaked, nothing changed', async () => {
    await fc.assert(fc.asyncProperty(byAnyone, pressed), fuzzRuns(200));
  }, FUZZ_TIMEOUT_MS);

  it('a press naming a case the sender is not on: answered, nothing leaked, nothing changed', async () => {
    await fc.assert(fc.asyncProperty(byOutsider, pressed), fuzzRuns(120));
  }, FUZZ_TIMEOUT_MS);
});
