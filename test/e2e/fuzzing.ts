import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect } from 'vitest';
import { z } from 'zod';
import * as forms from '../../bot/actions/forms.js';
import { CARD_ACTIONS } from '../../bot/app.js';
import { createLogger, LOG_LIMITS, routeConsoleTo } from '../../bot/log.js';
import { MAX_BODY_BYTES } from '../../bot/requestBody.js';
import { MEMBER_ROLES, REMOVAL_REASONS } from '../../src/cases/membership.js';
import { RECORDED_EVENT_KINDS, REJECT_REASONS } from '../../src/cases/model.js';
import { tellStory } from '../support/caseStory.js';
import { cardIn } from '../support/cards.js';
import { shownTexts } from '../support/markdown.js';
import { MEMBER, postActivity, SOCIAL_WORKER, TENANT, teamsActivity, teamsMessage } from './activities.js';
import { botOnStorage, type BotOnStorage } from './botOnStorage.js';
import { CHAIR, OTHER_CHAIR, STRANGER, TEAM_MANAGER } from './seedStories.js';
import { TEST_STAFF } from './testBot.js';

/**
 * What the fuzz files share: a bot on real tables holding two cases, the payloads they send (fast-check
 * arbitraries), and the properties every answer must have. See README "Tests" for what is fuzzed and how to replay.
 */

/** The senders' own case: the social worker, team manager and chair hold it, MEMBER is in its core group. */
export const OWN_CASE = 'CP-5001';
/** Another social worker's case, chaired by someone else: only the team manager is on both. */
export const OTHER_CASE = 'CP-5002';
export const OTHER_SOCIAL_WORKER = 'aaaaaaaa-0000-4000-8000-000000000014';

/** Everyone who sends something: on the own case in each role, and a colleague on no case and in no directory role. */
export const SENDERS = [SOCIAL_WORKER, TEAM_MANAGER, CHAIR, MEMBER, STRANGER] as const;

/** Who is not on which case: a verb naming that case is refused whatever else the data says. */
export const NOT_ON: ReadonlyArray<readonly [sender: string, caseRef: string]> = [
  [STRANGER, OWN_CASE],
  [STRANGER, OTHER_CASE],
  [SOCIAL_WORKER, OTHER_CASE],
  [CHAIR, OTHER_CASE],
  [MEMBER, OTHER_CASE],
];

/** The verbs, from where they are registered: a new verb is fuzzed without a change here. */
export const VERBS: readonly string[] = CARD_ACTIONS.map(([verb]) => verb);

/**
 * The verbs that name no existing case (a new one, or the staff directory), so that a sender cannot be made
 * unauthorized for them by naming a case they are not on. Every payload to these carries a broken request id.
 * A verb missing here that does change something would fail the state property: the list can only be too short
 * to the fuzz's cost, never let a change through unseen.
 */
export const CASELESS_VERBS: ReadonlySet<string> = new Set(['case.newForm', 'case.create', 'staff.list', 'staff.form', 'staff.set', 'staff.remove']);

/** Every field name a card submit is read for: the keys of the forms' schemas, and the inputs named by prefix. */
const SCHEMA_FIELDS = Object.values(forms).flatMap((value) => (value instanceof z.ZodObject ? Object.keys(value.shape) : []));
const FIELDS: readonly string[] = [
  ...new Set([
    ...SCHEMA_FIELDS,
    // Read by schemas local to their action (the follow-up's event, the chair's decision, the pack's part).
    'event',
    'decision',
    'part',
    ...['M1', 'M2', 'M3', 'M9', '__proto__'].map((memberId) => `${forms.ATTENDANCE_INPUT}${memberId}`),
    ...RECORDED_EVENT_KINDS.slice(0, 4).map((kind) => `${forms.DONE_INPUT}${kind}`),
  ]),
].filter((name) => name !== 'requestId' && name !== 'verb');

/** Markup, links, template syntax, control and bidirectional characters: what a hostile sender types. */
export const HOSTILE: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[Sign in](https://evil.example/login)',
  '![x](https://evil.example/p.png)',
  '<https://evil.example/login>',
  '**bold** _em_ ~~gone~~',
  '# Heading',
  '- item\n- item',
  '1. first',
  '> quoted',
  '`code` ```block```',
  '| a | b |\n|---|---|',
  '&lt;b&gt;&#60;',
  '${$root}',
  '${json($root)}',
  '${if(true, "[x](https://evil.example)", "b")}',
  '{{caseRef}} $data',
  '\u0000\u0007\u001b[31m',
  '\u0085\u009b\u009f',
  'Oak\u202eevil',
  '\u2066CP-5001\u2069',
  '\u200b\ufeff\u2028',
  '\r\n\r\n',
  '🧒🏽‍👩‍👧',
];

