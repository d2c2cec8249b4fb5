import type { Exclusive } from '../../src/store/lease.js';

/** What a sweep did, as counts by kind ("reminders": 3, ...): all a trigger reports or logs of it. */
export type SweepReport = Readonly<Record<string, number>>;

/** The sweep itself (src/sweep): it stops between steps once `signal` aborts. */
export type Sweep = (signal: AbortSignal) => Promise<SweepReport>;

/** The sweep under the lease: the one way in for both triggers, so two never sweep at once on any instances. */
export type RunSweep = () => Promise<Exclusive<SweepReport>>;

/** The blob whose lease says who is sweeping. */
export const SWEEP_JOB = 'sweep';

/** Why a trigger did not sweep, in its answer and its log line. */
export const SWEEPING_ELSEWHERE = 'another instance is sweeping';
