import type { Duration } from '../schema.js';

export const workingDays = (amount: number): Duration => ({ amount, unit: 'working-days' });
/** The source says "N days" and leaves the kind open; the profile's `openDaysAre` decides. */
export const openDays = (amount: number): Duration => ({ amount, unit: 'days' });
export const weeks = (amount: number): Duration => ({ amount, unit: 'weeks' });
export const months = (amount: number): Duration => ({ amount, unit: 'months' });
