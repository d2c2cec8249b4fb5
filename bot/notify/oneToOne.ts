import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Actor } from '../../src/cases/model.js';
import { CONNECTOR_AUDIENCE } from '../auth.js';
import type { AppInstaller } from '../graph/appInstaller.js';
import type { Logger } from '../log.js';
import type { ConversationRefStore, StoredRef } from './conversationRefs.js';
import type { Deliver, DeliveryOutcome } from './sender.js';

export interface ProactiveDeps {
  readonly adapter: Pick<CloudAdapter, 'continueConversationAsync' | 'createConversationAsync'>;
  /** Empty in anonymous development mode. */
  readonly botAppId: string;
  readonly refs: ConversationRefStore;
  readonly deliver: Deliver;
  readonly log: Logger;
  /**
   * Installs the app for someone Teams will not open a 1:1 chat with, then tries again after each delay while
   * Teams catches up. Without it, such a person is reported as not having the app installed.
   */
  readonly install?: { readonly installer: AppInstaller; readonly retryDelaysMs: readonly number[] };
}

type ReachableRef = StoredRef & { readonly conversationId: string };

/** A connector endpoint to create a chat through, for a person the bot has not heard from: known, or looked up only then. */
export type ServiceUrlHint = string | undefined | (() => Promise<string | undefined>);

/**
 * Why a person cannot be messaged: the connector's answer (`forbidden`: blocked, or the bot removed or disabled;
 * `not-found`: the chat is gone), no endpoint known for them at all, or the app not installed for them (and, with
 * Graph, Graph refusing to install it).
 */
export type UnreachableBecause = 'forbidden' | 'not-found' | 'no-service-url' | 'not-installed' | 'install-refused';

export type Reach =
  | { readonly status: 'reachable'; readonly ref: ReachableRef }
  | { readonly status: 'unreachable'; readonly reason: UnreachableBecause; readonly httpStatus?: number }
  | Extract<DeliveryOutcome<never>, { status: 'failed' }>
  /** Installed, but Teams has not caught up yet; or Graph could not answer: both worth another try later. */
  | { readonly status: 'failed'; readonly reason: 'install-pending' | 'graph-unavailable'; readonly httpStatus?: number };

export type SendOutcome =
  | { readonly status: 'sent'; readonly conversationId: string; readonly activityId: string | undefined }
  | Exclude<Reach, { status: 'reachable' }>;

/**
 * The person's 1:1 conversation with the bot: the stored one, or one created through the connector. Creating
 * needs a serviceUrl: the person's own if the bot ever heard from them, else `serviceUrlHint` (the asking
 * social worker's, which is the tenant's region). Teams refuses (403) people without the app installed.
 */
export async function ensureOneToOne(person: Actor, deps: ProactiveDeps, serviceUrlHint?: ServiceUrlHint): Promise<Reach> {
  const stored = await deps.refs.get(person.tenantId, person.aadObjectId);
  if (stored?.conversationId) return { status: 'reachable', ref: { ...stored, conversationId: stored.conversationId } };
  const serviceUrl = stored?.serviceUrl ?? (typeof serviceUrlHint === 'function' ? await serviceUrlHint() : serviceUrlHint);
  if (serviceUrl === undefined) {
    deps.log.warn('oneToOne.unreachable', { tenantId: person.tenantId, aadObjectId: person.aadObjectId, reason: 'no-service-url' });
    return { status: 'unreachable', reason: 'no-service-url' };
  }

  const create = () => deps.deliver(() => createConversation(person, serviceUrl, deps));
  const created = await create();
  const outcome = isNotInstalled(created) && deps.install !== undefined ? await installAndCreate(person, create, deps.install) : created;
  if (outcome.status !== 'sent') {
    deps.log.warn('oneToOne.create-failed', { tenantId: person.tenantId, aadObjectId: person.aadObjectId, status: outcome.status, reason: outcome.reason, httpStatus: outcome.httpStatus });
    if (outcome.status === 'failed') return outcome;
    return { status: 'unreachable', reason: isNotInstalled(outcome) ? 'not-installed' : outcome.reason, httpStatus: outcome.httpStatus };
  }
  const ref: ReachableRef = { ...person, serviceUrl, conversationId: outcome.value };
  await deps.refs.upsert(ref);
  deps.log.info('oneToOne.created', { tenantId: person.tenantId, aadObjectId: person.aadObjectId, conversationId: ref.conversationId });
  return { status: 'reachable', ref };
}

/**
 * 403 codes that mean the person (or their admin) shut the bot out, rather than that it is not installed for them.
 * Creating a 1:1 chat for someone without the app is refused with 403 `BotNotInConversationRoster`, or with no
 * code at all (Company Communicator's reports; Microsoft's status-code table for bot APIs).
 */
const SHUT_OUT = new Set(['ConversationBlockedByUser', 'BotDisabledByAdmin', 'MessageWritesBlocked']);

type CreateOutcome = DeliveryOutcome<string> | Extract<Reach, { status: 'failed' }> | { readonly status: 'unreachable'; readonly reason: 'install-refused'; readonly httpStatus: number };

