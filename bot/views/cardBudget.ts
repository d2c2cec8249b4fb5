import type { AdaptiveCardJson } from '../../cards/index.js';

/** Teams takes about 100 KB a message, 80 KB recommended; our cards keep well inside it. */
export const CARD_BUDGET_BYTES = 40_000;
const bytesOf = (card: AdaptiveCardJson): number => Buffer.byteLength(JSON.stringify(card));

/**
 * Items in order, in as few runs as keep each run's card within the budget (a run holds at least one item, so an
 * item too big on its own still gets its card). `cardOf` draws the card a run would make.
 */
export function runsWithinBudget<T>(items: readonly T[], cardOf: (run: readonly T[]) => AdaptiveCardJson): T[][] {
  const runs: T[][] = [];
  for (const item of items) {
    const last = runs[runs.length - 1];
    if (last && bytesOf(cardOf([...last, item])) <= CARD_BUDGET_BYTES) last.push(item);
    else runs.push([item]);
  }
  return runs;
}
