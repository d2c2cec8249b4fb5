import { createServer } from 'node:http';
import { TeamsAdapter } from '@microsoft/teams-ai';
const server = createServer((req) => { console.log('got', req.method, req.url); });
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;
const adapter = new TeamsAdapter({}, undefined, undefined, { requestPolicyFactories: [{ create: (next) => ({ sendRequest: (r) => { console.log('policy', r.url); r.timeout = 1000; return next.sendRequest(r); } }) }] });
const started = Date.now();
setTimeout(() => { console.log('giving up'); process.exit(0); }, 8000);
try {
  await adapter.continueConversationAsync('', { serviceUrl: `http://127.0.0.1:${port}/`, conversation: { id: 'c1' } as never, channelId: 'msteams' } as never, async (ctx) => { await ctx.sendActivity('hi'); });
  console.log('sent');
} catch (e) { console.log('error after', Date.now() - started, (e as Error).name, (e as Error).message, (e as { code?: string }).code); }
process.exit(0);
