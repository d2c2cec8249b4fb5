import { beforeEach, describe, expect, it } from 'vitest';
import { InvalidInput } from '../../src/cases/errors.js';
import { Outbox } from '../../src/delivery/outbox.js';
import { outboxAddress, outboxKey, outboxRowKey, type OutboxRequest } from '../../src/delivery/outboxItem.js';
import type { StoreQueues, StoreTables } from '../../src/store/connect.js';
import { fixedClock } from '../../src/time/clock.js';
import { snapshot, testStorage } from '../setup/tables.js';

const TENANT = '11111111-1111-1111-1111-111111111111';
const MEMBER = '33333333-3333-3333-3333-333333333333';
const SOCIAL_WORKER = '22222222-2222-2222-2222-222222222222';
const clock = fixedClock(new Date('2026-12-07T09:30:00.000Z'));

const invitation = (data: Record<string, unknown> = { caseRef: 'CP-1042', meetingId: 'CG2' }): OutboxRequest => ({
  key: { tenantId: TENANT.toUpperCase(), caseRef: 'cp-1042', subject: 'CG2', kind: 'invitation', recipientId: MEMBER, date: '2026-12-14' },
  card: { name: 'invitation', data },
  tellId: SOCIAL_WORKER,
});
const address = outboxAddress(outboxKey.parse(invitation().key));

describe('the outbox table', () => {
  let tables: StoreTables;
  let queues: StoreQueues;
  let outbox: Outbox;

  beforeEach(async () => {
    ({ tables, queues } = await testStorage('ob'));
    outbox = new Outbox(tables.outbox, queues.outbox, clock);
  });

  const messages = async () => (await queues.outbox.peekMessages({ numberOfMessages: 32 })).peekedMessageItems.map((message) => message.messageText);

  it('stores one pending row under the case partition and the business key, and queues its address', async () => {
    expect(await outbox.enqueue(invitation())).toBe('queued');

    expect(address).toEqual({ partitionKey: `${TENANT}|CP-1042`, rowKey: `invitation|CG2|${MEMBER}|2026-12-14` });
    const entity = await tables.outbox.getEntity(address.partitionKey, address.rowKey);
    const stored = Object.fromEntries(Object.entries(entity).filter(([name]) => !['etag', 'timestamp', 'odata.metadata'].includes(name)));
    expect(stored).toEqual({
      ...address,
      tenantId: TENANT,
      caseRef: 'CP-1042',
      subject: 'CG2',
      kind: 'invitation',
      recipientId: MEMBER,
      date: '2026-12-14',
      cardName: 'invitation',
      cardData: '{"caseRef":"CP-1042","meetingId":"CG2"}',
      cardParts: 1,
      tellId: SOCIAL_WORKER,
      state: 'pending',
      revision: 1,
      queuedAt: '2026-12-07T09:30:00.000Z',
    });
    expect(await messages()).toEqual([JSON.stringify(address)]);
  });

  it('keeps a card whose data outgrows one table property across several, and reads it back whole', async () => {
    // A long written update, where a property holds 32,000 UTF-16 units: its emoji (two units) would straddle the
    // boundary, so the first property stops one short. The data's JSON opens with 29 units before the text.
    const text = `${'a'.repeat(31_970)}😀${'b'.repeat(8_000)}`;
    await outbox.enqueue(invitation({ caseRef: 'CP-1042', text }));

    const entity = await tables.outbox.getEntity(address.partitionKey, address.rowKey);
    expect([entity['cardParts'], String(entity['cardData']).length, String(entity['cardData1']).length]).toEqual([2, 31_999, 8_004]);
    expect((await outbox.get(address))?.card.data).toEqual({ caseRef: 'CP-1042', text });
  });

  it('refuses a request it cannot key, writing nothing', async () => {
    const bad = { ...invitation(), key: { ...invitation().key, recipientId: 'Jo Bloggs' } };
    await expect(outbox.enqueue(bad)).rejects.toBeInstanceOf(InvalidInput);
    expect(await snapshot(tables, 'outbox')).toEqual([]);
    expect(await messages()).toEqual([]);
  });

  it('queues again a pending row whose message was lost after the row was written', async () => {
    // The first enqueue wrote the row, then its queue call failed (here: to a queue that no longer exists).
    await queues.outboxPoison.delete();
    const broken = new Outbox(tables.outbox, queues.outboxPoison, clock);
    await expect(broken.enqueue(invitation())).rejects.toMatchObject({ statusCode: 404 });
    expect(await messages()).toEqual([]);

    expect(await outbox.enqueue(invitation())).toBe('unchanged');

    expect(await messages()).toEqual([JSON.stringify(address)]);
    expect(await outbox.get(address)).toMatchObject({ state: 'pending', revision: 1 });
  });

  it('leaves a row that could not be reached as it is when asked again with a new payload', async () => {
    await outbox.enqueue(invitation());
    const row = await outbox.get(address);
    if (row === undefined) throw new Error('the row was not written');
    await outbox.markUnreachable(await outbox.claim(row, 'one', new Date('2026-12-07T09:33:00.000Z')), 'forbidden');

    expect(await outbox.enqueue(invitation({ caseRef: 'CP-1042', meetingId: 'CG2', venue: 'Room 7' }))).toBe('unchanged');

    expect(await outbox.get(address)).toMatchObject({ state: 'unreachable', reason: 'forbidden', revision: 1, card: { data: { caseRef: 'CP-1042', meetingId: 'CG2' } }, claim: undefined });
  });
});

