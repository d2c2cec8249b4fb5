import type { Activity } from 'botbuilder';
import { tenantOf } from '../tenantGuard.js';
import type { ConversationRefStore, StoredRef } from './conversationRefs.js';

/**
 * Runs on every inbound activity, because installation events are unreliable (missed, or sent before the
 * bot was reachable). Keeps, per person, the current serviceUrl (from any conversation) and the 1:1
 * conversation id (from personal conversations only: a group chat or channel id would post to everyone).
 * Writes only when something changed, so an ordinary message costs one read.
 */
export async function captureConversation(activity: Partial<Activity>, store: ConversationRefStore): Promise<StoredRef | undefined> {
  const observed = observedRef(activity);
  if (observed === undefined) return undefined;
  const stored = await store.get(observed.tenantId, observed.aadObjectId);
  const next: StoredRef = {
    ...observed,
    conversationId: observed.conversationId ?? stored?.conversationId,
  };
  if (stored !== undefined && stored.serviceUrl === next.serviceUrl && stored.conversationId === next.conversationId) return stored;
  await store.upsert(next);
  return next;
}

/** The person, tenant and endpoint an activity shows; undefined for activities that identify no Teams user. */
export function observedRef(activity: Partial<Activity>): StoredRef | undefined {
  const tenantId = tenantOf(activity) ?? activity.conversation?.tenantId;
  const aadObjectId = activity.from?.aadObjectId;
  const serviceUrl = activity.serviceUrl;
  if (!tenantId || !aadObjectId || !serviceUrl) return undefined;
  const conversation = activity.conversation;
  const conversationId = conversation?.conversationType === 'personal' && conversation.id ? conversation.id : undefined;
  return { tenantId, aadObjectId, serviceUrl, conversationId };
}
