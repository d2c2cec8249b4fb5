import type { SeededCase } from './caseload.js';

/** A card element as far as this check reads it. */
interface Element {
  readonly type?: string;
  readonly text?: string;
  readonly items?: readonly Element[];
  readonly columns?: readonly Element[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The card of a reply message, if it carries one. */
function cardOf(message: Record<string, unknown>): { body: readonly Element[] } | undefined {
  const attachments = message['attachments'];
  const content: unknown = Array.isArray(attachments) && isObject(attachments[0]) ? attachments[0]['content'] : undefined;
  return isObject(content) && Array.isArray(content['body']) ? { body: content['body'] as Element[] } : undefined;
}

/**
 * Why a reply is not the "next core groups" card listing exactly these cases, or undefined when it is: a broken
 * answer (an error text, an empty or partial list) must not pass as a fast one.
 */
export function dueReplyProblem(message: Record<string, unknown>, cases: readonly SeededCase[]): string | undefined {
  const card = cardOf(message);
  if (card === undefined) return `no card in the reply: ${JSON.stringify(message['text'] ?? null)}`;
  const [title, subtitle, ...rest] = card.body;
  if (title?.text !== 'Next core groups') return `title ${JSON.stringify(title?.text)}`;
  if (!subtitle?.text?.startsWith(`${cases.length} cases,`)) return `subtitle ${JSON.stringify(subtitle?.text)}`;
  const labels = rest
    .filter((element) => element.type === 'Container')
    .map((container) => container.items?.[0]?.columns?.[0]?.items?.[0]?.text ?? '')
    .sort();
  const expected = cases.map((c) => `${c.caseRef} · ${c.alias}`).sort();
  return labels.join() === expected.join() ? undefined : `${labels.length} cases listed, expected ${expected.length}`;
}
