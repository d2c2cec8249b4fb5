import { expect } from 'vitest';
import { createBotServices } from '../../bot/services.js';
import type { StoreTables } from '../../src/store/connect.js';
import { fixedClock } from '../../src/time/clock.js';
import { cardInvoke, invokeAnswer, MEMBER, SOCIAL_WORKER, TENANT } from './activities.js';
import type { BotOnStorage } from './botOnStorage.js';
import { createSamsCase } from './seedStories.js';

type Json = Record<string, unknown>;
type Element = { id?: string; type?: string; text?: string; value?: string; label?: string };

export const SOCIAL_WORKER_ACTOR = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };

/**
 * A six-weekly-isu case (seed 000) "Elm" of 20 Jan 2027, set up on Mon 1 Feb (a meeting cannot be scheduled in the
 * past): the social worker (M1), a health visitor in Teams (M2, MEMBER) and Parent A outside it (M3), and its first
 * core group scheduled for `meetingDate`, chaired and minuted by the social worker. Returns the case commands.
 */
export async function elmCase(tables: StoreTables, caseRef: string, meetingDate: string) {
  const { commands } = createBotServices(tables, { closureDays: [] }, fixedClock('2027-02-01')).cases;
  await createSamsCase(commands, SOCIAL_WORKER_ACTOR, caseRef, { alias: 'Elm', policyId: 'six-weekly-isu', initialConferenceDate: '2027-01-20' });
  await commands.addMember(SOCIAL_WORKER_ACTOR, caseRef, { kind: 'teams', aadObjectId: MEMBER, displayName: 'Hana Visitor', agency: 'Health visiting', role: 'professional' });
  await commands.addMember(SOCIAL_WORKER_ACTOR, caseRef, { kind: 'family', label: 'Parent A', role: 'parent-or-carer', contactRoute: 'Printed copy handed over at home visits' });
  await commands.scheduleMeeting(SOCIAL_WORKER_ACTOR, caseRef, { date: meetingDate, time: '10:00', venue: 'Family centre', type: 'first', chair: 'M1', noteTaker: 'M1' });
  return commands;
}

/** Presses on the record form and the follow-ups card over HTTP, and reads what comes back. */
export function recordFormPresses(env: BotOnStorage) {
  const press = async (verb: string, data: Json, aadObjectId = SOCIAL_WORKER): Promise<Json> => {
    const { status, body } = await invokeAnswer(env.bot.url, cardInvoke(verb, data, { serviceUrl: env.connector.serviceUrl, aadObjectId }));
    expect([status, body.statusCode]).toEqual([200, 200]);
    return body.value as Json;
  };
  const bodyOf = (card: Json) => card['body'] as Element[];
  const input = (card: Json, id: string) => bodyOf(card).find((element) => element.id === id);
  /** The problem shown under an input, if any. */
  const besideField = (card: Json, id: string) => {
    const body = bodyOf(card);
    const next = body[body.findIndex((element) => element.id === id) + 1];
    return next?.type === 'TextBlock' ? next.text : undefined;
  };
  const requestIdOf = (card: Json) => /"requestId":"([0-9a-f-]{36})"/.exec(JSON.stringify(card))?.[1] ?? '';
  return { press, input, besideField, requestIdOf };
}
