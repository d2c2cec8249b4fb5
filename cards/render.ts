// The engine module alone: the package's index typings pull in adaptivecards' TypeScript sources.
import { Template } from 'adaptivecards-templating/lib/template-engine.js';

/** An Adaptive Card as JSON, ready to attach to an activity or return from an invoke. */
export interface AdaptiveCardJson {
  readonly type: 'AdaptiveCard';
  readonly version: string;
  readonly [key: string]: unknown;
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Binds typed data into a card template. Every card goes through here, so the data shape each template
 * expects is checked by the compiler at the call site (see each card's module).
 */
export function render<T extends object>(template: object, data: T): AdaptiveCardJson {
  const card: unknown = new Template(template).expand({ $root: data });
  if (typeof card !== 'object' || card === null || (card as { type?: unknown }).type !== 'AdaptiveCard') {
    throw new Error('card template did not expand to an AdaptiveCard');
  }
  return card as AdaptiveCardJson;
}
