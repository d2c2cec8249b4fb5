import type { Calendars, WorkingCalendar } from '../calendar/index.js';
import { asksForContribution } from '../cases/apologies.js';
import { nextScheduled } from '../cases/caseDigest.js';
import { caseEvents } from '../cases/caseEvents.js';
import type { CaseState, Meeting, Member } from '../cases/model.js';
import type { PolicyProfile, PolicyRegistry, Role } from '../policy/index.js';
import { compareDates, formatLongDate, type LocalDate } from '../time/localDate.js';
import { citeRule, computeTimeline, describeObligation, isOpen, ROLE_LABEL, type Obligation, type ObligationKind, type Timeline } from '../timeline/index.js';
import type { Notice, NoticeData, NoticeKind, NoticeRole, Recipient } from './notice.js';
import { describeDaysBefore, type SweepSettings } from './settings.js';
import { aheadOf, dueStage, passedOn, type DueStage } from './stages.js';

export interface SweepDeps {
  readonly policies: PolicyRegistry;
  readonly calendars: Calendars;
  readonly settings: SweepSettings;
}

/** One case as the rules read it, with its procedure, its nation's calendar and its timeline for today. */
interface CaseAtDay {
  readonly state: CaseState;
  readonly profile: PolicyProfile;
  readonly calendar: WorkingCalendar;
  readonly timeline: Timeline;
  readonly today: LocalDate;
  readonly settings: SweepSettings;
}

/**
 * What each person should be told about one case today. Pure: the same case, day and settings give the same
 * notices, in the same order, with the same outbox keys, so a sweep run twice or on two instances asks for each
 * message once. A notice stays due from its day until the next one about the same thing replaces it (see
 * stages.ts), so a run that missed a day catches up without repeating what was sent. Nothing for a case that is
 * not open, nor for anyone the bot cannot reach in Teams (people outside it have no Entra id). Throws
 * UnknownPolicyError when the case names a procedure the registry does not hold.
 */
export function noticesDue(state: CaseState, today: LocalDate, deps: SweepDeps, timeline: Timeline = sweptTimeline(state, today, deps)): Notice[] {
  if (state.header.status !== 'open') return [];
  const profile = deps.policies.require(state.header.policyId);
  const at: CaseAtDay = { state, profile, calendar: deps.calendars[profile.nation], timeline, today, settings: deps.settings };
  const notices = [...meetingReminders(at), ...coreGroupNotices(at), ...obligationNudges(at)];
  // One person may be asked for twice under one key (a team manager who is also the social worker): say it once.
  const byKey = new Map<string, Notice>();
  for (const notice of notices) {
    const key = JSON.stringify(notice.key);
    if (!byKey.has(key)) byKey.set(key, notice);
  }
  return [...byKey.values()];
}

/** The case's timeline for today, as the notices and the digests read it (computed once per case per sweep). */
export function sweptTimeline(state: CaseState, today: LocalDate, deps: Pick<SweepDeps, 'policies' | 'calendars'>): Timeline {
  return computeTimeline({ profile: deps.policies.require(state.header.policyId), calendars: deps.calendars, events: caseEvents(state), today });
}

function notice(at: CaseAtDay, kind: NoticeKind, subject: string, day: LocalDate, recipient: Recipient, about: Omit<NoticeData, 'caseRef' | 'alias'>, reason: string): Notice {
  const { tenantId, caseRef, alias } = at.state.header;
  return {
    key: { tenantId, caseRef, subject, kind, recipientId: recipient.id, date: day },
    kind,
    recipient,
    data: { caseRef, ...(alias !== undefined && { alias }), ...about },
    reason,
  };
}

type TeamsMember = Member & { readonly aadObjectId: string };
const inTeams = (member: Member): member is TeamsMember => member.status === 'active' && member.aadObjectId !== undefined;

/** The members a meeting's invitations go to: everyone in Teams but the social worker, who arranges it. */
const invitees = (state: CaseState): TeamsMember[] => state.members.filter(inTeams).filter((member) => member.aadObjectId !== state.header.socialWorker);

const asMember = (member: TeamsMember, role: NoticeRole = 'member'): Recipient => ({ role, id: member.aadObjectId, memberId: member.memberId });

/** Someone named on the case row, with their member id when they are in the core group (the social worker is M1). */
function staff(state: CaseState, role: NoticeRole, id: string | undefined): Recipient[] {
  if (id === undefined) return [];
  const member = state.members.find((candidate) => inTeams(candidate) && candidate.aadObjectId === id);
  return [{ role, id, ...(member && { memberId: member.memberId }) }];
}

