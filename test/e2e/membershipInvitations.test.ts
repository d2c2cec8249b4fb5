import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cardIn, sentencesOf } from '../support/cards.js';
import { cardInvoke, invokeAnswer, MEMBER, SOCIAL_WORKER, TENANT } from './activities.js';
import { askOnce, botOnStorage } from './botOnStorage.js';
import { createSamsCase } from './seedStories.js';

type Json = Record<string, unknown>;

/**
 * Issue 9 item 2's last part: a member added once a core group is arranged is invited to it, and a member removed
 * has their invitation withdrawn, the card they were sent turned into a notice in place. Over HTTP on Azurite, the
 * outbox drained as the dispatcher does, on Fri 5 Feb 2027 for a meeting on Fri 12 Feb.
 */
describe('members joining and leaving an arranged core group', () => {
  const env = botOnStorage('joining', async (started) => {
    const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };
    const { commands } = started.bot.services.cases;
    await createSamsCase(commands, socialWorker, 'CP-3601', { alias: 'Fir', policyId: 'york', initialConferenceDate: '2027-02-01' });
    await commands.scheduleMeeting(socialWorker, 'CP-3601', { date: '2027-02-12', time: '10:00', venue: 'Family centre', type: 'first', chair: 'M1', noteTaker: 'M1' });
    // The bot knows the social worker's Teams endpoint from their own messages; the new member it reaches through it.
    await askOnce(started, 'my cases');
  });

  const press = async (verb: string, data: Json): Promise<Json> => {
    const { status, body } = await invokeAnswer(env.bot.url, cardInvoke(verb, data, { serviceUrl: env.connector.serviceUrl, aadObjectId: SOCIAL_WORKER }));
    expect([status, body.statusCode]).toEqual([200, 200]);
    return body.value as Json;
  };
  let invitationId: string | undefined;
  const delivered = async () => {
    await env.drain();
    return env.connector.received.filter((message) => message.kind !== 'create-conversation' && message.conversationId === `a:created-${MEMBER}`);
  };

  it('invites a colleague added in Teams to the meeting already arranged, and says so on the members card', async () => {
    const added = await press('member.add', { requestId: randomUUID(), caseRef: 'CP-3601', role: 'professional', aadObjectId: MEMBER, displayName: 'Hana Visitor', agency: 'Health visiting', email: '', label: '', contactRoute: '' });
    expect(sentencesOf(added)[2]).toBe('Hana Visitor is invited in Teams to the core group on Fri 12 Feb 2027 at 10:00.');
    const [invitation, ...more] = await delivered();
    expect(more).toEqual([]);
    expect(invitation?.kind).toBe('send');
    invitationId = (await env.outbox.get({ partitionKey: `${TENANT}|CP-3601`, rowKey: `invitation|CG1|${MEMBER}|2027-02-12` }))?.posted?.activityId;
    expect(invitationId).toMatch(/^activity-/);
    expect(sentencesOf(cardIn(invitation?.body))[0]).toBe('First core group for CP-3601 · Fir');
    expect(JSON.stringify(cardIn(invitation?.body))).toContain('"verb":"meeting.apologiesForm"');
  });

  it('withdraws the invitation of a member removed: the card they got becomes a notice without its answers', async () => {
    const confirm = await press('member.removeForm', { caseRef: 'CP-3601', memberId: 'M2' });
    const requestId = /"requestId":"([0-9a-f-]{36})"/.exec(JSON.stringify(confirm))?.[1];
    const removed = await press('member.remove', { caseRef: 'CP-3601', memberId: 'M2', requestId, reason: 'agency-no-longer-involved' });
    expect(sentencesOf(removed)[2]).toBe(
      'Hana Visitor is no longer in the core group for CP-3601 · Fir (their agency is no longer involved). They will not be sent invitations or papers. Their invitation to the core group on Fri 12 Feb 2027 at 10:00 is withdrawn.',
    );
    const [update, ...more] = await delivered();
    expect(more).toEqual([]);
    // In place of the invitation posted before, not a second message.
    expect([update?.kind, update?.activityId]).toEqual(['update', invitationId]);
    expect(sentencesOf(cardIn(update?.body))).toEqual(['Withdrawn: the core group for CP-3601 · Fir on Fri 12 Feb 2027 at 10:00', 'You are no longer in this core group, so this invitation is withdrawn.']);
    expect(JSON.stringify(cardIn(update?.body))).not.toContain('meeting.apologiesForm');
  });
});
