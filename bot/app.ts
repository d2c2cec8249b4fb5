import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Application, TurnState } from '@microsoft/teams-ai';
import { errorCard, type AdaptiveCardJson } from '../cards/index.js';
import { CaseError } from '../src/cases/errors.js';
import type { Actor } from '../src/cases/model.js';
import { addMemberAction } from './actions/addMember.js';
import { addMemberFormAction } from './actions/addMemberForm.js';
import { createCaseAction } from './actions/createCase.js';
import { newCaseFormAction } from './actions/newCaseForm.js';
import { removeMemberAction } from './actions/removeMember.js';
import type { ActionHandler } from './actions/types.js';
import type { BotAdapter } from './auth.js';
import { handleCases } from './commands/cases.js';
import { handleDue } from './commands/due.js';
import { handleGreeting, handleHelp, handleUnknown } from './commands/help.js';
import { matchIntent, type Intent, type IntentName } from './commands/intents.js';
import { handleMembers } from './commands/members.js';
import { handleNewCase } from './commands/newCase.js';
import { handleOverdue } from './commands/overdue.js';
import type { CommandHandler, CommandRequest, Reply } from './commands/types.js';
import { describeError, type Logger } from './log.js';
import { captureConversation } from './notify/conversationCapture.js';
import type { ConversationRefStore } from './notify/conversationRefs.js';
import type { BotServices } from './services.js';
import { tenantOf } from './tenantGuard.js';
import { cardReply } from './views/reply.js';

export interface AppDeps {
  readonly adapter: BotAdapter;
  readonly conversationRefs: ConversationRefStore;
  readonly services: BotServices;
  readonly log: Logger;
}

/** One handler per chat command. */
const COMMAND_ROUTES: ReadonlyArray<readonly [IntentName, CommandHandler]> = [
  ['due', handleDue],
  ['overdue', handleOverdue],
  ['cases', handleCases],
  ['members', handleMembers],
  ['new-case', handleNewCase],
  ['help', handleHelp],
  ['greeting', handleGreeting],
];

/** One handler per card verb (Action.Execute, with Action.Submit as the fallback for older clients). */
const CARD_ACTIONS: ReadonlyArray<readonly [string, ActionHandler]> = [
  ['case.newForm', newCaseFormAction],
  ['case.create', createCaseAction],
  ['member.addForm', addMemberFormAction],
  ['member.add', addMemberAction],
  ['member.remove', removeMemberAction],
];

/** The one place a refusal written for a person becomes a card. */
const refusalCard = (error: CaseError): AdaptiveCardJson => errorCard({ title: 'Not done', message: error.message, hint: 'Nothing was changed.' });

/** Intents whose answer carries no case information, so it may be given where others can read it. */
const GROUP_SAFE: ReadonlySet<IntentName> = new Set(['help', 'greeting', 'unknown']);
const PERSONAL_ONLY = 'Case details stay private: ask me in our 1:1 chat (open the Core group bot app in Teams).';

/** The teams-ai Application: every route is registered here and nowhere else. */
export function createApp(deps: AppDeps): Application<TurnState> {
  const app = new Application<TurnState>({
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
    const intent = matchIntent(context.activity.text ?? '', deps.services.clock.today());
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
    if (context.activity.conversation?.conversationType !== 'personal' && !GROUP_SAFE.has(intent.intent)) {
      await context.sendActivity(PERSONAL_ONLY);
      return;
    }
    deps.log.info('command', { intent: intent.intent, caseRef: intent.caseRef, tenantId: asker.tenantId, activityId: context.activity.id });
    await context.sendActivity(await handle({ asker, intent, today: deps.services.clock.today() }));
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

  /** Runs a card verb for a signed-in person; a refusal comes back as a card in place of the one acted on. */
  const act = async (context: TurnContext, handle: ActionHandler, data: unknown): Promise<AdaptiveCardJson> => {
    const asker = askerOf(context);
    if (asker === undefined) return errorCard({ title: 'Not signed in', message: 'I can only help people signed in to Microsoft Teams in your organisation.', hint: '' });
    const verb = typeof data === 'object' && data !== null && 'verb' in data ? String(data.verb) : undefined;
    deps.log.info('card.action', { verb, tenantId: asker.tenantId, activityId: context.activity.id });
    try {
      return await handle({ asker, askerName: context.activity.from?.name ?? '', data }, deps.services);
    } catch (error) {
      if (!(error instanceof CaseError)) throw error;
      deps.log.warn('card.refused', { verb, code: error.code, activityId: context.activity.id });
      return refusalCard(error);
    }
  };
  // Card verbs first: an Action.Submit arrives as a message too, and must not fall to the catch-all below.
  for (const [verb, handle] of CARD_ACTIONS) {
    app.adaptiveCards.actionExecute<Record<string, unknown>>(verb, (context, _state, data) => act(context, handle, data));
    app.adaptiveCards.actionSubmit<Record<string, unknown>>(verb, async (context, _state, data) => {
      await context.sendActivity(cardReply(await act(context, handle, data)));
    });
  }

  for (const [name, handle] of COMMAND_ROUTES) {
    app.message(
      async (context) => context.activity.type === ActivityTypes.Message && intentOf(context).intent === name,
      async (context) => answer(context, (request) => handle(request, deps.services)),
    );
  }
  // The catch-all, last: any other message, including ones with no text at all.
  app.activity(ActivityTypes.Message, async (context) => answer(context, (request) => handleUnknown(request, deps.services)));

  // The one place errors become words: a case refusal is already written for a social worker; anything else is ours.
  app.error(async (context, error) => {
    const refused = error instanceof CaseError;
    (refused ? deps.log.warn : deps.log.error)('turn.error', { activityId: context.activity.id, activityType: context.activity.type, ...describeError(error) });
    if (context.activity.type !== ActivityTypes.Message) return;
    try {
      await context.sendActivity(refused ? cardReply(refusalCard(error)) : 'Sorry, something went wrong and I could not answer that. Please try again in a moment.');
    } catch (sendError) {
      deps.log.error('turn.error-reply-failed', { activityId: context.activity.id, ...describeError(sendError) });
    }
  });

  return app;
}

function askerOf(context: TurnContext): Actor | undefined {
  const tenantId = tenantOf(context.activity);
  const aadObjectId = context.activity.from?.aadObjectId;
  return tenantId && aadObjectId ? { tenantId, aadObjectId } : undefined;
}
