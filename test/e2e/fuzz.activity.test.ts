import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { teamsActivity } from './activities.js';
import { anyText, brokenRequestId, cardData, fuzzBot, fuzzRuns, FUZZ_TIMEOUT_MS, OWN_CASE, refOf, SENDERS, validRequestId, wrongTyped } from './fuzzing.js';

/** The activity's own fields (those the door checks, and others), each of which may come broken. */
const FIELDS = ['type', 'id', 'channelId', 'from', 'recipient', 'conversation', 'text', 'textFormat', 'name', 'locale', 'replyToId', 'timestamp', 'localTimestamp', 'entities', 'channelData', 'value', 'serviceUrl'] as const;

/**
 * A field broken: removed, wrong-typed or hostile text. The serviceUrl is only ever wrong-typed: a different
 * well-formed address would rightly be kept as where the person is reached (a change) and be posted to.
 */
const broken = fc.record({
  field: fc.constantFrom(...FIELDS),
  value: fc.oneof(fc.constant(undefined), wrongTyped, anyText),
}).filter(({ field, value }) => field !== 'serviceUrl' || typeof value !== 'string');

/**
 * Messages and card invokes from every sender with their own fields broken, through the real server: refused at
 * the door with a 4xx that says why, or answered; never a 5xx, a leak, a fault or a change.
 */
describe('fuzz: malformed activities', () => {
  const fuzz = fuzzBot('fuzzactivity');

  it('an activity with broken fields: a 4xx saying why, or an answer; never a 5xx, a leak or a change', async () => {
    const activity = fc.record({
      sender: fc.constantFrom(...SENDERS),
      kind: fc.constantFrom('message', 'invoke'),
      text: anyText,
      data: cardData({ caseRef: refOf(OWN_CASE), requestId: fc.oneof(validRequestId, brokenRequestId) }),
      broken: fc.uniqueArray(broken, { selector: ({ field }) => field, minLength: 1, maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(activity, async ({ sender, kind, text, data, broken: fields }) => {
        const options = { serviceUrl: fuzz.env.connector.serviceUrl, aadObjectId: sender };
        const sent =
          kind === 'message'
            ? teamsActivity('message', options, { text, textFormat: 'plain' })
            // members.show only reads, so a well-formed request id changes nothing whoever sends it.
            : teamsActivity('invoke', options, { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'members.show', data: { ...data, verb: 'members.show' } } } });
        for (const { field, value } of fields) {
          if (value === undefined) delete sent[field];
          else sent[field] = value;
        }
        const answer = await fuzz.run(sent);
        // Bot Framework's answer to an invoke of a name the bot does not handle (no card action): not implemented.
        if (sent.type === 'invoke' && sent.name !== 'adaptiveCard/action' && answer.status === 501) return;
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400) expect(answer.body).toEqual({ error: expect.stringMatching(/\S/) });
        else expect(answer.status).toBe(200);
      }),
      fuzzRuns(300),
    );
  }, FUZZ_TIMEOUT_MS);
});
