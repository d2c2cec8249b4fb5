import { createRequire } from 'node:module';

/** The parts of the adaptivecards renderer used here (its own types drag its .ts sources into tsc). */
interface Renderer {
  AdaptiveCard: {
    new (): { parse(json: unknown): void; toJSON(): unknown };
    onProcessMarkdown?: (text: string, result: { didProcess: boolean; outputHtml?: string }) => void;
    applyMarkdown(text: string): { didProcess: boolean; outputHtml?: string };
  };
}

const require = createRequire(import.meta.url);
// The browser bundle is the one that loads in plain Node.
const AC = require('adaptivecards/dist/adaptivecards.js') as Renderer;
const markdownIt = (require('markdown-it') as () => { render(text: string): string })();

// Hosts give the renderer a Markdown processor; markdown-it is the one its documentation names.
AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdownIt.render(text);
  result.didProcess = true;
};

export interface ShownText {
  /** The text as the card carries it. */
  readonly source: string;
  /** What the renderer makes of it: the HTML it puts on the page. */
  readonly html: string;
  /** What a person reads: the HTML's text. */
  readonly reads: string;
}

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * Every Markdown text on a card (TextBlocks, facts) as Microsoft's renderer shows it: the card is parsed by the
 * adaptivecards SDK, and each text run through the SDK's own Markdown step.
 */
export function shownTexts(card: unknown): ShownText[] {
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card);
  const sources: string[] = [];
  JSON.stringify(parsed.toJSON(), (_key, value: unknown) => {
    const node = value as { type?: unknown; text?: unknown; facts?: unknown };
    if (node && node.type === 'TextBlock' && typeof node.text === 'string') sources.push(node.text);
    if (node && node.type === 'FactSet' && Array.isArray(node.facts)) {
      for (const fact of node.facts as Array<{ title?: unknown; value?: unknown }>) {
        for (const part of [fact.title, fact.value]) if (typeof part === 'string') sources.push(part);
      }
    }
    return value;
  });
  return sources.map((source) => {
    const html = AC.AdaptiveCard.applyMarkdown(source).outputHtml ?? '';
    const reads = html.replace(/<[^>]*>/g, '').replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity).trim();
    return { source, html, reads };
  });
}