/** Who holds a procedure's role on this case; for the note taker, the one of the meeting the obligation follows. */
function holders(at: CaseAtDay, role: Role, obligation: Obligation): Recipient[] {
  const { state } = at;
  switch (role) {
    case 'social-worker':
      return staff(state, role, state.header.socialWorker);
    case 'team-manager':
      return staff(state, role, state.header.teamManager);
    case 'chair':
      return staff(state, role, state.header.chair);
    case 'service-delivery-manager':
      return staff(state, role, state.header.serviceDeliveryManager);
    case 'note-taker': {
      const noteTaker = state.meetings.find((meeting) => meeting.held?.heldOn === obligation.follows)?.held?.noteTaker;
      const member = state.members.find((candidate) => candidate.memberId === noteTaker);
      return member && inTeams(member) ? [asMember(member, 'note-taker')] : [];
    }
    case 'core-group-members':
      return invitees(state).map((member) => asMember(member));
    // Not people on the case: the unit and the manager are told through their own routes.
    case 'isu':
    case 'band-7-manager':
      return [];
  }
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
const meetingData = (meeting: Meeting): NoticeData['meeting'] => ({ meetingId: meeting.meetingId, date: meeting.date, time: meeting.time });
const when = (meeting: Meeting): string => `the core group ${meeting.meetingId} on ${formatLongDate(meeting.date)} at ${meeting.time}`;

/** The members in Teams who still owe something for a meeting, each reminded on the current reminder day ahead of it. */
function remindMembers(at: CaseAtDay, meeting: Meeting, kind: NoticeKind, daysBefore: readonly number[], owes: (memberId: string) => boolean, because: (workingDays: number) => string): Notice[] {
  const ahead = aheadOf(at.calendar, meeting.date, daysBefore, at.today, 'before');
  if (ahead === undefined) return [];
  const about = { meeting: meetingData(meeting), workingDaysBefore: ahead.workingDays };
  const reason = because(ahead.workingDays);
  return invitees(at.state)
    .filter((member) => owes(member.memberId))
    .map((member) => notice(at, kind, meeting.meetingId, ahead.day, asMember(member), about, reason));
}

/** Members who have not answered a coming meeting, and (seed 002) those whose joint-report contribution is still to come. */
function meetingReminders(at: CaseAtDay): Notice[] {
  const { state, profile, settings, today } = at;
  const coming = state.meetings
    .filter((meeting) => meeting.held === undefined && meeting.cancelled === undefined && meeting.date > today)
    .sort((a, b) => compareDates(a.date, b.date) || a.meetingId.localeCompare(b.meetingId));
  return coming.flatMap((meeting) => {
    const answers = state.answers.filter((answer) => answer.meetingId === meeting.meetingId);
    const unanswered = remindMembers(
      at,
      meeting,
      'invitation-reminder',
      settings.unansweredInvitation,
      (memberId) => !answers.some((answer) => answer.memberId === memberId),
      (workingDays) =>
        `No answer yet to the invitation to ${when(meeting)}, ${plural(workingDays, 'working day')} away ${citeRule(profile.id, profile.apologies.citation)}; ` +
        `members who have not answered are reminded ${describeDaysBefore(settings.unansweredInvitation)} the meeting (sweep settings).`,
    );
    const asked = profile.apologies.jointReportContribution;
    if (asked === undefined || !asksForContribution(profile.apologies, meeting.type)) return unanswered;
    const contributions = remindMembers(
      at,
      meeting,
      'contribution-reminder',
      settings.missingContribution,
      (memberId) => !answers.some((answer) => answer.memberId === memberId && answer.contribution !== undefined),
      (workingDays) =>
        `No joint-report contribution yet for ${when(meeting)}, the last before the review conference, ${plural(workingDays, 'working day')} away ` +
        `${citeRule(profile.id, asked.citation)}; asked ${describeDaysBefore(settings.missingContribution)} the meeting (sweep settings).`,
    );
    return [...unanswered, ...contributions];
  });
}

/** The obligation's part of a notice's data. */
function obligationData(obligation: Obligation): NonNullable<NoticeData['obligation']> {
  const { kind, due, status, owner, follows, coreGroup } = obligation;
  return { kind, label: describeObligation(obligation), due, status, owner, ...(follows !== undefined && { follows }), ...(coreGroup && { coreGroup: coreGroup.number }) };
}

/**
 * The next core group: the social worker is nudged to arrange it when none is and it falls due soon; once its
 * deadline passes (a target's passing is shown, not escalated) the social worker and team manager are told, and
 * where the procedure has the chair record a decision (seed 000) the chair is asked to, until they have.
 */
function coreGroupNotices(at: CaseAtDay): Notice[] {
  const { state, profile, calendar, settings, today } = at;
  const next = at.timeline.nextCoreGroup;
  if (next?.coreGroup === undefined) return [];
  const subject = `core-group-${next.coreGroup.number}`;
  const about = { obligation: obligationData(next) };
  const label = describeObligation(next);
  const notices: Notice[] = [];

  const nudge = nextScheduled(state.meetings) === null ? aheadOf(calendar, next.due, settings.unscheduledCoreGroup, today, 'target') : undefined;
  if (nudge) {
    const reason =
      `No core group is arranged and ${label} is due by ${formatLongDate(next.due)}, ${plural(nudge.workingDays, 'working day')} away or less: ${next.basis}; ` +
      `the social worker is told ${describeDaysBefore(settings.unscheduledCoreGroup)} it is due (sweep settings).`;
    for (const recipient of staff(state, 'social-worker', state.header.socialWorker)) {
      notices.push(notice(at, 'schedule-core-group', subject, nudge.day, recipient, { ...about, workingDaysBefore: nudge.workingDays }, reason));
    }
  }

  const passed = next.status === 'overdue' && next.firmness === 'deadline' ? passedOn(calendar, next.due, today) : undefined;
  if (passed) {
    const reason = `${label} was due by ${formatLongDate(next.due)} and none is recorded as held: ${next.basis}.`;
    for (const recipient of [...staff(state, 'social-worker', state.header.socialWorker), ...staff(state, 'team-manager', state.header.teamManager)]) {
      notices.push(notice(at, 'missed-core-group', subject, passed, recipient, about, reason));
    }
    const rule = profile.missedCoreGroup;
    // The chair's decision is the one recorded after the deadline passed, as the engine counts it (coreGroups.ts).
    const decided = state.events.some((event) => event.kind === 'missed-core-group-decision' && event.date > next.due);
    if (rule && !decided) {
      const asked = `${reason} Record the decision on it ${citeRule(profile.id, rule.citation)}.`;
      for (const recipient of staff(state, 'chair', state.header.chair)) notices.push(notice(at, 'missed-core-group-decision', subject, passed, recipient, about, asked));
    }
  }
  return notices;
}

/**
 * Whom the sweep nudges about each obligation it follows: the owner the procedure names, or (the joint report,
 * seed 002, and the chair's "hold within five working days") the social worker and the team manager, who see it
 * through together. Core groups have their own notices above; a review conference is the chairs' digest's.
 */
const NUDGED: { readonly [kind in ObligationKind]?: 'owner' | readonly Role[] } = {
  'plan-update': 'owner',
  'plan-circulation': 'owner',
  'plan-to-isu': 'owner',
  minutes: 'owner',
  'minutes-dissemination': 'owner',
  'record-distribution': 'owner',
  'chronology-update': 'owner',
  'child-seen': 'owner',
  'joint-report-draft': ['social-worker', 'team-manager'],
  'joint-report-comments': ['social-worker', 'team-manager'],
  'joint-report-to-manager': ['social-worker', 'team-manager'],
  'joint-report-authorised': ['social-worker', 'team-manager'],
  'joint-report-final': ['social-worker', 'team-manager'],
  'missed-core-group-escalation': ['social-worker', 'team-manager'],
};

/**
 * What an obligation is within its case, for the outbox key: stable while it stays the same obligation, whatever
 * its due date does. Paperwork by the core group it follows; a core group's escalation by that core group's
 * number (only the open core group can have an open escalation); a chain (visits) by its place in the chain.
 */
function obligationId(obligation: Obligation, timeline: Timeline): string {
  if (obligation.follows !== undefined) return `${obligation.kind}-${obligation.follows.replaceAll('-', '')}`;
  if (obligation.kind === 'missed-core-group-escalation' && timeline.nextCoreGroup?.coreGroup) return `${obligation.kind}-${timeline.nextCoreGroup.coreGroup.number}`;
  return `${obligation.kind}-${timeline.obligations.filter((other) => other.kind === obligation.kind).indexOf(obligation) + 1}`;
}

function nudgeReason(obligation: Obligation, stage: DueStage, owns: boolean, settings: SweepSettings): string {
  const whose = owns ? '' : ` (for the ${ROLE_LABEL[obligation.owner]})`;
  const what = `${describeObligation(obligation)}${whose}`;
  switch (stage.kind) {
    case 'due-soon':
      return `${what} is due by ${formatLongDate(obligation.due)}, ${plural(stage.workingDays, 'working day')} away: ${obligation.basis}; told ${describeDaysBefore(settings.paperworkDue)} it is due, on the day and each working day it is overdue (sweep settings).`;
    case 'due-today':
      return `${what} is due today: ${obligation.basis}.`;
    case 'overdue':
      return `${what} was due by ${formatLongDate(obligation.due)} and is overdue: ${obligation.basis}.`;
  }
}

/** Paperwork, visits and the joint report: due soon, due today, then overdue each working day until done. */
function obligationNudges(at: CaseAtDay): Notice[] {
  return at.timeline.obligations.flatMap((obligation) => {
    const who = NUDGED[obligation.kind];
    if (who === undefined || !isOpen(obligation)) return [];
    const stage = dueStage(at.calendar, obligation.due, at.settings.paperworkDue, at.today);
    if (stage === undefined) return [];
    const owners = holders(at, obligation.owner, obligation);
    const recipients = who === 'owner' ? owners : who.flatMap((role) => holders(at, role, obligation));
    const subject = obligationId(obligation, at.timeline);
    const about = { obligation: obligationData(obligation), ...(stage.kind === 'due-soon' && { workingDaysBefore: stage.workingDays }) };
    return recipients.map((recipient) => notice(at, stage.kind, subject, stage.day, recipient, about, nudgeReason(obligation, stage, owners.some((owner) => owner.id === recipient.id), at.settings)));
  });
}
