import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { ADAPTIVE_CARD_CONTENT_TYPE, errorCard, infoCard, type AdaptiveCardJson } from '../cards/index.js';
import { CaseError, CaseNotFound, InvalidInput, NotOnCase, TryAgain } from '../src/cases/errors.js';
import { isUnavailable } from '../src/store/errors.js';
import type { Actor } from '../src/cases/model.js';
import { addMemberAction } from './actions/addMember.js';
import { addMemberFormAction } from './actions/addMemberForm.js';
import { apologiesAction, attendingAction } from './actions/answer.js';
import { apologiesFormAction } from './actions/apologiesForm.js';
import { confirmVerbalAction } from './actions/confirmVerbal.js';
import { caseConfirmAction, caseDecideAction, caseHandOverAction, caseRejectAction } from './actions/caseDecision.js';
import { createCaseAction } from './actions/createCase.js';
import { newCaseFormAction } from './actions/newCaseForm.js';
import { reassignRoleAction, reassignRoleFormAction } from './actions/reassignRole.js';
import { invitationAction } from './actions/invitation.js';
import { correctMeetingAction, correctMeetingFormAction, followUpAction, followUpsAction, recordMeetingAction, recordMeetingFormAction } from './actions/recordMeeting.js';
import { missedDecisionAction } from './actions/missedDecision.js';
import { reportsAction } from './actions/reports.js';
import { removeMemberAction } from './actions/removeMember.js';
import { removeMemberFormAction } from './actions/removeMemberForm.js';
import { cancelMeetingAction, rescheduleMeetingAction, scheduleMeetingAction } from './actions/scheduleMeeting.js';
import { rescheduleMeetingFormAction, scheduleMeetingFormAction } from './actions/scheduleMeetingForm.js';
import { showMembersAction } from './actions/showMembers.js';
import { staffFormAction, staffListAction, staffRemoveAction, staffSetAction } from './actions/staff.js';
import type { ActionHandler } from './actions/types.js';
import type { BotAdapter } from './auth.js';
import { handleCases } from './commands/cases.js';
import { handleDigest } from './commands/digest.js';
import { handleDue, handleReview } from './commands/due.js';
import { handleGreeting, handleHelp, handleUnknown, welcome } from './commands/help.js';
import { matchIntent, type Intent, type IntentName } from './commands/intents.js';
import { handleMembers } from './commands/members.js';
import { handleNewCase } from './commands/newCase.js';
import { handleOverdue } from './commands/overdue.js';
import { handleReports } from './commands/reports.js';
import { handleSchedule } from './commands/schedule.js';
import { handleStaff } from './commands/staff.js';
import { handleStatement } from './commands/statements.js';
import type { CommandHandler, CommandRequest, Message, Reply } from './commands/types.js';
import { describeError, type Logger } from './log.js';
import { captureConversation } from './notify/conversationCapture.js';
import type { ConversationRefStore } from './notify/conversationRefs.js';
import { outboxNotifier } from './notify/tell.js';
import type { BotServices } from './services.js';
import { tenantOf } from './tenantGuard.js';
import { cardReply } from './views/reply.js';

export interface AppDeps {
  readonly adapter: BotAdapter;
  readonly conversationRefs: ConversationRefStore;
  readonly services: BotServices;
  readonly log: Logger;
}

/** One handler per chat command (the intents a typed message is routed on; any other falls to the catch-all). */
export const COMMAND_ROUTES: ReadonlyArray<readonly [IntentName, CommandHandler]> = [
  ['due', handleDue],
  ['review', handleReview],
  ['overdue', handleOverdue],
  ['cases', handleCases],
  ['members', handleMembers],
  ['new-case', handleNewCase],
  ['schedule', handleSchedule],
  ['reports', handleReports],
  ['staff', handleStaff],
  ['digest', handleDigest],
  ['record-held', handleStatement],
  ['apologies', handleStatement],
  ['record-event', handleStatement],
  ['help', handleHelp],
  ['greeting', handleGreeting],
];

/**
 * One handler per card verb (Action.Execute, with Action.Submit as the fallback for older clients). Every verb
 * reads or changes a case (the "New case" form leads to one), so every verb is answered in the 1:1 chat only.
 */
