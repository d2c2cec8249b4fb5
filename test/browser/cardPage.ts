import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const RENDERER = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.js'), 'utf8');
const STYLES = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.css'), 'utf8');

/**
 * A page that renders Adaptive Cards with Microsoft's own renderer, sized like a Teams chat message, so a
 * browser shows a card as a person would see it. `window.renderCard(json, id)` renders one and returns the
 * renderer's complaints.
 */
const PAGE = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>cards</title>
<style>${STYLES}
body { font-family: 'Segoe UI', system-ui, sans-serif; background: #f5f5f5; margin: 16px; }
.message { width: 520px; background: #fff; border-radius: 6px; padding: 12px; margin-bottom: 16px; box-shadow: 0 1px 2px #0002; }
</style>
<script>${RENDERER}</script>
<script>
  window.renderCard = (json, id) => {
    const card = new AdaptiveCards.AdaptiveCard();
    const context = new AdaptiveCards.SerializationContext();
    card.parse(json, context);
    const host = document.createElement('div');
    host.className = 'message';
    host.id = id;
    host.appendChild(card.render());
    document.body.appendChild(host);
    const problems = [];
    for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
    return problems;
  };
</script></head><body></body></html>`;

export interface CardPage {
  readonly url: string;
  close(): Promise<void>;
}

export async function serveCardPage(): Promise<CardPage> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