/** What the bot reads as real: references, meeting and member ids, the people, dates and each choice's codes. */
const PLAUSIBLE: readonly string[] = [
  OWN_CASE,
  OTHER_CASE,
  'CP-9999',
  ' cp-5002 ',
  'CG1',
  'CG2',
  'CG9',
  'M1',
  'M2',
  'M3',
  'M99',
  ...SENDERS,
  OTHER_CHAIR,
  OTHER_SOCIAL_WORKER,
  'york',
  'no-such-policy',
  '2027-02-05',
  '2027-02-22',
  '2027-13-45',
  '10:00',
  '25:61',
  'true',
  'false',
  'attended',
  'apologies',
  'chair',
  'social-worker',
  ...MEMBER_ROLES,
  ...REMOVAL_REASONS,
  ...REJECT_REASONS,
  ...RECORDED_EVENT_KINDS.slice(0, 4),
];

const hostile = fc.constantFrom(...HOSTILE);
const plausible = fc.constantFrom(...PLAUSIBLE);

/** Just under the body limit once JSON-escaped (a control character takes six bytes): each payload has at most one. */
const HUGE_CHARACTERS = 100_000;
const HUGE_BYTES = Math.floor(MAX_BODY_BYTES * 0.6);
function huge(seed: string): string {
  const long = seed.repeat(Math.ceil(HUGE_CHARACTERS / seed.length)).slice(0, HUGE_CHARACTERS);
  const bytesPerCharacter = Buffer.byteLength(JSON.stringify(long)) / long.length;
  return long.slice(0, Math.min(long.length, Math.floor(HUGE_BYTES / bytesPerCharacter)));
}
export const hugeText = fc.oneof(hostile, plausible).map(huge);