export const CARD_ACTIONS: ReadonlyArray<readonly [string, ActionHandler]> = [
  ['case.newForm', newCaseFormAction],
  ['case.create', createCaseAction],
  ['case.decide', caseDecideAction],
  ['case.confirm', caseConfirmAction],
  ['case.reject', caseRejectAction],
  ['case.handOver', caseHandOverAction],
  ['case.rolesForm', reassignRoleFormAction],
  ['case.reassignRole', reassignRoleAction],
  ['member.addForm', addMemberFormAction],
  ['member.add', addMemberAction],
  ['members.show', showMembersAction],
  ['member.removeForm', removeMemberFormAction],
  ['member.remove', removeMemberAction],
  ['meeting.scheduleForm', scheduleMeetingFormAction],
  ['meeting.schedule', scheduleMeetingAction],
  ['meeting.rescheduleForm', rescheduleMeetingFormAction],
  ['meeting.reschedule', rescheduleMeetingAction],
  ['meeting.cancel', cancelMeetingAction],
  ['meeting.invitation', invitationAction],
  ['meeting.recordForm', recordMeetingFormAction],
  ['meeting.record', recordMeetingAction],
  ['meeting.followUps', followUpsAction],
  ['meeting.followUp', followUpAction],
  ['meeting.correctForm', correctMeetingFormAction],
  ['meeting.correct', correctMeetingAction],
  ['meeting.reports', reportsAction],
  // A core group invitation's answers; the social worker records them for members outside Teams with the same form.
  ['meeting.apologiesForm', apologiesFormAction],
  ['meeting.apologies', apologiesAction],
  ['meeting.attending', attendingAction],
  ['meeting.confirmVerbal', confirmVerbalAction],
  // The staff directory, for its administrators: not case data, but answered 1:1 like everything else.
  ['case.missedDecision', missedDecisionAction],
  ['staff.list', staffListAction],
  ['staff.form', staffFormAction],
  ['staff.set', staffSetAction],
  ['staff.remove', staffRemoveAction],
];

/** The one place a refusal written for a person becomes a card. */
const refusalCard = (error: CaseError): AdaptiveCardJson => errorCard({ title: 'Not done', message: error.message, hint: 'Nothing was changed.' });

/** A fault of ours: said plainly, with what trying again does (every change is keyed, so it is never made twice). */
const FAULT = {
  title: 'Not done',
  message: 'Sorry, something went wrong on our side and I could not finish that.',
  hint: 'Please try again in a moment: anything already saved will not be saved twice.',
} as const;

/**
 * The case a refusal was about, when it is one the asker cannot see: none by that reference, or one they are not
 * on. Both are answered in the same words, so nobody learns from the answer that a reference exists.
 */
function unseenCase(error: unknown): string | undefined {
  return error instanceof CaseNotFound || error instanceof NotOnCase ? error.caseRef : undefined;
}
const NOT_AMONG_YOURS = { message: (caseRef: string) => `I can't find ${caseRef} among your cases.`, hint: 'Check the reference, or type "cases" to see the cases you are on.' } as const;

/** Whatever went wrong, in words: a case refusal as written, an unreachable store as "try again", anything else as ours. */
function failureCard(error: unknown): AdaptiveCardJson {
  const unseen = unseenCase(error);
  if (unseen !== undefined) return errorCard({ title: 'Not found', message: NOT_AMONG_YOURS.message(unseen), hint: `${NOT_AMONG_YOURS.hint} Nothing was changed.` });
  if (error instanceof CaseError) return refusalCard(error);
  if (isUnavailable(error)) return refusalCard(new TryAgain({ cause: error }));
  return errorCard(FAULT);
}

/** Intents whose answer carries no case information, so it may be given where others can read it. */
const GROUP_SAFE: ReadonlySet<IntentName> = new Set(['help', 'greeting', 'unknown']);
const PERSONAL_ONLY = 'Case details stay private: ask me in our 1:1 chat (open the Core group bot app in Teams).';
const personalOnlyCard = (): AdaptiveCardJson => infoCard({ title: 'Ask me in our 1:1 chat', message: PERSONAL_ONLY, hint: 'Nothing was changed.' });

const UNREADABLE_CARD = 'This card could not be read: open a new one.';

/** An Action.Execute invoke as Teams sends it, the shape teams-ai's actionExecute routes require. */
const actionExecute = z.object({ action: z.object({ type: z.literal('Action.Execute') }) });

/** A card in place of the one acted on, answered in the invoke's HTTP response. */
const cardInvokeResponse = (card: AdaptiveCardJson): Partial<Activity> => ({
  type: ActivityTypes.InvokeResponse,
  value: { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card } },
});

const isMessages = (reply: Reply): reply is ReadonlyArray<Partial<Activity>> => Array.isArray(reply);
const isPersonal = (context: TurnContext): boolean => context.activity.conversation?.conversationType === 'personal';
const isCardAction = (context: TurnContext): boolean => context.activity.type === ActivityTypes.Invoke && context.activity.name === 'adaptiveCard/action';

