import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { meetingDayWakeup } from '../../bot/notify/meetingDay.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { cardInvoke, invokeAnswer, MEMBER, SOCIAL_WORKER, TENANT } from './activities.js';
import { askOnce, botOnStorage } from './botOnStorage.js';
import { createSamsCase } from './seedStories.js';

type Json = Record<string, unknown>;

const UPDATE = { progressOnActions: 'Two home visits made.', whatIsWorking: 'Breakfast club.', whatIsNotWorking: 'Lateness.', changesToPlan: 'None.' };

/**
 * Issue 9 item 5's "on the meeting day": scheduling a core group arranges a wake-up for its morning (a Storage Queue
 * message hidden until then); on that morning the reports pack goes to the social worker, chair and note taker
 * through the outbox. Fri 5 Feb 2027 at noon, over HTTP on Azurite.
 */
describe("the reports pack on the meeting's morning", () => {
  const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };
  const env = botOnStorage('packday', async (started) => {
    const { commands } = started.bot.services.cases;
    for (const caseRef of ['CP-3701', 'CP-3702']) {
      await createSamsCase(commands, socialWorker, caseRef, { alias: 'Ash', policyId: 'york', initialConferenceDate: '2027-01-25' });
      await commands.addMember(socialWorker, caseRef, { kind: 'teams', aadObjectId: MEMBER, displayName: 'Hana Visitor', agency: 'Health visiting', role: 'professional' });
    }
    await askOnce(started, 'my cases');
  });

  const schedule = async (caseRef: string, date: string) => {
    const data = { caseRef, requestId: randomUUID(), date, time: '16:00', venue: 'Family centre', onlineLink: '', type: 'first', chair: 'M1', noteTaker: 'M2' };
    const { status, body } = await invokeAnswer(env.bot.url, cardInvoke('meeting.schedule', data, { serviceUrl: env.connector.serviceUrl, aadObjectId: SOCIAL_WORKER }));
    expect([status, body.statusCode]).toEqual([200, 200]);
    expect(sentencesOf(body.value as Json)[0]).toBe(`Core group scheduled for ${caseRef} · Ash`);
  };
  const packsTo = (aadObjectId: string) =>
    env.connector.sentMessages().filter((message) => String(message.conversationId).endsWith(aadObjectId)).map((message) => sentencesOf(cardIn(message.body))).filter((lines) => lines[0] === 'Reports for the next core group');

  it("sends today's meeting's pack to the social worker and the note taker, and keeps next week's for its morning", async () => {
    await schedule('CP-3701', '2027-02-05');
    await schedule('CP-3702', '2027-02-12');
    await env.bot.services.cases.commands.answerInvitation({ tenantId: TENANT, aadObjectId: MEMBER }, 'CP-3701', { meetingId: 'CG1', response: 'apologies', update: UPDATE });
    await env.drain();
    env.connector.reset();

    // Next week's was queued hidden until its morning: only today's comes.
    expect(await env.wakeUp()).toEqual({ received: 1, handled: 1, postponed: 0, unreadable: 0 });
    await env.drain();
    const [pack, ...more] = packsTo(SOCIAL_WORKER);
    expect(more).toEqual([]);
    expect(pack?.slice(0, 3)).toEqual(['Reports for the next core group', 'CP-3701 · Ash', 'First core group, Fri 5 Feb 2027 at 16:00']);
    for (const part of Object.values(UPDATE)) expect(pack).toContain(part);
    // Hana Visitor takes the notes (and sent the update): the same pack.
    expect(packsTo(MEMBER)).toEqual([pack]);
    // Next week's is hidden until its morning.
    expect(await env.wakeUp()).toEqual({ received: 0, handled: 0, postponed: 0, unreadable: 0 });
  });

  it('a wake-up done twice sends nothing twice, and one for a date the meeting no longer has sends nothing', async () => {
    const view = await env.bot.services.cases.queries.getCase(socialWorker, 'CP-3701');
    const meeting = view.meetings[0]!;
    await env.bot.services.wakeAt(meetingDayWakeup(TENANT, view, meeting));
    await env.bot.services.wakeAt({ ...meetingDayWakeup(TENANT, view, meeting), date: '2027-02-04' });
    expect(await env.wakeUp()).toMatchObject({ received: 2, handled: 2 });
    await env.drain();
    expect(env.connector.sentMessages()).toEqual([]);
  });
});
