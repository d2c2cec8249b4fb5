// The engine module alone: the package's index typings pull in adaptivecards' TypeScript sources.
import { Template } from 'adaptivecards-templating/lib/template-engine.js';
import { escapeMarkdown } from './markdown.js';

declare const rendered: unique symbol;

/**
 * An Adaptive Card as JSON, ready to attach to an activity or return from an invoke. Only `render` makes one
 * (the brand has no value to forge), so no card reaches a person without its text being escaped.
 */
export interface AdaptiveCardJson {
  readonly type: 'AdaptiveCard';
  readonly version: string;
  readonly [rendered]: true;
  readonly [key: string]: unknown;
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Binds typed data into a card template. Every card goes through here, so the data shape each template
 * expects is checked by the compiler at the call site (see each card's module), and every text a host reads as
 * Markdown is escaped here, whatever template it came from.
 */
export function render<T extends object>(template: object, data: T): AdaptiveCardJson {
  const card: unknown = prepared(template).expand({ $root: data });
  if (typeof card !== 'object' || card === null || (card as { type?: unknown }).type !== 'AdaptiveCard') {
    throw new Error('card template did not expand to an AdaptiveCard');
  }
  escapeShownText(card);
  return card as AdaptiveCardJson;
}

/**
 * Each template parsed once. Parsing a template runs the expression parser over every `${...}` in it, most of a
 * reply's own work and garbage when done per answer; the engine's prepared form is meant to be expanded again and
 * again (expand reads it and builds a new card), and expanding is synchronous, so one instance serves every turn.
 */
const preparedTemplates = new WeakMap<object, Template>();

function prepared(template: object): Template {
  let engine = preparedTemplates.get(template);
  if (engine === undefined) {
    engine = new Template(template);
    preparedTemplates.set(template, engine);
  }
  return engine;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/**
 * Teams reads Markdown in TextBlock text and in a FactSet's titles and values, and nowhere else (inputs, choices,
 * action titles and action data are shown or sent as they are). Our templates use no Markdown of their own, so
 * escaping all of those shows what people typed (an alias, a name, an agency, a sharing route) as literal text:
 * `[Sign in](https://evil.example)` cannot become a link. Escaping the expanded card, not the data, means a new
 * template or a new field cannot be missed.
 */
function escapeShownText(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) escapeShownText(item);
    return;
  }
  if (!isObject(node)) return;
  if (node.type === 'TextBlock' && typeof node.text === 'string') node.text = escapeMarkdown(node.text);
  if (node.type === 'FactSet' && Array.isArray(node.facts)) {
    for (const fact of node.facts) {
      if (!isObject(fact)) continue;
      if (typeof fact.title === 'string') fact.title = escapeMarkdown(fact.title);
      if (typeof fact.value === 'string') fact.value = escapeMarkdown(fact.value);
    }
  }
  for (const value of Object.values(node)) escapeShownText(value);
}
