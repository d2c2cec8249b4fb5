import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sentencesOf, cardIn } from '../support/cards.js';
import {
  anyText,
  brokenRequestId,
  cardData,
  expectInvokeAnswered,
  expectMessageAnswered,
  fuzzBot,
  fuzzRuns,
  FUZZ_TIMEOUT_MS,
  notAnObject,
  OTHER_CASE,
  OWN_CASE,
  pressActivity,
  pressShape,
  refOf,
  SENDERS,
  validRequestId,
  VERBS,
  wrongTyped,
  type Answer,
  type Press,
} from './fuzzing.js';

const PERSONAL_ONLY = ['Ask me in our 1:1 chat', 'Case details stay private: ask me in our 1:1 chat (open the Core group bot app in Teams).', 'Nothing was changed.'];
/** Where teamsActivity puts a group chat's and a channel's messages. */
const GROUP = '19:group@thread.v2';

/** A verb no handler knows: a forged or mistyped name, or not a string at all. */
const unknownVerb: fc.Arbitrary<unknown> = fc
  .oneof(anyText, wrongTyped, fc.constantFrom(...VERBS).chain((verb) => fc.constantFrom(`${verb} `, verb.toUpperCase(), `${verb}\u202e`, `x.${verb}`)))
  .filter((verb) => typeof verb !== 'string' || !VERBS.includes(verb));

/** What a press answered: the card in the invoke's body, or in the one message sent. */
const cardOf = (press: Press, answer: Answer): unknown =>
  press.via === 'execute' ? (answer.body instanceof Object && 'value' in answer.body ? answer.body.value : undefined) : cardIn(answer.replies[0]);

/**
 * The same verbs from a group chat and a channel, where people not on the case read along: whatever the data,
 * well formed or not, the answer is "ask me in our 1:1 chat", nothing is read or changed. And verbs no handler
 * knows, anywhere: still an answer.
 */
describe('fuzz: card verbs outside the 1:1 chat, and unknown verbs', () => {
  const fuzz = fuzzBot('fuzzscope');

  it('every verb pressed in a group chat or a channel, by anyone, with any data: the 1:1 answer, nothing changed', async () => {
    const elsewhere: fc.Arbitrary<Press> = fc.record({
      ...pressShape,
      verb: fc.constantFrom(...VERBS),
      sender: fc.constantFrom(...SENDERS),
      conversationType: fc.constantFrom('groupChat' as const, 'channel' as const),
      data: fc.oneof(
        { weight: 9, arbitrary: cardData({ caseRef: fc.oneof(refOf(OWN_CASE), refOf(OTHER_CASE)), requestId: fc.oneof(validRequestId, brokenRequestId) }) },
        { weight: 1, arbitrary: notAnObject },
      ),
    });
    await fc.assert(
      fc.asyncProperty(elsewhere, async (press) => {
        const answer = await fuzz.run(pressActivity(fuzz.env, press));
        if (press.via === 'execute') expectInvokeAnswered(answer);
        else expectMessageAnswered(answer, GROUP);
        // A submit whose value is not an object names no verb: it is a message like any other, answered by help.
        const routed = press.via === 'execute' || (press.data instanceof Object && !Array.isArray(press.data));
        expect(sentencesOf(cardOf(press, answer))).toEqual(routed ? PERSONAL_ONLY : expect.arrayContaining(['Core group bot']));
        expect(fuzz.env.bot.calls).toEqual([]);
      }),
      fuzzRuns(90),
    );
  }, FUZZ_TIMEOUT_MS);

  it('a verb no handler knows, in any conversation: answered, nothing leaked, nothing changed', async () => {
    const unknown: fc.Arbitrary<Press> = fc.record({
      ...pressShape,
      verb: unknownVerb,
      sender: fc.constantFrom(...SENDERS),
      conversationType: fc.constantFrom('personal' as const, 'groupChat' as const, 'channel' as const),
      data: cardData({ caseRef: refOf(OWN_CASE), requestId: fc.oneof(validRequestId, brokenRequestId) }),
    });
    await fc.assert(
      fc.asyncProperty(unknown, async (press) => {
        const answer = await fuzz.run(pressActivity(fuzz.env, press));
        if (press.via === 'execute') expectInvokeAnswered(answer);
        else expectMessageAnswered(answer, press.conversationType === 'personal' ? `a:personal-${press.sender}` : GROUP);
      }),
      fuzzRuns(50),
    );
  }, FUZZ_TIMEOUT_MS);
});
