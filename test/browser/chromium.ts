import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, as .ci/run installs it: never a browser downloaded by Playwright. */
export const CHROMIUM = '/usr/bin/chromium';
/** Headless, and kept off a network this machine does not have (no QUIC, updates, sync or background fetches). */
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Screenshots for a person to look at, kept as CI artifacts; not compared. */
export const SHOTS = 'test-results';

export const CHROMIUM_MISSING = `Chromium is not installed at ${CHROMIUM}: the browser tests need Debian's package. Install it with\n  sudo apt-get install -y --no-install-recommends chromium\n(.ci/run does this on CI).`;

/** Fails the run, never skips it, when Chromium is missing. */
export function requireChromium(path = CHROMIUM): void {
  if (!existsSync(path)) throw new Error(CHROMIUM_MISSING);
}

/** A new browser: Playwright gives each launch a fresh, empty user-data-dir, removed on close. */
export async function launchChromium(): Promise<Browser> {
  requireChromium();
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}
