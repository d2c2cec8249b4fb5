import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { isUnconfigured } from '../../src/demo/index.js';

const IDENTITY = {
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppId: '22222222-2222-4222-8222-222222222222',
  MicrosoftAppTenantId: '33333333-3333-4333-8333-333333333333',
  MicrosoftAppPassword: 'secret',
};

describe('when the demo cases are seeded', () => {
  it('only with no bot identity and the embedded storage', () => {
    expect(isUnconfigured(loadConfig({}))).toBe(true);
    // Other settings do not make it a deployment: the Playground still talks to it as before.
    expect(isUnconfigured(loadConfig({ PORT: '3979', CLOSURE_DAYS: '2026-12-29' }))).toBe(true);
    expect(isUnconfigured(loadConfig({ STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }))).toBe(false);
    expect(isUnconfigured(loadConfig(IDENTITY))).toBe(false);
  });
});