/** Any text at all: hostile, plausible, the two run together, or random code points. */
export const anyText = fc.oneof(
  { weight: 3, arbitrary: hostile },
  { weight: 2, arbitrary: plausible },
  { weight: 3, arbitrary: fc.tuple(plausible, hostile, fc.boolean()).map(([value, lure, before]) => (before ? `${lure}${value}` : `${value}${lure}`)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

/** What a string field should never be: numbers, booleans, null, arrays, objects. */
export const wrongTyped: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(plausible, fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('caseRef', 'value', 'toString', '__proto__'), fc.oneof(plausible, fc.integer()), { maxKeys: 2 }),
);

const fieldValue: fc.Arbitrary<unknown> = fc.oneof({ weight: 5, arbitrary: anyText }, { weight: 2, arbitrary: wrongTyped });

/** A request id the forms refuse (checked with their own schema, so none is valid by chance). */
export const brokenRequestId: fc.Arbitrary<unknown> = fc
  .oneof(
    wrongTyped,
    anyText,
    fc.uuid({ version: 4 }).chain((id) => fc.constantFrom(`${id}\u202e`, ` ${id}`, `{${id}}`, id.slice(1), id.replaceAll('-', ''), `${id}-0`)),
  )
  .filter((requestId) => !forms.formRequest.safeParse({ requestId }).success);

/** Present and well formed: only sent where the sender cannot act whatever the data. */
export const validRequestId: fc.Arbitrary<unknown> = fc.uuid({ version: 4 });

/** A reference as sent for a given case: exactly, in other spacing and case, or with a lure after it. */
export const refOf = (caseRef: string): fc.Arbitrary<unknown> =>
  fc.oneof(fc.constant(caseRef), fc.constant(` ${caseRef.toLowerCase()} `), hostile.map((lure) => `${caseRef}${lure}`));

export interface DataShape {
  readonly caseRef: fc.Arbitrary<unknown>;
  readonly requestId: fc.Arbitrary<unknown>;
}

/**
 * A card's data: the case (as given), the request id (as given), and any of the fields the forms read, each
 * hostile, plausible or wrong-typed, one of them perhaps 100,000 characters long. Missing is as likely as present.
 */
export const cardData = ({ caseRef, requestId }: DataShape): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .record(
      {
        caseRef: fc.oneof({ weight: 4, arbitrary: caseRef }, { weight: 1, arbitrary: wrongTyped }),
        requestId,
        meetingId: fc.oneof(fc.constantFrom('CG1', 'CG2', 'CG9'), fieldValue),
        memberId: fc.oneof(fc.constantFrom('M1', 'M2', 'M3'), fieldValue),
        fields: fc.uniqueArray(fc.tuple(fc.constantFrom(...FIELDS), fieldValue), { selector: ([name]) => name, maxLength: 16 }),
        huge: fc.option(fc.tuple(fc.constantFrom(...FIELDS), hugeText), { freq: 4 }),
      },
      { requiredKeys: ['fields', 'huge'] },
    )
    .map(({ fields, huge: long, ...named }) => {
      // Defined as own properties, so a field named "__proto__" is sent as one and not as the object's prototype.
      const data: Record<string, unknown> = {};
      const put = (name: string, value: unknown) => Object.defineProperty(data, name, { value, enumerable: true, writable: true, configurable: true });
      for (const [name, value] of fields) put(name, value);
      for (const [name, value] of Object.entries(named)) put(name, value);
      if (long) put(long[0], long[1]);
      return data;
    });

export type Conversation = 'personal' | 'groupChat' | 'channel';

/** One card button press, as Teams posts it. */
export interface Press {
  readonly verb: unknown;
  readonly sender: string;
  readonly conversationType: Conversation;
  readonly via: 'execute' | 'submit';
  /** What the card's data is: an object as cards send, or not one at all. */
  readonly data: unknown;
  /** The sender's display name as Teams gives it: the bot keeps it when a social worker sets up a case. */
  readonly senderName: string;
}

export const pressShape = {
  via: fc.constantFrom('execute', 'submit'),
  senderName: fc.oneof(fc.constant('Sam Worker'), anyText),
} as const;

/** Data that is not an object at all. */
export const notAnObject: fc.Arbitrary<unknown> = fc.oneof(fc.constant(null), fc.integer(), anyText, fc.array(plausible, { maxLength: 2 }));

/** The activity for a press: an Action.Execute invoke, or an Action.Submit message whose value is the data. */
export function pressActivity(env: BotOnStorage, press: Press): Record<string, unknown> {
  const options = { serviceUrl: env.connector.serviceUrl, aadObjectId: press.sender, conversationType: press.conversationType };
  const from = { id: `29:${press.sender}`, aadObjectId: press.sender, name: press.senderName };
  const data: unknown = press.data instanceof Object && !Array.isArray(press.data) ? { ...press.data, verb: press.verb } : press.data;
  if (press.via === 'submit') return teamsActivity('message', options, { from, value: data });
  return teamsActivity('invoke', options, { from, name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: press.verb, data }, trigger: 'manual' } });
}

/** Internal detail no reply may hold: stack frames, file paths, error class names, storage words. */
const LEAKS: readonly RegExp[] = [
  /\bat (?:async )?[\w$.<>]+ \(/,
  /\bat (?:file:|\/|node:)/,
  /\.(?:ts|js|mjs|cjs):\d+/,
  /node_modules|\/work\/|file:\/\//,
  /\b[A-Z][A-Za-z]*Error\b|\bError:/,
  /\b(?:CaseNotFound|NotOnCase|InvalidInput|NotAllowed|TryAgain|MemberNotFound|MeetingNotFound|ReferenceInUse)\b/,
  /W\/\\?"datetime|odata\.|\betag\b|\bpartitionKey\b|\browKey\b/i,
];

/** The run's state: every row of every table (key and a hash of all it holds, etag included) and each queue's length. */
export async function stateOf(env: BotOnStorage): Promise<Record<string, readonly string[] | number>> {
  const state: Record<string, readonly string[] | number> = {};
  for (const [name, table] of Object.entries(env.tables)) {
    const rows: string[] = [];
    for await (const row of table.listEntities()) rows.push(`${row.partitionKey}/${row.rowKey}#${createHash('sha256').update(JSON.stringify(row)).digest('hex').slice(0, 16)}`);
    state[name] = rows.sort();
  }
  for (const [name, queue] of Object.entries(env.queues)) state[`queue:${name}`] = (await queue.getProperties()).approximateMessagesCount ?? -1;
  return state;
}

/** Every string a person reads in a reply: card texts as Microsoft's renderer shows them, and message text. */
function checkShown(card: unknown): void {
  for (const { source, html } of shownTexts(card)) {
    expect([source, html]).not.toEqual([source, expect.stringMatching(/<(?:a|img|script|iframe|strong|em|s|del|h\d|code|pre|table|blockquote|ul|ol|li|hr)\b/)]);
  }
}

const asTextCard = (text: string) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] });

