import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests need Debian's Chromium: `npm run test:browser` (.ci/run runs both).
    exclude: ['test/browser/**', 'node_modules/**'],
    // Storage tests run against a real in-memory Azurite that this starts on a free port.
    globalSetup: ['test/setup/azurite.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
