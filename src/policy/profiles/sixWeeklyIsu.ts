import type { PolicyProfileInput } from '../schema.js';
import { weeks, workingDays } from './durations.js';
import { ENGLAND_REVIEW_CONFERENCE, PRODUCT_WRITTEN_UPDATE } from './national.js';

const DOC = 'Guidance for arranging and chairing Core Group Meetings (Independent Safeguarding Unit)';

/** Seed 000: an English authority whose child protection chairs sit in an Independent Safeguarding Unit. */
export const sixWeeklyIsu: PolicyProfileInput = {
  id: 'six-weekly-isu',
  name: 'Six-weekly core groups with ISU quality assurance',
  nation: 'england-wales',
  source: {
    document: DOC,
    note: 'The guidance does not restate the review conference cycle, so the national one for England applies.',
  },
  startingConference: 'initial child protection conference',
  firstCoreGroup: {
    within: workingDays(10),
    citation: {
      document: DOC,
      section: 'Timescales / Frequency',
      quote: 'The First Core Group is convened within 10 working days of the Initial Child Protection Conference',
    },
  },
  laterCoreGroups: {
    mode: 'max-gap',
    gap: weeks(6),
    resetByReview: false,
    citation: {
      document: DOC,
      section: 'Timescales / Frequency',
      quote: 'at least every six weeks thereafter – whether a review takes place in the period or not',
    },
  },
  reviewConference: ENGLAND_REVIEW_CONFERENCE,
  followUps: [
    {
      kind: 'plan-update',
      within: workingDays(2),
      owner: 'social-worker',
      what: 'record the agreed updates to the plan',
      citation: { document: DOC, section: 'Timescales / Frequency', quote: 'the plan must be updated within two working days' },
    },
    {
      kind: 'plan-circulation',
      within: workingDays(5),
      owner: 'social-worker',
      what: 'circulate the updated plan to core group members',
      citation: { document: DOC, section: 'Timescales / Frequency', quote: 'the plan must be circulated within five working days' },
    },
    {
      kind: 'plan-to-isu',
      owner: 'social-worker',
      what: 'send a copy of the developed plan to the ISU',
      citation: { document: DOC, section: 'Actions following a Core Group and Quality Assurance', quote: 'Send a copy of the developed plan to the ISU' },
    },
  ],
  outlinePlan: {
    // "Within 24 hours" of a conference held on a working day is read as by the next working day.
    within: workingDays(1),
    owner: 'isu',
    what: 'send the outline child protection plan to the core group members',
    citation: {
      document: DOC,
      section: 'What needs to happen before the Core Group takes place',
      quote: 'After the ICPC, the Outline Child Protection Plan is sent out within 24 hours by ISU to Core Group members',
    },
  },
  missedCoreGroup: {
    holdWithin: workingDays(5),
    notify: ['team-manager', 'service-delivery-manager'],
    citation: {
      document: DOC,
      section: 'Actions following a Core Group and Quality Assurance',
      quote: 'Hold a Core Group within five working days; Child Protection Chair will email Team Manager and Service Delivery Manager',
    },
  },
  roleRequirements: [
    {
      meeting: 'every',
      role: 'social-worker',
      requirement: 'chairs',
      citation: {
        document: DOC,
        section: 'Key responsibilities',
        quote: 'The social worker is responsible for arranging and chairing the Core Group meetings',
      },
    },
  ],
  apologies: PRODUCT_WRITTEN_UPDATE,
  practiceNotes: [
    {
      text: 'Keep an attendance list of attendees, apologies and absentees.',
      citation: { document: DOC, section: 'What should the Core Group meeting include', quote: 'Maintenance of attendance list – attendees, apologies and absentees' },
    },
    {
      text: 'Set a date for the next core group at every meeting.',
      citation: { document: DOC, section: 'What should the Core Group meeting include', quote: 'Set a date for the next Core Group meeting' },
    },
  ],
};
