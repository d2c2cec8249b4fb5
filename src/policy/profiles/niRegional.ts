import type { PolicyProfileInput } from '../schema.js';
import { months, weeks, workingDays } from './durations.js';

const DOC = 'Core Group Regional Policy and Procedures (Northern Ireland, v1.0, October 2015)';
const FREQUENCY = '4 Frequency of Core Group Meetings';

/** Seed 001: the Northern Ireland regional procedure, also the national default for Northern Ireland. */
export const niRegional: PolicyProfileInput = {
  id: 'ni-regional',
  name: 'Northern Ireland regional procedure',
  nation: 'northern-ireland',
  source: {
    document: DOC,
    note: 'Later core groups are targets ("should occur", "suggested intervals"), shown as targets rather than breaches.',
  },
  startingConference: 'initial child protection case conference',
  firstCoreGroup: {
    within: workingDays(10),
    citation: {
      document: DOC,
      section: FREQUENCY,
      quote: 'The first core group meeting must occur within 10 working days from the Initial Child Protection Case Conference',
    },
  },
  laterCoreGroups: {
    mode: 'targets',
    afterInitialConference: {
      spans: [weeks(6)],
      citation: { document: DOC, section: FREQUENCY, quote: 'The second should occur 6 weeks after the Initial Child Protection Case Conference' },
    },
    afterReviewConference: {
      spans: [months(2), months(4)],
      citation: {
        document: DOC,
        section: FREQUENCY,
        quote: 'There should be a minimum of 2 core group meetings. The suggested intervals are at 2 and 4 months',
      },
    },
  },
  reviewConference: {
    first: {
      within: months(3),
      citation: { document: DOC, section: FREQUENCY, quote: 'the 3 month period between the Initial Child Protection Case Conference and the first Review' },
    },
    then: {
      within: months(6),
      citation: { document: DOC, section: FREQUENCY, quote: 'the 6 month period between Review Child Protection Case Conferences' },
    },
  },
  followUps: [
    {
      kind: 'record-distribution',
      within: workingDays(14),
      owner: 'social-worker',
      what: 'distribute the typed record of the core group',
      citation: {
        document: DOC,
        section: '5 Recording of the Core Group Meeting',
        quote: 'A typed record will be distributed within 14 working days',
      },
    },
  ],
  childSeen: {
    every: weeks(4),
    owner: 'social-worker',
    citation: {
      document: DOC,
      section: '6 Role of the Case Co-ordinator',
      quote: 'Child(ren) must be seen at a minimum of at least every 4 weeks during the period of registration',
    },
  },
  roleRequirements: [
    {
      meeting: 'every',
      role: 'band-7-manager',
      requirement: 'chairs',
      when: 'case-coordinator-is-aye',
      citation: {
        document: DOC,
        section: '6 Role of the Case Co-ordinator',
        quote: 'If the case coordinator is an Assessed Year in Employment (AYE) social worker: the social work manager (band 7)/senior social work practitioner (band 7) must chair the core group',
      },
    },
  ],
  apologies: {
    update: 'written',
    citation: {
      document: DOC,
      section: '1 The Core Group',
      quote: 'If a core group member cannot attend they must provide the case co-ordinator (SW) in writing an update',
    },
    // "Issues with implementation" is what is not working: the two parts seed 001 names.
    requiredParts: {
      parts: ['progressOnActions', 'whatIsNotWorking'],
      citation: { document: DOC, section: '1 The Core Group', quote: 'include information about progress made and any issues with implementation of the plan' },
    },
  },
  practiceNotes: [
    {
      text: 'Copies of the handwritten record are given to those present at the end of the meeting.',
      citation: { document: DOC, section: '5 Recording of the Core Group Meeting', quote: 'copies given to professionals, parents/carers and child/young person at the end of the meeting' },
    },
    {
      text: "Parents are invited unless the conference excluded them; the child's and the parents' views are recorded at every core group.",
      citation: {
        document: DOC,
        section: '10 Participation of Parents, Children and Young People in Core Groups',
        quote: "Parents should be invited to all core group meetings with the exception of those excluded … The child/young person's views should always be represented and recorded",
      },
    },
  ],
};