const isNotInstalled = (outcome: CreateOutcome): boolean =>
  outcome.status === 'unreachable' && outcome.reason === 'forbidden' && !('code' in outcome && outcome.code !== undefined && SHUT_OUT.has(outcome.code));

/**
 * Installs the app with Graph and opens the chat again, waiting between tries while the installation reaches
 * Teams. Still refused after the last try, it is "install pending": the dispatcher tries again later, and Graph
 * then answers 409 (already installed) and the chat opens.
 */
async function installAndCreate(person: Actor, create: () => Promise<DeliveryOutcome<string>>, install: NonNullable<ProactiveDeps['install']>): Promise<CreateOutcome> {
  const installed = await install.installer.install(person);
  if (installed.status === 'refused') return { status: 'unreachable', reason: 'install-refused', httpStatus: installed.httpStatus };
  if (installed.status === 'unavailable') return { status: 'failed', reason: 'graph-unavailable', httpStatus: installed.httpStatus };
  for (const delayMs of install.retryDelaysMs) {
    await sleep(delayMs);
    const outcome = await create();
    if (!isNotInstalled(outcome)) return outcome;
  }
  return { status: 'failed', reason: 'install-pending', httpStatus: 403 };
}

/** Sends one activity to one person in their 1:1 chat, creating the chat first when needed. */
export async function sendToPerson(person: Actor, activity: Partial<Activity>, deps: ProactiveDeps, serviceUrlHint?: ServiceUrlHint): Promise<SendOutcome> {
  const reach = await ensureOneToOne(person, deps, serviceUrlHint);
  if (reach.status !== 'reachable') return reach;
  return deliverIn(reach.ref, deps, async (context) => (await context.sendActivity(activity))?.id);
}

/**
 * Replaces an activity the bot posted in the person's 1:1 chat (a card sent again shows its new state in place).
 * The connector endpoint is the person's latest; with none known, they cannot be reached.
 */
export async function updateForPerson(person: Actor, posted: { readonly conversationId: string; readonly activityId: string }, activity: Partial<Activity>, deps: ProactiveDeps): Promise<SendOutcome> {
  const stored = await deps.refs.get(person.tenantId, person.aadObjectId);
  if (stored === undefined) return { status: 'unreachable', reason: 'no-service-url' };
  return deliverIn({ ...stored, conversationId: posted.conversationId }, deps, async (context) => {
    await context.updateActivity({ ...activity, id: posted.activityId });
    return posted.activityId;
  });
}

/** One paced, classified operation in a 1:1 conversation; a 403 or 404 is logged with the conversation it hit. */
async function deliverIn(ref: ReachableRef, deps: ProactiveDeps, operation: (context: TurnContext) => Promise<string | undefined>): Promise<SendOutcome> {
  const outcome = await deps.deliver(() => inConversation(ref, operation, deps));
  if (outcome.status === 'sent') return { status: 'sent', conversationId: ref.conversationId, activityId: outcome.value };
  deps.log.warn('send.failed', { tenantId: ref.tenantId, aadObjectId: ref.aadObjectId, conversationId: ref.conversationId, status: outcome.status, reason: outcome.reason, httpStatus: outcome.httpStatus });
  return outcome.status === 'unreachable' ? { status: 'unreachable', reason: outcome.reason, httpStatus: outcome.httpStatus } : outcome;
}

async function createConversation(person: Actor, serviceUrl: string, deps: ProactiveDeps): Promise<string> {
  let conversationId: string | undefined;
  await deps.adapter.createConversationAsync(
    deps.botAppId,
    'msteams',
    serviceUrl,
    CONNECTOR_AUDIENCE,
    {
      isGroup: false,
      bot: { id: `28:${deps.botAppId}`, name: '' },
      // Teams accepts the Entra object id for a member who has the app installed in personal scope.
      members: [{ id: person.aadObjectId, name: '' }],
      tenantId: person.tenantId,
      channelData: { tenant: { id: person.tenantId } },
    },
    async (context) => {
      conversationId = context.activity.conversation.id;
    },
  );
  if (!conversationId) throw new Error('the connector created a conversation without an id');
  return conversationId;
}

/**
 * One operation on a rebuilt reference. The failure is carried out of the turn by hand: thrown inside it, it would
 * go to the adapter's onTurnError (the chat error handler) instead of to the sender that must classify it.
 */
async function inConversation(ref: ReachableRef, operation: (context: TurnContext) => Promise<string | undefined>, deps: ProactiveDeps): Promise<string | undefined> {
  const reference: Partial<ConversationReference> = {
    channelId: 'msteams',
    serviceUrl: ref.serviceUrl,
    conversation: { id: ref.conversationId, isGroup: false, conversationType: 'personal', tenantId: ref.tenantId, name: '' },
  };
  const turn: { result?: { ok: true; id: string | undefined } | { ok: false; error: unknown } } = {};
  await deps.adapter.continueConversationAsync(deps.botAppId, reference, async (context) => {
    try {
      turn.result = { ok: true, id: await operation(context) };
    } catch (error) {
      turn.result = { ok: false, error };
    }
  });
  if (turn.result === undefined) throw new Error('the proactive turn did not run');
  if (!turn.result.ok) throw turn.result.error;
  return turn.result.id;
}
