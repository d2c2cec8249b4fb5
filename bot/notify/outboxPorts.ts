import { z } from 'zod';
import { answerCard, caseDecisionCard, confirmationCard, deliverySummaryCard, digestCard, errorCard, infoCard, invitationCard, reminderCard, reportsPackCard, type AdaptiveCardJson, type AnswerCardData, type CaseDecisionData, type DeliverySummaryData, type DigestCardData, type InvitationData, type ReminderData, type ReportsPackData } from '../../cards/index.js';
import type { DeliveryItem, SendPort, SendResult, UnreachablePort } from '../../src/delivery/dispatcher.js';
import { isCaseKey } from '../../src/delivery/outboxItem.js';
import { DIGEST_CARD } from '../../src/digest/index.js';
import { formatLongDate } from '../../src/time/localDate.js';
import { notReachedWords } from '../views/reach.js';
import { cardReply } from '../views/reply.js';
import { SUMMARISED_KINDS } from './deliverySummary.js';
import { sendToPerson, updateForPerson, type ProactiveDeps, type SendOutcome } from './oneToOne.js';
import type { RetryPolicy } from './sender.js';
import { CASE_SUBJECT } from './tell.js';
import type { NoticeKind } from '../../src/sweep/index.js';

/**
 * The bot's half of the outbox: the dispatcher (src/delivery) decides what is sent when; these ports render a
 * row's card and post it to the person's 1:1 chat through the paced sender, or update the card posted before.
 */

/** How each outbox card name becomes a card: its data parsed, or undefined when it does not parse. */
export type OutboxCards = Readonly<Record<string, (data: Readonly<Record<string, unknown>>) => AdaptiveCardJson | undefined>>;

const noticeData = z.object({ title: z.string(), message: z.string(), hint: z.string().default('') });
const choice = z.object({ title: z.string(), value: z.string() });
const invitationData = z.object({
  caseRef: z.string(),
  meetingId: z.string(),
  recipientId: z.string(),
  title: z.string(),
  facts: z.array(choice),
  onlineLink: z.string(),
  agenda: z.array(z.object({ text: z.string() })),
  agendaSource: z.string(),
  answer: z.string(),
  canAnswer: z.boolean(),
  requestId: z.string(),
}) satisfies z.ZodType<InvitationData>;
const deliverySummaryData = z.object({
  caseRef: z.string(),
  meetingId: z.string(),
  title: z.string(),
  meeting: z.string(),
  reached: z.string(),
  unreachedHeading: z.string(),
  unreached: z.array(z.object({ who: z.string(), why: z.string(), route: z.string() })),
  hint: z.string(),
}) satisfies z.ZodType<DeliverySummaryData>;
const section = z.object({ heading: z.string(), text: z.string() });
const answerData = z.object({
  caseRef: z.string(),
  meetingId: z.string(),
  memberId: z.string(),
  title: z.string(),
  caseLabel: z.string(),
  meeting: z.string(),
  notes: z.array(z.string()),
  sections: z.array(section),
  canChange: z.boolean(),
  changeFor: z.string(),
  canConfirmVerbal: z.boolean(),
}) satisfies z.ZodType<AnswerCardData>;

/** A card the outbox can send, its stored data parsed first. */
const parsedInto =
  <T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, card: (data: T) => AdaptiveCardJson) =>
  (data: Readonly<Record<string, unknown>>): AdaptiveCardJson | undefined => {
    const parsed = schema.safeParse(data);
    return parsed.success ? card(parsed.data) : undefined;
  };

/** The cards the outbox can send; each kind of proactive message adds its own. */
const caseDecisionData = z.object({
  title: z.string(),
  message: z.string(),
  facts: z.array(choice),
  error: z.string(),
  caseRef: z.string(),
  confirmTitle: z.string(),
  canReject: z.boolean(),
  reasons: z.array(choice),
  reason: z.string(),
  reasonError: z.string(),
  handOvers: z.array(z.object({ claimId: z.string(), title: z.string() })),
  requestId: z.string(),
}) satisfies z.ZodType<CaseDecisionData>;

