import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast.js';

/** Teams' light-theme Adaptive Card colours (its host config), on its white card. */
describe('contrast ratio', () => {
  it.each([
    ['rgb(0, 0, 0)', 21],
    ['rgb(248, 210, 42)', 1.5], // Warning #f8d22a: what "Target passed" was drawn in
    ['rgb(146, 195, 83)', 2.1], // Good #92c353
    ['rgb(196, 49, 75)', 5.4], // Attention #c4314b
    ['rgba(37, 36, 36, 0.75)', 6.8], // subtle default text, #bf252424
  ] as const)('%s on white is %d:1', (colour, ratio) => {
    expect(contrastRatio(colour, ['rgba(0, 0, 0, 0)', 'rgb(255, 255, 255)'])).toBeCloseTo(ratio, 1);
  });
});
