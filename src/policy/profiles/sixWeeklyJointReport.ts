import type { PolicyProfileInput } from '../schema.js';
import { months, openDays, weeks, workingDays } from './durations.js';

const DOC = 'Flow chart for frequency of core groups and joint report process';
const FLOW = 'Flow chart for frequency of core groups';
const REPORT_FLOW = 'Flow chart for joint report process';
/** Seed 002's agendas for later core groups, and for the one before review, open with the same eight items. */
const LATER_AGENDA_OPENING = [
  'Identification of note taker',
  'Introductions and apologies',
  'Purpose of the meeting',
  'Reports provided by those unable to attend',
  'Notes of previous meeting/matters arising',
  'Check members have a copy of the protection plan',
  "Child's views",
  'Parents/carers views',
];

/** Seed 002: six-weekly core groups, the last one four weeks before each review, feeding a joint report. */
export const sixWeeklyJointReport: PolicyProfileInput = {
  id: 'six-weekly-joint-report',
  name: 'Six-weekly core groups with a joint report for review',
  nation: 'england-wales',
  source: {
    document: DOC,
    note: 'The flow chart says "10 days", "5 days" and "5 days prior" without saying which kind of day; this profile reads them as working days (openDaysAre).',
  },
  startingConference: 'initial child protection conference',
  openDaysAre: 'working-days',
  firstCoreGroup: {
    within: openDays(10),
    citation: { document: DOC, section: FLOW, quote: 'Initial child protection conference → 10 days → first core group' },
  },
  laterCoreGroups: {
    mode: 'max-gap',
    gap: weeks(6),
    resetByReview: true,
    citation: { document: DOC, section: FLOW, quote: 'first core group → 6 weeks → 2nd core group; review conference → 6 weeks → core group → 6 weeks → core group' },
    preReview: {
      before: weeks(4),
      citation: { document: DOC, section: FLOW, quote: 'core group – TM to attend → 4 weeks → review child protection conference' },
    },
  },
  reviewConference: {
    first: {
      within: months(3),
      citation: { document: DOC, section: FLOW, quote: 'initial child protection conference → 3 months → review child protection conference' },
    },
    then: {
      within: months(6),
      citation: { document: DOC, section: FLOW, quote: 'review child protection conference → 6 months → review child protection conference' },
    },
  },
  followUps: [
    {
      kind: 'minutes',
      within: openDays(5),
      owner: 'note-taker',
      what: 'send the minutes to the social worker',
      citation: {
        document: DOC,
        section: 'Chair and note taker',
        quote: 'The individual writing the minutes should provide a written copy to the social worker within 5 days',
      },
    },
    {
      kind: 'minutes-dissemination',
      owner: 'social-worker',
      what: 'send the minutes and the updated plan to every member, the family included',
      citation: {
        document: DOC,
        section: 'Chair and note taker',
        quote: 'The Social Worker will be responsible for disseminating the minutes along with the agreed updates to the protection plan to all core group members including the family',
      },
    },
  ],
  jointReport: [
    {
      kind: 'joint-report-draft',
      owner: 'social-worker',
      what: 'send the draft joint report to core group members and parents',
      timing: { from: 'pre-review-core-group', within: workingDays(5) },
      citation: { document: DOC, section: 'Completion of the RCPC Pre-Meeting Report', quote: 'distributed to the core group within 5 working days' },
    },
    {
      kind: 'joint-report-comments',
      owner: 'core-group-members',
      what: 'send amendments to the draft joint report to the social worker',
      timing: { from: 'previous-step', within: workingDays(5) },
      citation: { document: DOC, section: 'Completion of the RCPC Pre-Meeting Report', quote: 'Any amendments or additions will be feedback to the social worker within 5 working days' },
    },
    {
      kind: 'joint-report-to-manager',
      owner: 'social-worker',
      what: 'finalise the joint report and send it to the team manager',
      timing: { from: 'previous-step', within: workingDays(2) },
      citation: { document: DOC, section: REPORT_FLOW, quote: 'Social worker to make amendments and finalise … send to Team Manager for authorisation: within 2 working days' },
    },
    {
      kind: 'joint-report-authorised',
      owner: 'team-manager',
      what: 'review and authorise the joint report',
      timing: { from: 'previous-step', within: workingDays(3) },
      citation: { document: DOC, section: REPORT_FLOW, quote: 'Team Manager to review and authorise report: within 3 working days' },
    },
    {
      kind: 'joint-report-final',
      owner: 'social-worker',
      what: 'give the final joint report to the parents and notify the Safeguarding and Review Unit',
      timing: { from: 'review-conference', before: openDays(5) },
      citation: { document: DOC, section: REPORT_FLOW, quote: 'final report to parents/carers … and to notify the Safeguarding and Review Unit: 5 days prior to RCPC' },
    },
  ],
  roleRequirements: [
    {
      meeting: 'first',
      role: 'team-manager',
      requirement: 'chairs',
      citation: { document: DOC, section: FLOW, quote: 'FIRST CORE GROUP – chaired by Team Manager' },
    },
    {
      meeting: 'second',
      role: 'team-manager',
      requirement: 'attends',
      citation: { document: DOC, section: FLOW, quote: '2nd CORE GROUP – TM to attend' },
    },
    {
      meeting: 'pre-review',
      role: 'team-manager',
      requirement: 'attends',
      citation: { document: DOC, section: FLOW, quote: 'CORE GROUP – TM to attend → 4 weeks → REVIEW CHILD PROTECTION CONFERENCE' },
    },
    {
      meeting: 'every',
      role: 'note-taker',
      requirement: 'chair-is-not-note-taker',
      citation: { document: DOC, section: 'Chair and note taker', quote: 'there should not be an expectation that the same practitioner both chairs and minutes core group meetings' },
    },
  ],
  apologies: {
    update: 'written',
    citation: {
      document: DOC,
      section: 'Reports provided by non-attendees',
      quote: 'It is not acceptable for an agency to not attend a core group meeting and not provide any written information to the social worker',
    },
    requiredParts: {
      parts: ['progressOnActions', 'whatIsWorking', 'whatIsNotWorking', 'changesToPlan'],
      citation: {
        document: DOC,
        section: 'Reports provided by non-attendees',
        quote:
          'should review how far they are progressing with implementing the action and achieving the outcomes for the child, what is working well and what is not; and updates that may be required to the plan',
      },
    },
    jointReportContribution: {
      headings: ['chronology', 'progressOfPlan', 'updatesForPlan', 'riskAndProtectiveFactors', 'voiceOfChild'],
      citation: {
        document: DOC,
        section: 'Agencies written contributions to Joint Report to be discussed and submitted',
        quote: 'At the final core group before the Review Child Protection Conference each core group member should provide a written account to the social worker to be included in the Joint Report',
      },
    },
  },
  // Seed 002's three agendas, in sentence case; the numbers are the card's.
  agendas: {
    citation: { document: DOC, section: 'Agenda for first core group; agenda for subsequent core group; agenda for the core group prior to review', quote: 'REPORTS PROVIDED BY THOSE UNABLE TO ATTEND' },
    first: [
      'Identification of note taker',
      'Introductions and apologies',
      'Purpose of the meeting and explanation to family members about the role of the core group',
      'Confirmation of core group membership and recording of contact details on proforma',
      'Check members have a copy of the outline protection plan',
      'Assessment: contributions from core group members and arrangements for completion',
      "Child's views",
      "Parent's views",
      'Review of progress against outline child protection plan and development of the detailed protection plan (agree key action points with timescales)',
      "Any further relevant information with regard to the child's safety and welfare",
      'Dates, times and venues for core group meetings until second review conference',
    ],
    subsequent: [
      ...LATER_AGENDA_OPENING,
      'Progress of assessment and arrangements for completion',
      'Review of progress of the protection plan and updates required (agree key action points with timescales)',
      "Any further relevant information with regard to the child's safety and welfare",
      'Dates, times, venues for future core groups',
    ],
    lastBeforeReview: [
      ...LATER_AGENDA_OPENING,
      '[First review core group] – progress of the assessment (date for completion and arrangements for providing a copy to family members, core group members and independent chair)',
      'Written contributions to the joint report',
    ],
  },
  practiceNotes: [
    {
      text: 'Three agendas: first core group, subsequent core groups, and the core group before review (joint report contributions and multi-agency analysis).',
      citation: { document: DOC, section: 'Agendas', quote: 'AGENDA FOR THE CORE GROUP PRIOR TO REVIEW CHILD PROTECTION CONFERENCE' },
    },
  ],
};
