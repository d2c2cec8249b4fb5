import { describe, expect, it } from 'vitest';
import { createTenantGuard } from '../../bot/tenantGuard.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const withTenant = (id: unknown) => ({ channelData: { tenant: { id } } });

describe('the tenant guard', () => {
  const guard = createTenantGuard([TENANT]);

  it('allows a listed tenant, whatever its letter case', () => {
    expect(guard(withTenant(TENANT.toUpperCase()))).toEqual({ allowed: true, tenantId: TENANT.toUpperCase() });
  });

  it('refuses any other tenant', () => {
    expect(guard(withTenant('99999999-9999-4999-8999-999999999999'))).toMatchObject({ allowed: false, reason: 'tenant-not-allowed' });
  });

  it.each([[{}], [{ channelData: 'x' }], [{ channelData: { tenant: {} } }], [withTenant('')], [withTenant(42)]])('refuses an activity naming no tenant: %j', (activity) => {
    expect(guard(activity)).toMatchObject({ allowed: false, reason: 'missing-tenant' });
  });

  it('allows every tenant only when told "any" (anonymous development without a list)', () => {
    expect(createTenantGuard('any')({})).toEqual({ allowed: true, tenantId: undefined });
  });
});