export interface Answer {
  readonly status: number;
  /** The HTTP body, parsed ('' when empty). */
  readonly body: unknown;
  /** The messages the bot posted to the connector during the turn. */
  readonly replies: ReadonlyArray<Record<string, unknown>>;
  /** The conversation each was posted to, in the same order. */
  readonly postedTo: ReadonlyArray<string | undefined>;
}

/** Everything a reply carries must be free of leaks and of live markup. */
export function expectSafe(env: BotOnStorage, answer: Answer): void {
  const shown = JSON.stringify([answer.body, answer.replies]);
  for (const leak of LEAKS) expect(shown).not.toMatch(leak);
  for (const name of Object.values(env.tables).map((table) => table.tableName)) expect(shown).not.toContain(name);
  const cards: unknown[] = answer.replies.flatMap((reply) => cardIn(reply) ?? []);
  const body = answer.body instanceof Object && 'type' in answer.body && 'value' in answer.body ? answer.body : undefined;
  if (body?.type === 'application/vnd.microsoft.card.adaptive') cards.push(body.value);
  if (body?.type === 'application/vnd.microsoft.activity.message' && typeof body.value === 'string') cards.push(asTextCard(body.value));
  for (const reply of answer.replies) if (typeof reply.text === 'string' && reply.text !== '') cards.push(asTextCard(reply.text));
  for (const card of cards) checkShown(card);
}

/** An invoke is answered 200 with a card or a message in the body, never an error status or an empty body. */
export function expectInvokeAnswered(answer: Answer): void {
  const body = answer.body instanceof Object ? answer.body : {};
  expect([answer.status, 'statusCode' in body && body.statusCode, 'type' in body && body.type]).toEqual([
    200,
    200,
    expect.stringMatching(/^application\/vnd\.microsoft\.(?:card\.adaptive|activity\.message)$/),
  ]);
  expect('value' in body && body.value).toBeTruthy();
}

/** A message turn is answered 200, and the bot says something in that conversation (text or a card). */
export function expectMessageAnswered(answer: Answer, conversationId: string): void {
  expect(answer.status).toBe(200);
  const said = answer.replies.filter((reply) => reply.type === 'message' && ((typeof reply.text === 'string' && reply.text !== '') || cardIn(reply) !== undefined));
  expect(said.length).toBeGreaterThan(0);
  expect(answer.postedTo).toEqual(answer.replies.map(() => conversationId));
}

/** One activity over HTTP and what came of it. */
export async function send(env: BotOnStorage, activity: Record<string, unknown>): Promise<Answer> {
  env.connector.reset();
  const response = await postActivity(env.bot.url, activity);
  const text = await response.text();
  const sent = env.connector.sentMessages();
  return { status: response.status, body: text === '' ? '' : (JSON.parse(text) as unknown), replies: sent.map((message) => message.body), postedTo: sent.map((message) => message.conversationId) };
}

/** Each value within the logger's limits (with its note of what was cut), one line each, and no fault of ours. */
function expectBoundedLines(lines: readonly string[]): void {
  for (const line of lines) {
    expect(line).not.toContain('\n');
    const parsed = JSON.parse(line) as Record<string, unknown>;
    for (const [name, value] of Object.entries(parsed)) {
      if (typeof value !== 'string') continue;
      const kept = value.replace(/…\[\d+ more\]$/, '');
      const limit = name === 'event' ? LOG_LIMITS.event : name === 'message' ? LOG_LIMITS.message : LOG_LIMITS.field;
      expect([name, kept.length <= limit]).toEqual([name, true]);
      expect(value).not.toMatch(/\n\s+at /);
    }
    // An error-level line is a fault of ours (a TypeError on data it did not expect, ...), not a refusal.
    expect(parsed.level === 'error' ? [parsed.event, parsed.error, parsed.message] : 'no fault').toBe('no fault');
  }
}

