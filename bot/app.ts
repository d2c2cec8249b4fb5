import { ActivityTypes, type Storage, type TurnContext } from 'botbuilder';
import { Application, TurnState } from '@microsoft/teams-ai';
import { CaseError } from '../src/cases/errors.js';
import type { Clock } from '../src/time/clock.js';
import type { BotAdapter } from './auth.js';
import { handleCases, type CasesDeps } from './commands/cases.js';
import { handleDue, type DueDeps } from './commands/due.js';
import { handleHelp, handleUnknown } from './commands/help.js';
import { matchIntent, type Intent, type IntentName } from './commands/intents.js';
import { handleMembers, type MembersDeps } from './commands/members.js';
import { handleNewCase, type NewCaseDeps } from './commands/newCase.js';
import { handleOverdue, type OverdueDeps } from './commands/overdue.js';
import type { Asker, CommandRequest, Reply } from './commands/types.js';
import { describeError, type Logger } from './log.js';
import { captureConversation } from './notify/conversationCapture.js';
import type { ConversationRefStore } from './notify/conversationRefs.js';
import { tenantOf } from './tenantGuard.js';

/** The ports the chat commands answer from: the case service and the timeline engine, wired in bot/index.ts. */
export type CommandDeps = DueDeps & OverdueDeps & CasesDeps & MembersDeps & NewCaseDeps;

export interface AppDeps {
  readonly adapter: BotAdapter;
  /** Turn state (conversation and user scopes): the Azure Tables storage in production. */
  readonly storage: Storage;
  readonly conversationRefs: ConversationRefStore;
  readonly commands: CommandDeps;
  readonly clock: Clock;
  readonly log: Logger;
}

/** Intents whose answer carries no case information, so it may be given where others can read it. */
const GROUP_SAFE: ReadonlySet<IntentName> = new Set(['help', 'unknown']);
const PERSONAL_ONLY = 'Case details stay private: ask me in our 1:1 chat (open the Core group bot app in Teams).';

/** The teams-ai Application: every route is registered here and nowhere else. */
export function createApp(deps: AppDeps): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter: deps.adapter,
    botAppId: deps.adapter.botAppId,
    storage: deps.storage,
    // Answers come from storage in well under a second; a typing indicator would double the outbound calls.
    startTypingTimer: false,
  });

  const intents = new WeakMap<TurnContext, Intent>();
  const intentOf = (context: TurnContext): Intent => {
    const known = intents.get(context);
    if (known !== undefined) return known;
    const intent = matchIntent(context.activity.text ?? '', deps.clock.today());
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
    await context.sendActivity(await handle({ asker, intent, today: deps.clock.today() }));
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

  const commands: ReadonlyArray<readonly [IntentName, (request: CommandRequest) => Promise<Reply>]> = [
    ['due', (request) => handleDue(request, deps.commands)],
    ['overdue', (request) => handleOverdue(request, deps.commands)],
    ['cases', (request) => handleCases(request, deps.commands)],
    ['members', (request) => handleMembers(request, deps.commands)],
    ['new-case', (request) => handleNewCase(request, deps.commands)],
    ['help', (request) => handleHelp(request, undefined)],
  ];
  for (const [name, handle] of commands) {
    app.message(
      async (context) => context.activity.type === ActivityTypes.Message && intentOf(context).intent === name,
      async (context) => answer(context, handle),
    );
  }
  // The catch-all, last: any other message, including ones with no text at all.
  app.activity(ActivityTypes.Message, async (context) => answer(context, (request) => handleUnknown(request, undefined)));

  // The one place errors become words: a case refusal is already written for a social worker; anything else is ours.
  app.error(async (context, error) => {
    const refused = error instanceof CaseError;
    (refused ? deps.log.warn : deps.log.error)('turn.error', { activityId: context.activity.id, activityType: context.activity.type, ...describeError(error) });
    if (context.activity.type !== ActivityTypes.Message) return;
    try {
      await context.sendActivity(refused ? error.message : 'Sorry, something went wrong and I could not answer that. Please try again in a moment.');
    } catch (sendError) {
      deps.log.error('turn.error-reply-failed', { activityId: context.activity.id, ...describeError(sendError) });
    }
  });

  return app;
}

function askerOf(context: TurnContext): Asker | undefined {
  const tenantId = tenantOf(context.activity);
  const aadObjectId = context.activity.from?.aadObjectId;
  return tenantId && aadObjectId ? { tenantId, aadObjectId } : undefined;
}
