import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMAND_ROUTES } from '../../bot/app.js';
import { COMMANDS, typedCommand } from '../../bot/commands/help.js';
import { matchIntent } from '../../bot/commands/intents.js';
import { teamsActivity } from './activities.js';
import {
  anyText,
  cardData,
  expectMessageAnswered,
  fuzzBot,
  fuzzRuns,
  FUZZ_TIMEOUT_MS,
  HOSTILE,
  hugeText,
  OTHER_CASE,
  OWN_CASE,
  refOf,
  SENDERS,
  validRequestId,
  wrongTyped,
  type Conversation,
} from './fuzzing.js';
import { TODAY } from './testBot.js';

/**
 * One phrasing of each intent a message is routed on, and of the catch-all's: the list of intents is the bot's
 * (COMMAND_ROUTES), so a new command fails the first test until it is fuzzed too.
 */
const PHRASINGS: Readonly<Record<string, string>> = {
  due: 'when is the next core group due?',
  review: `review ${OWN_CASE}`,
  overdue: 'anything overdue?',
  cases: 'my cases',
  members: `members ${OWN_CASE}`,
  'new-case': 'new case',
  schedule: `schedule ${OWN_CASE}`,
  reports: `reports ${OWN_CASE}`,
  staff: 'staff',
  digest: 'digest',
  'record-held': `I held the core group for ${OWN_CASE} today`,
  apologies: `send my apologies for ${OWN_CASE}`,
  'record-event': `plan circulated for ${OWN_CASE}`,
  help: 'help',
  greeting: 'hi',
  unknown: 'the weather in Leeds',
};

/**
 * The one typed command that changes something is choosing one's digest ("digest weekly"): a text the matcher
 * reads as that is left out, so that every text sent can only be answered. Nothing else a message says is saved.
 */
const changesNothing = (text: string): boolean => matchIntent(text, TODAY).digest === undefined;

/** A command, or the words of any intent, with a case named (ours, another's, or hostile) and a lure around it. */
const messageText: fc.Arbitrary<string> = fc
  .oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...Object.values(PHRASINGS), ...COMMANDS.map((entry) => typedCommand(entry, OWN_CASE))),
          fc.oneof(refOf(OWN_CASE), refOf(OTHER_CASE), fc.constantFrom('Ash', 'Elm', ...HOSTILE)),
          anyText,
          fc.constantFrom('before', 'after', 'around'),
        )
        .map(([said, named, lure, where]) => {
          const text = `${said} ${String(named)}`;
          return where === 'before' ? `${lure} ${text}` : where === 'after' ? `${text} ${lure}` : `${lure}${text}${lure}`;
        }),
    },
    { weight: 2, arbitrary: anyText },
    { weight: 1, arbitrary: hugeText },
  )
  .filter(changesNothing);

/** How a message may come: typed, a button's question (Action.Submit `{ ask }`), or a submit's value with no verb. */
type Sent = { readonly how: 'typed' | 'asked'; readonly text: string } | { readonly how: 'value'; readonly value: unknown };
const sent: fc.Arbitrary<Sent> = fc.oneof(
  { weight: 5, arbitrary: messageText.map((text) => ({ how: 'typed' as const, text })) },
  { weight: 2, arbitrary: messageText.map((text) => ({ how: 'asked' as const, text })) },
  { weight: 1, arbitrary: fc.oneof(cardData({ caseRef: refOf(OWN_CASE), requestId: validRequestId }), wrongTyped).map((value) => ({ how: 'value' as const, value })) },
);

/**
 * Typed messages and button questions of every kind, hostile, oversized or naming other people's cases, from every
 * sender in every conversation, through the real server: each answered in its conversation, nothing leaked or changed.
 */
describe('fuzz: messages', () => {
  const fuzz = fuzzBot('fuzzmessages');

  it('has a phrasing for every intent the bot routes, each read as that intent', () => {
    expect(Object.keys(PHRASINGS).sort()).toEqual([...new Set([...COMMAND_ROUTES.map(([intent]) => intent), 'unknown'])].sort());
    for (const [intent, text] of Object.entries(PHRASINGS)) expect([text, matchIntent(text, TODAY).intent]).toEqual([text, intent]);
  });

  it('a message of any kind, from anyone, anywhere: answered there, nothing leaked, nothing changed', async () => {
    const message = fc.record({
      sent,
      sender: fc.constantFrom(...SENDERS),
      conversationType: fc.constantFrom<Conversation>('personal', 'personal', 'groupChat', 'channel'),
    });
    await fc.assert(
      fc.asyncProperty(message, async ({ sent, sender, conversationType }) => {
        const options = { serviceUrl: fuzz.env.connector.serviceUrl, aadObjectId: sender, conversationType };
        const content = sent.how === 'value' ? { value: sent.value } : sent.how === 'asked' ? { value: { ask: sent.text } } : { text: sent.text, textFormat: 'plain' };
        const answer = await fuzz.run(teamsActivity('message', options, content));
        expectMessageAnswered(answer, conversationType === 'personal' ? `a:personal-${sender}` : '19:group@thread.v2');
      }),
      fuzzRuns(120),
    );
  }, FUZZ_TIMEOUT_MS);
});
