import type { PolicyProfileInput } from '../schema.js';
import { months, weeks, workingDays } from './durations.js';

const WORKING_TOGETHER = 'Working Together to Safeguard Children (England, 2023)';
const WALES = 'Wales Safeguarding Procedures (2019), children at risk';
const SCOTLAND = 'National Guidance for Child Protection in Scotland (2021, updated 2023)';

/** England's review conference cycle; local English procedures that do not restate it follow it. */
export const ENGLAND_REVIEW_CONFERENCE: PolicyProfileInput['reviewConference'] = {
  first: {
    within: months(3),
    citation: {
      document: WORKING_TOGETHER,
      section: 'Chapter 4, child protection review conference',
      quote: 'the first child protection review conference should be held within three months of the initial conference',
    },
  },
  then: {
    within: months(6),
    citation: {
      document: WORKING_TOGETHER,
      section: 'Chapter 4, child protection review conference',
      quote: 'further reviews should be held at intervals of not more than six months',
    },
  },
};

export const ENGLAND_FIRST_CORE_GROUP: PolicyProfileInput['firstCoreGroup'] = {
  within: workingDays(10),
  citation: {
    document: WORKING_TOGETHER,
    section: 'Chapter 4, the core group',
    quote: 'the first meeting of the core group should take place within 10 working days of the initial conference',
  },
};

/** Where a document is silent on apologies, the product's own rule applies: no apology without a written update. */
export const PRODUCT_WRITTEN_UPDATE: PolicyProfileInput['apologies'] = {
  update: 'written',
  citation: {
    document: 'Core group bot product rule',
    section: 'Apologies',
    quote: 'a member who cannot attend sends a written update on their part of the plan',
  },
};

export const england: PolicyProfileInput = {
  id: 'england',
  name: 'England (national default)',
  nation: 'england-wales',
  source: {
    document: WORKING_TOGETHER,
    note: 'National guidance leaves the frequency of later core groups to local procedure; this profile uses the common local practice of at least every six weeks.',
  },
  startingConference: 'initial child protection conference',
  firstCoreGroup: ENGLAND_FIRST_CORE_GROUP,
  laterCoreGroups: {
    mode: 'max-gap',
    gap: weeks(6),
    resetByReview: false,
    citation: {
      document: WORKING_TOGETHER,
      section: 'Chapter 4, the core group (frequency is a local choice)',
      quote: 'local choice: at least every six weeks, the common practice of English local procedures',
    },
  },
  reviewConference: ENGLAND_REVIEW_CONFERENCE,
  apologies: PRODUCT_WRITTEN_UPDATE,
};

export const wales: PolicyProfileInput = {
  id: 'wales',
  name: 'Wales (national default)',
  nation: 'england-wales',
  source: { document: WALES },
  startingConference: 'initial child protection conference',
  firstCoreGroup: {
    within: workingDays(10),
    citation: { document: WALES, section: 'Core group', quote: 'the first core group meeting within 10 working days of the initial conference' },
  },
  laterCoreGroups: {
    mode: 'max-gap',
    gap: weeks(6),
    resetByReview: false,
    citation: { document: WALES, section: 'Core group', quote: 'the core group meets at least every six weeks' },
  },
  reviewConference: {
    first: {
      within: months(3),
      citation: { document: WALES, section: 'Review conference', quote: 'the first review conference within three months of the initial conference' },
    },
    then: {
      within: months(6),
      citation: { document: WALES, section: 'Review conference', quote: 'subsequent reviews at intervals of no more than six months' },
    },
  },
  followUps: [
    {
      kind: 'plan-circulation',
      within: workingDays(5),
      owner: 'social-worker',
      what: 'send the updated plan to core group members',
      citation: { document: WALES, section: 'Core group', quote: 'the updated plan is circulated within five working days' },
    },
  ],
  apologies: PRODUCT_WRITTEN_UPDATE,
};

export const scotland: PolicyProfileInput = {
  id: 'scotland',
  name: 'Scotland (national default)',
  nation: 'scotland',
  source: {
    document: SCOTLAND,
    note: 'Counts from the child protection planning meeting. National guidance leaves the frequency of later core groups to local procedure; this profile uses every four weeks.',
  },
  startingConference: 'child protection planning meeting',
  firstCoreGroup: {
    within: workingDays(15),
    citation: {
      document: SCOTLAND,
      section: 'Part 3, core group',
      quote: 'the core group should meet within 15 working days of the child protection planning meeting',
    },
  },
  laterCoreGroups: {
    mode: 'max-gap',
    gap: weeks(4),
    resetByReview: false,
    citation: {
      document: SCOTLAND,
      section: 'Part 3, core group (frequency is a local choice)',
      quote: 'local choice: every four weeks, the common practice of Scottish local procedures',
    },
  },
  reviewConference: {
    first: {
      within: months(6),
      citation: { document: SCOTLAND, section: 'Part 3, review child protection planning meeting', quote: 'a review meeting within six months' },
    },
    then: {
      within: months(6),
      citation: { document: SCOTLAND, section: 'Part 3, review child protection planning meeting', quote: 'further reviews within six months of the last' },
    },
  },
  apologies: PRODUCT_WRITTEN_UPDATE,
};
