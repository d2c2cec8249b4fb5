import { describe, expect, it } from 'vitest';
import { answerCard, type AnswerCardData } from '../../cards/index.js';
import { answerParts, ownAnswerCard } from '../../bot/views/apologies.js';
import { CARD_BUDGET_BYTES } from '../../bot/views/cardBudget.js';
import { sentencesOf } from '../support/cards.js';

/** Each part of an answer as the card its recipient gets. */
const answerCards = (data: AnswerCardData) => answerParts(data).map(answerCard);

const bytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card));
const answer = (sections: AnswerCardData['sections']): AnswerCardData => ({
  caseRef: 'CP-1042',
  meetingId: 'CG2',
  memberId: 'M2',
  title: 'Lynne Robbins (School) sent apologies',
  caseLabel: 'CP-1042 · Oak',
  meeting: 'Core group, Tue 2 Mar 2027 at 10:00',
  notes: [],
  sections,
  canChange: false,
  changeFor: '',
  canConfirmVerbal: true,
});

describe('answer cards stay within the size budget', () => {
  // Nine parts at the 8,000-character limit, in a script that takes 2 bytes a character in UTF-8.
  const longest = Array.from({ length: 9 }, (_, n) => ({ heading: `Part ${n + 1}`, text: `${n + 1}${'ŵ'.repeat(7_999)}` }));

  it('a short answer is one card', () => {
    expect(answerCards(answer(longest.slice(0, 1).map((s) => ({ ...s, text: 'Two visits.' }))))).toHaveLength(1);
  });

  it('the longest answer is split across cards in order, each within 40 KB, each with its heading and Confirm button', () => {
    const cards = answerCards(answer(longest));
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) expect(bytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(cards.map((card) => sentencesOf(card)[0])).toEqual(cards.map((_, n) => `Lynne Robbins (School) sent apologies (${n + 1} of ${cards.length})`));
    expect(cards.flatMap((card) => sentencesOf(card).slice(3))).toEqual(longest.flatMap((section) => [section.heading, section.text]));
    for (const card of cards) expect(JSON.stringify(card)).toContain('"verb":"meeting.confirmVerbal"');
  });

  it("the member's own card shows what fits and says the rest was saved", () => {
    const card = ownAnswerCard({ ...answer(longest), title: 'You sent apologies', canConfirmVerbal: false });
    expect(bytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(sentencesOf(card)).toContain('What you wrote is too long to show here in full; all of it was saved, and the social worker has it.');
  });
});