/**
 * teams-ai 1.7's `run` starts its typing timer on every message whatever `startTypingTimer` says (the option is
 * stored and never read), so a slow turn sends a typing activity every second. The option is honoured here.
 */
class CoreGroupApplication extends Application<TurnState> {
  override startTypingTimer(context: TurnContext): void {
    if (this.options.startTypingTimer) super.startTypingTimer(context);
  }
}

/** The teams-ai Application: every route is registered here and nowhere else. */
export function createApp(deps: AppDeps): Application<TurnState> {
  const app = new CoreGroupApplication({
    adapter: deps.adapter,
    botAppId: deps.adapter.botAppId,
    // No turn-state storage: nothing reads conversation or user state, and it cost 2 of 4 transactions a question.
    // Answers come from storage in well under a second; a typing indicator would double the outbound calls.
    startTypingTimer: false,
  });

  const intents = new WeakMap<TurnContext, Intent>();
  const intentOf = (context: TurnContext): Intent => {
    const known = intents.get(context);
    if (known !== undefined) return known;
    const intent = matchIntent(questionOf(context.activity), deps.services.clock.today());
    intents.set(context, intent);
    return intent;
  };

  const answer = async (context: TurnContext, handle: (request: CommandRequest) => Promise<Reply>) => {
    const asker = askerOf(context);
    if (asker === undefined) {
      await context.sendActivity('I can only help people signed in to Microsoft Teams in your organisation.');
      return;
    }
    const intent = intentOf(context);
    // A group chat or channel holds people who are not on the case: case answers are given 1:1 only.
    if (!isPersonal(context) && !GROUP_SAFE.has(intent.intent)) {
      await context.sendActivity(PERSONAL_ONLY);
      return;
    }
    deps.log.info('command', { intent: intent.intent, caseRef: intent.caseRef, tenantId: asker.tenantId, activityId: context.activity.id });
    const reply = await handle({ asker, intent, today: deps.services.clock.today(), personal: isPersonal(context) });
    await (isMessages(reply) ? context.sendActivities([...reply]) : context.sendActivity(reply));
  };

  app.turn('beforeTurn', async (context) => {
    // Every inbound activity refreshes the person's serviceUrl and 1:1 id; a storage fault must not cost the answer.
    try {
      await captureConversation(context.activity, deps.conversationRefs);
    } catch (error) {
      deps.log.error('capture.failed', { activityId: context.activity.id, ...describeError(error) });
    }
    return true;
  });

  /**
   * Runs a card verb for a signed-in person in their 1:1 chat, the one place every verb passes: anywhere else
   * the answer is "ask me in our 1:1 chat" and nothing is read or changed. Whatever fails comes back as a card
   * in place of the one acted on.
   */
  const act = async (context: TurnContext, verb: string, handle: ActionHandler, data: unknown): Promise<AdaptiveCardJson> => {
    const asker = askerOf(context);
    if (asker === undefined) return errorCard({ title: 'Not signed in', message: 'I can only help people signed in to Microsoft Teams in your organisation.', hint: '' });
    // The verb routed on (one of ours), never the one in the card's data, which the sender writes.
    const ids = { verb, tenantId: asker.tenantId, activityId: context.activity.id };
    if (!isPersonal(context)) {
      deps.log.info('card.not-personal', { ...ids, conversationType: context.activity.conversation?.conversationType ?? 'none' });
      return personalOnlyCard();
    }
    deps.log.info('card.action', ids);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return refusalCard(new InvalidInput('', UNREADABLE_CARD));
    const notify = outboxNotifier(deps.services, asker, deps.log);
    try {
      return await handle({ asker, askerName: context.activity.from?.name ?? '', data, notify, log: deps.log }, deps.services);
    } catch (error) {
      (error instanceof CaseError ? deps.log.warn : deps.log.error)('card.failed', { ...ids, ...(error instanceof CaseError && { code: error.code }), ...describeError(error) });
      return failureCard(error);
    }
  };
  // Card verbs first: an Action.Submit arrives as a message too, and must not fall to the catch-all below.
  for (const [verb, handle] of CARD_ACTIONS) {
    app.adaptiveCards.actionExecute<Record<string, unknown>>(verb, async (context, _state, data) => {
      const card = await act(context, verb, handle, data);
      // Answered here, not by teams-ai: given a card with a refresh (an invitation), teams-ai 1.7 updates the message
      // pressed (the invoke's replyToId) for everyone instead, and keeps doing so for every later answer to that
      // verb; an invoke naming no message then fails after the work is done. The answer is the card replacing the
      // one pressed, for the person who pressed it: in a 1:1 chat, everyone who sees it.
      await context.sendActivity(cardInvokeResponse(card));
      return card;
    });
    app.adaptiveCards.actionSubmit<Record<string, unknown>>(verb, async (context, _state, data) => {
      await context.sendActivity(cardReply(await act(context, verb, handle, data)));
    });
  }
  // A verb no handler knows (a card from an older version, or a forged one) still gets an answer, not a 501; so
  // does an action that is no Action.Execute, which teams-ai's actionExecute routes throw on, a fault of ours.
  app.addRoute(
    async (context) => isCardAction(context),
    async (context) => {
      const executed = actionExecute.safeParse(context.activity.value).success;
      deps.log.warn(executed ? 'card.unknown-verb' : 'card.malformed', { activityId: context.activity.id });
      const card = !isPersonal(context)
        ? personalOnlyCard()
        : executed
          ? errorCard({ title: 'Not done', message: 'That button no longer does anything.', hint: 'Nothing was changed. Type "help" to see what I can do.' })
          : refusalCard(new InvalidInput('', UNREADABLE_CARD));
      await context.sendActivity(cardInvokeResponse(card));
    },
    true,
  );

  for (const [name, handle] of COMMAND_ROUTES) {
    app.message(
      async (context) => context.activity.type === ActivityTypes.Message && intentOf(context).intent === name,
      async (context) => answer(context, (request) => handle(request, deps.services)),
    );
  }
  // Installed for a person (Teams and the Playground send this, and an installationUpdate, left alone): one welcome.
  app.conversationUpdate('membersAdded', async (context) => {
    const bot = context.activity.recipient?.id;
    if (bot === undefined || !context.activity.membersAdded?.some((member) => member.id === bot)) return;
    deps.log.info('installed', { conversationType: context.activity.conversation?.conversationType ?? 'none', activityId: context.activity.id });
    await context.sendActivity(welcome(isPersonal(context)));
  });

  // The catch-all, last: any other message, including ones with no text at all.
  app.activity(ActivityTypes.Message, async (context) => answer(context, (request) => handleUnknown(request, deps.services)));

  // Whatever escaped a route (turn state, a command, a route's own wrapper): a case refusal is already written for
  // a social worker; an unreachable store is "try again"; anything else is ours. A card action gets its card back.
  app.error(async (context, error) => {
    const refused = error instanceof CaseError;
    (refused ? deps.log.warn : deps.log.error)('turn.error', { activityId: context.activity.id, activityType: context.activity.type, ...describeError(error) });
    try {
      if (isCardAction(context)) {
        await context.sendActivity(cardInvokeResponse(failureCard(error)));
      } else if (context.activity.type === ActivityTypes.Message) {
        await context.sendActivity(messageFailure(error));
      }
    } catch (sendError) {
      deps.log.error('turn.error-reply-failed', { activityId: context.activity.id, ...describeError(sendError) });
    }
  });

  return app;
}

