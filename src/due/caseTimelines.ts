import type { Calendars } from '../calendar/index.js';
import type { NextDueOf } from '../cases/caseAccess.js';
import { nextScheduled, type ScheduledMeeting } from '../cases/caseDigest.js';
import type { CaseQueries } from '../cases/caseQueries.js';
import type { Actor, CaseHeader, CaseRole, CaseView } from '../cases/model.js';
import type { PolicyRegistry } from '../policy/registry.js';
import type { Clock } from '../time/clock.js';
import type { LocalDate } from '../time/localDate.js';
import type { CaseEvent } from '../timeline/events.js';
import { computeTimeline, isOpen, type Timeline } from '../timeline/index.js';

/** A case as answers show it: its reference, the neutral alias its social worker chose, and its timeline. */
export interface CaseTimeline {
  readonly caseRef: string;
  readonly alias?: string;
  /** The asker's roles on the case, and who manages and chairs it (object ids). */
  readonly roles: readonly CaseRole[];
  readonly teamManager: string;
  readonly chair: string;
  readonly confirmation: CaseHeader['confirmation'];
  readonly timeline: Timeline;
  /** The core group scheduled next, if any: shown beside the one the timeline says is due. */
  readonly nextMeeting: ScheduledMeeting | null;
}

export interface TimelineSources {
  readonly policies: PolicyRegistry;
  readonly calendars: Calendars;
}

export function timelineOfCase(view: Pick<CaseView, 'policyId' | 'events'>, today: LocalDate, sources: TimelineSources): Timeline {
  return computeTimeline({ profile: sources.policies.require(view.policyId), calendars: sources.calendars, events: view.events, today });
}

/**
 * What the case index stores as a case's next due date: the earliest obligation not yet met, of any kind, so a
 * sweep finds a case as soon as anything on it (a core group, a plan to circulate) is due or overdue.
 */
export function nextDueFromTimeline(sources: TimelineSources, clock: Clock): NextDueOf {
  return (events, policyId) => {
    const open = timelineOfCase({ policyId, events }, clock.today(), sources).obligations.filter(isOpen);
    return open.reduce<LocalDate | null>((earliest, o) => (earliest === null || o.due < earliest ? o.due : earliest), null);
  };
}

/** The timelines of the cases a person may see: one case by reference, or all of theirs. */
export class CaseTimelines {
  /**
   * The last timeline computed from each events list. A timeline is a pure function of the events, the procedure
   * and today (the calendars are fixed for this instance), and the case queries hand back the same events list
   * while a snapshot is unchanged, so asking again the same day recomputes nothing. Weakly held: it goes with the
   * snapshot.
   */
  private readonly computed = new WeakMap<readonly CaseEvent[], { readonly policyId: string; readonly today: LocalDate; readonly timeline: Timeline }>();

  constructor(private readonly deps: TimelineSources & { readonly cases: CaseQueries }) {}

  private timelineOf(view: Pick<CaseView, 'policyId' | 'events'>, today: LocalDate): Timeline {
    const last = this.computed.get(view.events);
    if (last?.policyId === view.policyId && last.today === today) return last.timeline;
    const timeline = timelineOfCase(view, today, this.deps);
    this.computed.set(view.events, { policyId: view.policyId, today, timeline });
    return timeline;
  }

  async forActor(actor: Actor, today: LocalDate, caseRef?: string): Promise<CaseTimeline[]> {
    // A whole caseload is one query of the "my cases" index (each row holds a checked snapshot of its case).
    const views = caseRef ? [await this.deps.cases.getCase(actor, caseRef)] : await this.deps.cases.myCases(actor);
    return views.map((view) => ({
      caseRef: view.caseRef,
      ...(view.alias !== undefined && { alias: view.alias }),
      roles: 'viewer' in view ? view.viewer.roles : view.roles,
      teamManager: view.teamManager,
      chair: view.chair,
      confirmation: view.confirmation,
      timeline: this.timelineOf(view, today),
      nextMeeting: 'viewer' in view ? nextScheduled(view.meetings) : view.nextMeeting,
    }));
  }
}
