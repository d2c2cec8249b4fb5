import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SOCIAL_WORKER } from './activities.js';
import { expectSafe, fuzzBot, OWN_CASE, pressActivity, type Answer } from './fuzzing.js';

const card = (text: string) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] });
const invoked = (value: unknown): Answer => ({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value }, replies: [], postedTo: [] });

/** The fuzz files' checks catch what they are there for: a property that could not fail would prove nothing. */
describe("the fuzz's checks", () => {
  const fuzz = fuzzBot('fuzzchecks');

  it('a press that is valid changes state, and the run fails on it', async () => {
    const data = { requestId: randomUUID(), caseRef: OWN_CASE, aadObjectId: '', displayName: 'Dr B', email: '', role: 'professional', agency: 'School', label: '', contactRoute: 'Secure email' };
    const press = pressActivity(fuzz.env, { verb: 'member.add', sender: SOCIAL_WORKER, conversationType: 'personal', via: 'execute', data, senderName: 'Sam Worker' });
    await expect(fuzz.run(press)).rejects.toThrow(/^expected \{ cases: \[ …\(\d+\) \], …\(\d+\) \} to deeply equal/);
  });

  it('live markup, a stack frame, an error class or a table name in a reply is caught', () => {
    expect(() => expectSafe(fuzz.env, invoked(card('See [the plan](https://evil.example/login)')))).toThrow();
    expect(() => expectSafe(fuzz.env, invoked(card('See \\[the plan\\](https://evil.example/login)')))).not.toThrow();
    expect(() => expectSafe(fuzz.env, invoked(card('    at handle (bot/app.ts:12:3)')))).toThrow();
    expect(() => expectSafe(fuzz.env, invoked(card('RestError happened')))).toThrow();
    expect(() => expectSafe(fuzz.env, invoked(card(`no row in ${fuzz.env.tables.cases.tableName}`)))).toThrow();
    expect(() => expectSafe(fuzz.env, { ...invoked(card('ok')), replies: [{ type: 'message', text: '**bold**' }], postedTo: ['a'] })).toThrow();
  });
});
