import { ADAPTIVE_CARD_CONTENT_TYPE } from '../../cards/index.js';

type Json = Record<string, unknown>;

/** The Adaptive Card a message carries, or undefined. */
export function cardIn(activity: Json | undefined): Json | undefined {
  const attachments = activity?.attachments;
  if (!Array.isArray(attachments)) return undefined;
  const attachment = attachments.find((a: Json) => a.contentType === ADAPTIVE_CARD_CONTENT_TYPE) as Json | undefined;
  return attachment?.content as Json | undefined;
}

/** Every text a person would read on a card (TextBlocks, facts, input labels, action titles), in order. */
export function textsOf(card: unknown): string[] {
  const texts: string[] = [];
  JSON.stringify(card, (key, value: unknown) => {
    if ((key === 'text' || key === 'label' || key === 'title' || key === 'value') && typeof value === 'string' && value !== '') texts.push(value);
    return value;
  });
  return texts;
}

/** The card's "text" fields only (TextBlocks), in order: what its sentences say. */
export function sentencesOf(card: unknown): string[] {
  const texts: string[] = [];
  JSON.stringify(card, (key, value: unknown) => {
    if (key === 'text' && typeof value === 'string') texts.push(value);
    return value;
  });
  return texts;
}
