import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { SOCIAL_WORKER } from './activities.js';
import { CHAIR, TEAM_MANAGER } from './seedStories.js';
import { faultDay, markedRow, MISSED, received, rowFor, settle, sweep } from './sweepFaultDay.js';

describe('the sweep under faults: two sweepers at once', () => {
  const { env } = faultDay('sweeptwo');

  it('queues and sends each message once when two sweeps run at the same moment', async () => {
    const [one, two] = await Promise.all([sweep(env), sweep(env)]);
    // Each sweep found the same three notices; between them each was written once, the other finding it there.
    expect([one.notices, two.notices]).toEqual([3, 3]);
    expect([one.queued + two.queued, one.alreadyQueued + two.alreadyQueued]).toEqual([3, 3]);
    await settle(env);
    expect(received(env)).toEqual(MISSED);
    expect(env.deliveryCounts()).toMatchObject({ sent: 3, repeated: 0, failed: 0, unreachable: 0 });
  });
});

describe('the sweep under faults: killed between the outbox write and the send', () => {
  const { clock, env } = faultDay('sweepkilled');

  it('leaves rows without queue messages, which the next sweep queues again and the dispatcher sends once', async () => {
    expect(await sweep(env)).toMatchObject({ notices: 3, queued: 3 });
    // The process dies: the rows are written, their queue messages lost with it.
    await env.queues.outbox.clearMessages();
    await settle(env);
    expect(received(env)).toEqual([]);
    expect((await rowFor(env, 'missed-core-group', TEAM_MANAGER))?.state).toBe('pending');

    // The next sweep (another instance, a quarter of an hour later) finds the same notices pending and queues them again.
    clock.at('2026-12-31', '09:15');
    expect(await sweep(env)).toMatchObject({ notices: 3, queued: 0, alreadyQueued: 3 });
    await settle(env);
    expect(received(env)).toEqual(MISSED);

    env.connector.reset();
    clock.at('2026-12-31', '09:30');
    await sweep(env);
    await settle(env);
    expect(received(env)).toEqual([]);
    expect(env.deliveryCounts()).toMatchObject({ sent: 3, repeated: 0 });
  });
});

describe('the sweep under faults: killed between the send and marking it sent', () => {
  const { clock, env } = faultDay('sweepmark');

  it('sends the one card whose mark was lost a second time, counted as repeated, and nothing else twice', async () => {
    // The instance dies after the connector took the chair's card and before its row is marked sent.
    const update = env.tables.outbox.updateEntity.bind(env.tables.outbox);
    let died = false;
    const dies = vi.spyOn(env.tables.outbox, 'updateEntity').mockImplementation((entity, mode, options) => {
      const row = markedRow.safeParse(entity);
      if (!died && row.success && row.data.state === 'sent' && row.data.recipientId === CHAIR) {
        died = true;
        return Promise.reject(new Error('the instance died'));
      }
      return update(entity, mode, options);
    });
    try {
      await sweep(env);
      await env.drain();
    } finally {
      dies.mockRestore();
    }
    expect(died).toBe(true);
    expect(received(env)).toEqual(MISSED);
    expect((await rowFor(env, 'missed-core-group-decision', CHAIR))?.state).toBe('sending');

    // Its claim lapses (3 minutes on the dispatcher's clock); the message, hidden for a second, comes back.
    clock.at('2026-12-31', '09:04');
    await sleep(1_100);
    await settle(env);
    expect(received(env)).toEqual([...MISSED, `${CHAIR} Record your decision: Core group 1 (first) for CP-5301 · Elm was missed`].sort());
    expect(env.deliveryCounts()).toMatchObject({ sent: 3, repeated: 1, failed: 1 });
    expect((await rowFor(env, 'missed-core-group-decision', CHAIR))?.state).toBe('sent');

    // A later sweep finds every row sent: nothing more goes.
    env.connector.reset();
    clock.at('2026-12-31', '10:00');
    expect(await sweep(env)).toMatchObject({ notices: 3, queued: 0, alreadyQueued: 3 });
    await settle(env);
    expect(received(env)).toEqual([]);
  });
});

describe('the sweep under faults: a 429 storm from the connector', () => {
  const { env } = faultDay('sweepstorm');

  it('waits the storm out and then sends each card once, nothing set aside', async () => {
    // Every request refused while the storm lasts, each asking for no wait: each send runs out of its retries (the
    // connector client's own and the sender's attempts) and the dispatcher holds it back for the next try.
    let storm = true;
    env.connector.rule(() => (storm ? { status: 429, headers: { 'retry-after': '0' } } : undefined));
    await sweep(env);
    await env.drain();
    expect(received(env)).toEqual([]);
    expect(env.deliveryCounts()).toMatchObject({ throttled: 3, sent: 0 });
    expect(env.connector.hits()).toBeGreaterThan(3 * 4);

    storm = false;
    await settle(env);
    expect(received(env)).toEqual(MISSED);
    expect(env.deliveryCounts()).toMatchObject({ throttled: 3, sent: 3, repeated: 0, poisoned: 0, unreachable: 0 });
  });
});

describe('the sweep under faults: 403 and 404 from the connector', () => {
  const { clock, env } = faultDay('sweepgone');

  it('records the team manager (403: the app not installed for them) and the chair (404) unreachable, tells the social worker once of each, and does not try again', async () => {
    env.connector.rule(({ kind, memberId }) => {
      if (kind !== 'create-conversation') return undefined;
      if (memberId?.endsWith(TEAM_MANAGER)) return { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } } };
      if (memberId?.endsWith(CHAIR)) return { status: 404, body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } } };
      return undefined;
    });
    await sweep(env);
    await settle(env);
    // The social worker gets their own card, and one card for each person the bot could not reach.
    expect(received(env)).toEqual([
      `${SOCIAL_WORKER} CP-5301: notice of a missed core group not delivered`,
      `${SOCIAL_WORKER} CP-5301: request for the chair's decision on a missed core group not delivered`,
      `${SOCIAL_WORKER} Missed: Core group 1 (first) for CP-5301 · Elm`,
    ]);
    const reasons = async () => [(await rowFor(env, 'missed-core-group', TEAM_MANAGER))?.reason, (await rowFor(env, 'missed-core-group-decision', CHAIR))?.reason];
    expect(await reasons()).toEqual(['not-installed', 'not-found']);
    expect(env.deliveryCounts()).toMatchObject({ sent: 1, unreachable: 2 });

    // Later the same day, another sweep: the rows stay unreachable, nobody is tried or told again.
    env.connector.reset();
    clock.at('2026-12-31', '14:00');
    expect(await sweep(env)).toMatchObject({ notices: 3, queued: 0, alreadyQueued: 3 });
    await settle(env);
    expect(received(env)).toEqual([]);
    expect(env.connector.hits()).toBe(0);
    expect(await reasons()).toEqual(['not-installed', 'not-found']);
  });
});
