import { requireChromium } from '../browser/chromium.js';

/** `npm run test:browser` stops at once, saying how to install Chromium, rather than failing test by test. */
export default function setup(): void {
  requireChromium();
}