describe("the outbox table's rows about a person", () => {
  const CHAIR = '44444444-4444-4444-4444-444444444444';
  const digest = (data: Record<string, unknown> = { title: 'Digest' }): OutboxRequest => ({
    key: { scope: 'person', tenantId: TENANT, subject: 'part-1', kind: 'digest-daily', recipientId: CHAIR, date: '2026-12-07' },
    card: { name: 'digest', data },
    tellId: CHAIR,
  });

  it("are kept in the person's own partition, with no case reference, and read back as they were keyed", async () => {
    const { tables, queues } = await testStorage('obp');
    const outbox = new Outbox(tables.outbox, queues.outbox, clock);
    const address = outboxAddress(outboxRowKey.parse(digest().key));
    expect(address).toEqual({ partitionKey: `${TENANT}|person|${CHAIR}`, rowKey: `digest-daily|part-1|${CHAIR}|2026-12-07` });

    expect(await outbox.enqueue(digest())).toBe('queued');
    expect(await outbox.get(address)).toMatchObject({ key: digest().key, card: digest().card, tellId: CHAIR, state: 'pending', revision: 1 });
    const row = await outbox.get(address);
    if (row === undefined) throw new Error('the row was not written');
    await outbox.markSent(await outbox.claim(row, 'one', new Date('2026-12-07T09:33:00.000Z')), { conversationId: 'a:1', activityId: '1' });
    // A second sweep, or a second instance, asks for the same part once it is sent: still one row, one message.
    expect(await outbox.enqueue(digest())).toBe('unchanged');
    expect(await snapshot(tables, 'outbox')).toEqual([expect.stringMatching(new RegExp(`^${TENANT}\\|person\\|${CHAIR}/digest-daily\\|part-1\\|`))]);
    const entity = await tables.outbox.getEntity(address.partitionKey, address.rowKey);
    expect([entity['scope'], entity['caseRef']]).toEqual(['person', undefined]);
    expect(await outbox.get(address)).toMatchObject({ state: 'sent', revision: 1 });
    const queued = (await queues.outbox.peekMessages({ numberOfMessages: 32 })).peekedMessageItems.map((message) => message.messageText);
    expect(queued).toEqual([JSON.stringify(address)]);
  });

  it('a key about a person carries no case reference, and one about a case keeps needing one', () => {
    expect(outboxRowKey.safeParse({ ...digest().key, caseRef: 'CP-1042' }).data).toEqual(digest().key);
    expect(outboxRowKey.safeParse({ ...invitation().key, caseRef: undefined }).success).toBe(false);
    expect(outboxRowKey.parse(invitation().key)).toEqual({ ...invitation().key, tenantId: TENANT, caseRef: 'CP-1042' });
  });
});
