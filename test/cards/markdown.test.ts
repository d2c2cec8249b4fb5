import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../cards/index.js';
import { shownTexts } from '../support/markdown.js';

const card = (text: string) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] });

describe('escapeMarkdown', () => {
  it.each([
    ['CP-1042 · Oak', 'CP-1042 · Oak'],
    ["Children's social care (Leeds)", "Children's social care (Leeds)"],
    ['[Sign in](https://evil.example/login)', '\\[Sign in\\](https://evil.example/login)'],
    ['![x](https://evil.example/p.png)', '!\\[x\\](https://evil.example/p.png)'],
    ['**bold** _it_ ~~gone~~ `code`', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\`'],
    ['<https://evil.example>', '\\<https://evil.example\\>'],
    ['a | b', 'a \\| b'],
    ['&lt;b&gt; & co', '\\&lt;b\\&gt; & co'],
    ['# Heading\n- item\n+ item\n> quote\n1. first\n2) second\n===', '\\# Heading\n\\- item\n\\+ item\n\\> quote\n1\\. first\n2\\) second\n\\==='],
    ['back\\slash', 'back\\\\slash'],
  ])('%j is written %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  it.each([
    '[Sign in to view the plan](https://evil.example/login)',
    '**Urgent** _call_ ~~now~~ `x` <b>hi</b> <https://evil.example>',
    '# Heading\n- one\n1. two\n> three\n---\n| a | b |\n|---|---|',
    'back\\[slash\\](x) &amp; &#60;',
  ])('%j reads exactly as written in the Adaptive Cards renderer', (text) => {
    const [shown] = shownTexts(card(escapeMarkdown(text)));
    expect(shown?.html).not.toMatch(/<(?:a|img|strong|em|s|code|h\d|ul|ol|blockquote|hr|table|b)\b/);
    expect(shown?.reads.replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
  });
});