const reportsPackData = z.object({
  caseRef: z.string(),
  meetingId: z.string(),
  title: z.string(),
  caseLabel: z.string(),
  meeting: z.string(),
  intro: z.string(),
  awaited: z.string(),
  reports: z.array(z.object({ who: z.string(), said: z.string(), notes: z.array(z.string()), sections: z.array(section) })),
  canRecord: z.boolean(),
  previousPart: z.number().int(),
  nextPart: z.number().int(),
}) satisfies z.ZodType<ReportsPackData>;

const button = z.object({ title: z.string(), verb: z.string(), caseRef: z.string() });
const digestData = z.object({
  title: z.string(),
  subtitle: z.string(),
  sections: z.array(
    z.object({
      heading: z.string(),
      cases: z.array(
        z.object({
          caseLabel: z.string(),
          role: z.string(),
          lines: z.array(
            z.object({
              headline: z.string(),
              color: z.enum(['Attention', 'Default']),
              reason: z.string(),
              action: z.string(),
              caseButtons: z.array(button),
              meetingButtons: z.array(button.extend({ meetingId: z.string() })),
            }),
          ),
        }),
      ),
    }),
  ),
  timelinessHeading: z.string(),
  timeliness: z.array(choice),
  timelinessNote: z.string(),
}) satisfies z.ZodType<DigestCardData>;
const reminderData = z.object({
  title: z.string(),
  style: z.enum(['attention', 'warning', 'default']),
  caseRef: z.string(),
  facts: z.array(choice),
  message: z.string(),
  hint: z.string(),
  action: z.enum(['answer', 'contribute', 'record', 'record-meeting', 'schedule', 'decide', 'none']),
  meetingId: z.string(),
  requestId: z.string(),
  decision: z.string(),
  error: z.string(),
  decisionLimit: z.number().int(),
}) satisfies z.ZodType<ReminderData>;

export const OUTBOX_CARDS: OutboxCards = {
  notice: parsedInto(noticeData, infoCard),
  confirmation: parsedInto(noticeData, confirmationCard),
  caseDecision: parsedInto(caseDecisionData, caseDecisionCard),
  invitation: parsedInto(invitationData, invitationCard),
  answer: parsedInto(answerData, answerCard),
  deliverySummary: parsedInto(deliverySummaryData, deliverySummaryCard),
  reportsPack: parsedInto(reportsPackData, reportsPackCard),
  [DIGEST_CARD]: parsedInto(digestData, digestCard),
  reminder: parsedInto(reminderData, reminderCard),
};

/**
 * Out of a turn nobody is waiting, so a send may retry longer than in one; with the connector client's own
 * retries it still ends well inside the dispatcher's claim on the row (180 s by default).
 */
export const DISPATCH_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 20_000 };

export function outboxSendPort(deps: ProactiveDeps, cards: OutboxCards = OUTBOX_CARDS): SendPort {
  return async (item) => {
    const render = cards[item.card.name];
    const card = render?.(item.card.data);
    // Sent again, it fails again: the dispatcher sets it aside as poison once it has failed often enough.
    if (card === undefined) return { status: 'failed', reason: `no card "${item.card.name}" for this data` };
    const person = { tenantId: item.key.tenantId, aadObjectId: item.key.recipientId };
    // Someone the bot has not heard from is reached through the endpoint of the social worker it goes for: their tenant's region.
    const tellersEndpoint = async () => (await deps.refs.get(item.key.tenantId, item.tellId))?.serviceUrl;
    const outcome =
      item.previous === undefined ? await sendToPerson(person, cardReply(card), deps, tellersEndpoint) : await updateForPerson(person, item.previous, cardReply(card), deps);
    if (outcome.status === 'unreachable' && outcome.reason !== 'no-service-url') await forgetConversation(person, deps);
    return resultOf(outcome);
  };
}