export interface FuzzBot {
  readonly env: BotOnStorage;
  /**
   * Sends one activity and checks what every run must hold: the answer safe (no leak, no live markup), every log
   * line bounded and none a fault, no uncaught exception or unhandled rejection, and no table row or queue changed.
   */
  run(activity: Record<string, unknown>): Promise<Answer>;
}

/**
 * The bot on its own tables, for one describe block: two cases told through the case service (the own case with a
 * core group held and the next one scheduled, a member in Teams and a parent outside it; the other case another
 * social worker's), the social worker a staff administrator. Reading writes in two places, both settled before
 * the runs so that after it nothing may change: the conversation reference of a person first heard from (each
 * sender asks "cases" once, in their 1:1 chat), and the "my cases" rows that first question settles.
 */
export function fuzzBot(name: string): FuzzBot {
  const written: string[] = [];
  const faults: unknown[] = [];
  const onFault = (error: unknown) => void faults.push(error);
  const log = createLogger((line) => written.push(line));
  let restoreConsole: (() => void) | undefined;
  beforeAll(() => {
    // As start-up does: libraries printing to the console print through the logger, so their lines are checked too.
    restoreConsole = routeConsoleTo(log);
    process.on('uncaughtException', onFault).on('unhandledRejection', onFault);
  });
  afterAll(() => {
    restoreConsole?.();
    process.off('uncaughtException', onFault).off('unhandledRejection', onFault);
  });
  const env = botOnStorage(
    name,
    async ({ bot, tables }) => {
      const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };
      await tellStory(tables, bot.services, {
        caseRef: OWN_CASE,
        alias: 'Ash',
        policyId: 'york',
        icpc: '2027-01-11',
        socialWorker,
        teamManager: TEAM_MANAGER,
        chair: CHAIR,
        members: [
          { kind: 'teams', aadObjectId: MEMBER, displayName: 'Hana Visitor', agency: 'Health visiting', role: 'professional' },
          { kind: 'family', label: 'Parent A', role: 'parent-or-carer', contactRoute: 'Hand delivered at home visits' },
        ],
        coreGroups: ['2027-01-25'],
      });
      await bot.services.cases.commands.scheduleMeeting(socialWorker, OWN_CASE, { date: '2027-02-22', time: '10:00', venue: 'Family centre', type: 'subsequent' });
      await tellStory(tables, bot.services, {
        caseRef: OTHER_CASE,
        alias: 'Elm',
        policyId: 'york',
        icpc: '2027-01-18',
        socialWorker: { tenantId: TENANT, aadObjectId: OTHER_SOCIAL_WORKER },
        teamManager: TEAM_MANAGER,
        chair: OTHER_CHAIR,
      });
    },
    { staffAdmins: [SOCIAL_WORKER], staff: [...TEST_STAFF, { aadObjectId: OTHER_SOCIAL_WORKER, displayName: 'Oona Worker', roles: ['social-worker'] }], log },
  );
  let state: Record<string, readonly string[] | number> = {};
  beforeAll(async () => {
    for (const sender of SENDERS) {
      const response = await postActivity(env.bot.url, teamsMessage('cases', { serviceUrl: env.connector.serviceUrl, aadObjectId: sender }));
      expect(response.status).toBe(200);
    }
    state = await stateOf(env);
    written.length = 0;
  });
  return {
    env,
    async run(activity) {
      written.length = 0;
      env.bot.calls.length = 0;
      const answer = await send(env, activity);
      expectSafe(env, answer);
      expectBoundedLines(written);
      expect(faults).toEqual([]);
      expect(await stateOf(env)).toEqual(state);
      return answer;
    },
  };
}

/**
 * fast-check's settings for a property: the run count given (each file's fits about a minute on a loaded 2-core
 * machine), or FUZZ_RUNS; FUZZ_SEED (and FUZZ_PATH) replay the failure fast-check printed.
 */
export function fuzzRuns(numRuns: number): fc.Parameters<unknown> {
  const seed = Number(process.env.FUZZ_SEED);
  const runs = Number(process.env.FUZZ_RUNS);
  return {
    numRuns: Number.isInteger(runs) && runs > 0 ? runs : numRuns,
    ...(Number.isInteger(seed) && process.env.FUZZ_SEED !== '' && { seed }),
    ...(process.env.FUZZ_PATH !== undefined && { path: process.env.FUZZ_PATH }),
  };
}

/** A property's time limit: its runs take some 20 s alone; this leaves room for a machine shared by many. */
export const FUZZ_TIMEOUT_MS = 180_000;
