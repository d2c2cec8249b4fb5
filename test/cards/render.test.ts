import { afterEach, describe, expect, it, vi } from 'vitest';
import { Template } from 'adaptivecards-templating/lib/template-engine.js';
import { errorCard, escapeMarkdown, infoCard } from '../../cards/index.js';

/** Every TextBlock's text, in order. */
function texts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (typeof node !== 'object' || node === null) return [];
  const own = 'type' in node && node.type === 'TextBlock' && 'text' in node && typeof node.text === 'string' ? [node.text] : [];
  return [...own, ...Object.values(node).flatMap(texts)];
}

describe('render', () => {
  afterEach(() => vi.restoreAllMocks());

  it('parses a template once, however many answers it renders', () => {
    infoCard({ title: 'First', message: 'CP-1001', hint: '' });
    const parse = vi.spyOn(Template, 'parseInterpolatedString');
    infoCard({ title: 'Second', message: 'CP-1002', hint: '' });
    errorCard({ title: 'Third', message: 'CP-1003', hint: 'Nothing was changed.' });
    expect(parse).not.toHaveBeenCalled();
  });

  it('expands each answer from its own data, escaped once, whatever was rendered before', () => {
    const marked = { title: 'Not done', message: 'CP-1001 · [Oak](https://evil.example)', hint: 'Nothing was changed.' };
    const first = errorCard(marked);
    const second = errorCard({ title: 'Not done', message: 'CP-1002 · Ash', hint: '' });
    const again = errorCard(marked);
    expect(escapeMarkdown(marked.message)).toBe('CP-1001 · \\[Oak\\](https://evil.example)');
    expect(texts(first)).toEqual(['Not done', escapeMarkdown(marked.message), 'Nothing was changed.']);
    expect(texts(second)).toEqual(['Not done', 'CP-1002 · Ash']);
    expect(again).toEqual(first);
  });
});
