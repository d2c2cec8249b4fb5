import { describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, requireChromium } from '../browser/chromium.js';

describe('the browser suite without Chromium', () => {
  it('stops with how to install it, never passing silently', () => {
    expect(() => requireChromium('/nonexistent/chromium')).toThrow(CHROMIUM_MISSING);
    expect(CHROMIUM_MISSING).toContain('apt-get install -y --no-install-recommends chromium');
  });
});
