import { TestAdapter } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { plainOutgoingText } from '../../bot/plainText.js';

describe('outgoing message text', () => {
  it('is sent escaped, so words a person typed that reach a message are not read as Markdown', async () => {
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity('Next core group for CP-1042 · [Sign in](https://evil.example) is due');
      await context.sendActivity({ type: 'typing' });
    }).use(plainOutgoingText);
    await adapter
      .send('due')
      .assertReply((reply) => expect(reply.text).toBe('Next core group for CP-1042 · \\[Sign in\\](https://evil.example) is due'))
      .assertReply((reply) => expect([reply.type, reply.text]).toEqual(['typing', undefined]));
  });
});