/**
 * A message's failure, in words: a question about a case the asker cannot see says so plainly (it changed
 * nothing, so no "Not done"); another case refusal or an unreachable store is a card; anything else an apology.
 */
function messageFailure(error: unknown): Message {
  const unseen = unseenCase(error);
  if (unseen !== undefined) return `${NOT_AMONG_YOURS.message(unseen)} ${NOT_AMONG_YOURS.hint}`;
  if (error instanceof CaseError || isUnavailable(error)) return cardReply(failureCard(error));
  return 'Sorry, something went wrong and I could not answer that. Please try again in a moment.';
}

/**
 * A button that asks a question (the welcome card's) sends it as `{ ask }` by Action.Submit: Teams' imBack would
 * echo it in the chat, but the Agents Playground ignores imBack on Adaptive Cards, and the answer names its question.
 */
const buttonQuestion = z.object({ ask: z.string() });

/** What a message asks: its text, or the question its button carried. */
function questionOf(activity: TurnContext['activity']): string {
  if (typeof activity.text === 'string') return activity.text;
  const asked = buttonQuestion.safeParse(activity.value);
  return asked.success ? asked.data.ask : '';
}

function askerOf(context: TurnContext): Actor | undefined {
  const tenantId = tenantOf(context.activity);
  const aadObjectId = context.activity.from?.aadObjectId;
  return tenantId && aadObjectId ? { tenantId, aadObjectId } : undefined;
}
