import { randomUUID } from 'node:crypto';

export const TENANT = '11111111-1111-4111-8111-111111111111';
export const FOREIGN_TENANT = '99999999-9999-4999-8999-999999999999';
export const SOCIAL_WORKER = 'aaaaaaaa-0000-4000-8000-000000000001';
export const MEMBER = 'aaaaaaaa-0000-4000-8000-000000000002';

export interface ActivityOptions {
  readonly serviceUrl: string;
  readonly tenantId?: string;
  readonly aadObjectId?: string;
  readonly conversationType?: 'personal' | 'groupChat' | 'channel';
  readonly conversationId?: string;
  readonly channelId?: string;
}

/** A Bot Framework activity as Teams posts it to /api/messages (ids only: no names). */
export function teamsActivity(type: string, options: ActivityOptions, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const tenantId = options.tenantId ?? TENANT;
  const aadObjectId = options.aadObjectId ?? SOCIAL_WORKER;
  const conversationType = options.conversationType ?? 'personal';
  return {
    type,
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: options.channelId ?? 'msteams',
    serviceUrl: options.serviceUrl,
    from: { id: `29:${aadObjectId}`, aadObjectId },
    recipient: { id: '28:bot', name: 'Core group bot' },
    conversation: {
      id: options.conversationId ?? (conversationType === 'personal' ? `a:personal-${aadObjectId}` : '19:group@thread.v2'),
      conversationType,
      tenantId,
      isGroup: conversationType !== 'personal',
    },
    channelData: { tenant: { id: tenantId } },
    locale: 'en-GB',
    ...extra,
  };
}

export function teamsMessage(text: string, options: ActivityOptions): Record<string, unknown> {
  return teamsActivity('message', options, { text, textFormat: 'plain' });
}

export async function postActivity(botUrl: string, activity: unknown, authorization?: string): Promise<Response> {
  return fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization !== undefined && { authorization }) },
    body: JSON.stringify(activity),
  });
}

/** A card button pressed (Action.Execute): the `adaptiveCard/action` invoke Teams posts, answered in the HTTP reply. */
export function cardInvoke(verb: string, data: Record<string, unknown>, options: ActivityOptions): Record<string, unknown> {
  const aadObjectId = options.aadObjectId ?? SOCIAL_WORKER;
  return teamsActivity('invoke', options, {
    from: { id: `29:${aadObjectId}`, aadObjectId, name: 'Sam Worker' },
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
  });
}

/** The same button on a client without Universal Actions (Action.Submit): a message with no text, answered by a reply. */
export function cardSubmit(verb: string, data: Record<string, unknown>, options: ActivityOptions): Record<string, unknown> {
  const aadObjectId = options.aadObjectId ?? SOCIAL_WORKER;
  return teamsActivity('message', options, { from: { id: `29:${aadObjectId}`, aadObjectId, name: 'Sam Worker' }, value: { verb, ...data } });
}

/** What an `adaptiveCard/action` invoke answered: the HTTP status and the card (or message) in its body. */
export async function invokeAnswer(botUrl: string, activity: unknown): Promise<{ status: number; body: { statusCode?: number; type?: string; value?: unknown } }> {
  const response = await postActivity(botUrl, activity);
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as { statusCode?: number; type?: string; value?: unknown }) };
}
