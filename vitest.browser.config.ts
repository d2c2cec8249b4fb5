import { defineConfig } from 'vitest/config';

/** `npm run test:browser`: what people see, in Debian's Chromium (installed by .ci/run, not by npm). */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/setup/chromium.ts', 'test/setup/azurite.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
