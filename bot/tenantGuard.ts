import type { Activity } from 'botbuilder';

export type TenantVerdict =
  | { readonly allowed: true; readonly tenantId: string | undefined }
  | { readonly allowed: false; readonly tenantId: string | undefined; readonly reason: 'missing-tenant' | 'tenant-not-allowed' };

/**
 * The tenant allow-list. Teams puts the user's tenant in `channelData.tenant.id` (the Bot Framework token says
 * nothing about it), so this runs on the authenticated activity before any turn work. `any` is anonymous
 * development mode without a list.
 */
export function createTenantGuard(allowed: readonly string[] | 'any'): (activity: Partial<Activity>) => TenantVerdict {
  const allowedSet = allowed === 'any' ? undefined : new Set(allowed.map((id) => id.toLowerCase()));
  return (activity) => {
    const tenantId = tenantOf(activity);
    if (allowedSet === undefined) return { allowed: true, tenantId };
    if (tenantId === undefined) return { allowed: false, tenantId, reason: 'missing-tenant' };
    return allowedSet.has(tenantId.toLowerCase()) ? { allowed: true, tenantId } : { allowed: false, tenantId, reason: 'tenant-not-allowed' };
  };
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  const channelData: unknown = activity.channelData;
  if (typeof channelData !== 'object' || channelData === null || !('tenant' in channelData)) return undefined;
  const tenant: unknown = channelData.tenant;
  if (typeof tenant !== 'object' || tenant === null || !('id' in tenant)) return undefined;
  return typeof tenant.id === 'string' && tenant.id !== '' ? tenant.id : undefined;
}