/** A 403 or 404 means the 1:1 conversation is dead: the next message to the person creates a new one. */
async function forgetConversation(person: { readonly tenantId: string; readonly aadObjectId: string }, deps: ProactiveDeps): Promise<void> {
  const stored = await deps.refs.get(person.tenantId, person.aadObjectId);
  if (stored?.conversationId === undefined) return;
  await deps.refs.upsert({ tenantId: stored.tenantId, aadObjectId: stored.aadObjectId, serviceUrl: stored.serviceUrl });
}

function resultOf(outcome: SendOutcome): SendResult {
  switch (outcome.status) {
    case 'sent':
      return { status: 'sent', conversationId: outcome.conversationId, activityId: outcome.activityId };
    case 'unreachable':
      return { status: 'unreachable', reason: outcome.reason };
    case 'failed':
      return outcome.reason === 'throttled' ? { status: 'throttled', retryAfterMs: outcome.retryAfterMs } : { status: 'failed', reason: outcome.reason };
  }
}

/**
 * Tells the social worker, in their 1:1 chat, that a message for their case did not reach a member. Not for the
 * kinds the delivery summary covers (it names everyone not reached, once), nor for a message to the social worker.
 */
/** What each kind of message is, in the words of the notice that it did not arrive. */
/** The sweep's notices (src/sweep/notice.ts), each about the case as a whole as its reader sees it. */
const NOTICE_WORDS = {
  'invitation-reminder': 'reminder to answer an invitation',
  'contribution-reminder': 'reminder of a joint-report contribution',
  'schedule-core-group': 'reminder to arrange the next core group',
  'missed-core-group': 'notice of a missed core group',
  'missed-core-group-decision': "request for the chair's decision on a missed core group",
  'due-soon': 'reminder of something due',
  'due-today': 'reminder of something due today',
  overdue: 'reminder of something overdue',
} as const satisfies Readonly<Record<NoticeKind, string>>;

const KIND_WORDS: Readonly<Record<string, string>> = {
  ...NOTICE_WORDS,
  'missed-decision': "chair's decision on a missed core group",
  cancellation: 'cancellation',
  'reports-pack': 'reports pack',
  answer: 'written update',
  'case-confirmation': 'request to confirm the case',
  'request-declined': 'notice that their request was declined',
  'case-rejected': 'notice that the case was rejected',
  'case-given': 'notice that the case is now theirs',
  'case-withdrawn': 'notice that their case was withdrawn',
  'reference-claimed': 'notice of a request for the reference',
  'reference-attempt': 'notice of an attempt to set the case up again',
  'role-given': 'notice of their new role',
  'role-taken': 'notice that their role was handed on',
};

/** Tells the person the message went for (the social worker, or whoever acted), in their 1:1 chat, that it did not reach its recipient. */
export function outboxUnreachablePort(deps: ProactiveDeps): UnreachablePort {
  return async (item: DeliveryItem, reason: string) => {
    // A message about a person (a digest) goes for nobody else: they are the one it would tell.
    if (!isCaseKey(item.key)) return;
    const { caseRef, kind, subject, date } = item.key;
    if (SUMMARISED_KINDS.has(kind) || item.key.recipientId === item.tellId) return;
    const what = KIND_WORDS[kind] ?? kind;
    // About the case as a whole, it went to a colleague (a team manager, a social worker); about a meeting, to a member.
    const ofCase = subject === CASE_SUBJECT || Object.hasOwn(NOTICE_WORDS, kind);
    const card = errorCard({
      title: `${caseRef}: ${what} not delivered`,
      message: `The ${what} for ${ofCase ? caseRef : `${subject} on ${formatLongDate(date)}`} could not reach ${ofCase ? 'them' : 'a member'} in Teams: ${notReachedWords(reason)}.`,
      hint: ofCase ? 'Let them know another way.' : 'Send it to them another way, and record their reply on the case.',
    });
    // The dispatcher reports a failure here; the row it is about is already marked unreachable either way.
    await sendToPerson({ tenantId: item.key.tenantId, aadObjectId: item.tellId }, cardReply(card), deps);
  };
}
