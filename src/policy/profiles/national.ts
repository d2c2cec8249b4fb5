import type { PolicyProfileInput } from '../schema.js';
import { months, openDays, weeks, workingDays } from './durations.js';

const WORKING_TOGETHER = 'Working Together to Safeguard Children (England, 2023)';
const WALES = 'Wales Safeguarding Procedures (2019): children at risk of harm, Part 2';
const WALES_REGISTRATION = 'When the child’s name is placed on the child protection register';
const WALES_MEETINGS =
  'The core group should meet within 10 working days of the date of the initial child protection conference and thereafter at monthly but no more than at 6 weekly intervals';
const WALES_REVIEWS =
  'set timescales for review conferences i.e. 3 monthly as a maximum time from the date of the initial child protection conference and thereafter at no more than 6 monthly intervals';
const SCOTLAND = 'National Guidance for Child Protection in Scotland (2021, updated 2023)';

/** England's review conference cycle; local English procedures that do not restate it follow it. */
export const ENGLAND_REVIEW_CONFERENCE: PolicyProfileInput['reviewConference'] = {
  first: {
    within: months(3),
    citation: {
      document: WORKING_TOGETHER,
      section: 'Chapter 4, child protection review conference',
      quote: 'the first child protection review conference should be held within three months of the initial conference',
      wording: 'paraphrase',
    },
  },
  then: {
    within: months(6),
    citation: {
      document: WORKING_TOGETHER,
      section: 'Chapter 4, child protection review conference',
      quote: 'further reviews should be held at intervals of not more than six months',
      wording: 'paraphrase',
    },
  },
};

const ENGLAND_FIRST_CORE_GROUP: PolicyProfileInput['firstCoreGroup'] = {
  within: workingDays(10),
  citation: {
    document: WORKING_TOGETHER,
    section: 'Chapter 4, the core group',
    quote: 'the first meeting of the core group should take place within 10 working days of the initial conference',
    wording: 'paraphrase',
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
  requiredParts: {
    parts: ['progressOnActions'],
    citation: { document: 'Core group bot product rule', section: 'Apologies', quote: 'at least the progress on their actions; the other parts as they have something to say' },
  },
};

export const england: PolicyProfileInput = {
  id: 'england',
  name: 'England (national default)',
  nation: 'england-wales',
  source: {
    document: WORKING_TOGETHER,
    note: 'National guidance leaves the frequency of later core groups to local procedure; this profile uses the common local practice of at least every six weeks. Every line is a paraphrase of the chapter named: the guidance\'s own words were not checked.',
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
      wording: 'paraphrase',
    },
  },
  reviewConference: ENGLAND_REVIEW_CONFERENCE,
  apologies: PRODUCT_WRITTEN_UPDATE,
};

export const wales: PolicyProfileInput = {
  id: 'wales',
  name: 'Wales (national default)',
  nation: 'england-wales',
  source: { document: WALES, note: 'Quoted from the procedures as published on safeguarding.wales.' },
  startingConference: 'initial child protection conference',
  firstCoreGroup: {
    within: workingDays(10),
    citation: { document: WALES, section: WALES_REGISTRATION, quote: WALES_MEETINGS },
  },
  laterCoreGroups: {
    mode: 'max-gap',
    // "Monthly but no more than at 6 weekly intervals": six weeks is the longest gap allowed.
    gap: weeks(6),
    resetByReview: false,
    citation: { document: WALES, section: WALES_REGISTRATION, quote: WALES_MEETINGS },
  },
  reviewConference: {
    first: { within: months(3), citation: { document: WALES, section: WALES_REGISTRATION, quote: WALES_REVIEWS } },
    then: { within: months(6), citation: { document: WALES, section: WALES_REGISTRATION, quote: WALES_REVIEWS } },
  },
  outlinePlan: {
    within: workingDays(5),
    owner: 'chair',
    what: 'circulate the outline plan and a summary of the conference decisions to those invited and the core group',
    citation: {
      document: WALES,
      section: 'The care and support protection plan',
      quote:
        'Within five working days a copy of the outline plan and a summary of decisions made at the initial child protection conference, which includes the date of the next conference, should be circulated to those invited and present at the conference and members of the core group',
    },
  },
  apologies: PRODUCT_WRITTEN_UPDATE,
};

export const scotland: PolicyProfileInput = {
  id: 'scotland',
  name: 'Scotland (national default)',
  nation: 'scotland',
  source: {
    document: SCOTLAND,
    note:
      'Counts from the child protection planning meeting (CPPM). The guidance says "15 days" without saying which kind; this profile reads them as working days (openDaysAre). It leaves the frequency of later core groups to local procedure; this profile uses every four weeks. The review lines are paraphrases: their words were not checked against the guidance.',
  },
  startingConference: 'child protection planning meeting',
  firstCoreGroup: {
    within: openDays(15),
    citation: {
      document: SCOTLAND,
      section: 'Part 3, paragraph 3.137, the Core Group',
      quote: 'meet in person on a regular basis to carry out their functions, the first time being within 15 days of the CPPM',
    },
  },
  laterCoreGroups: {
    mode: 'max-gap',
    gap: weeks(4),
    resetByReview: false,
    citation: {
      document: SCOTLAND,
      section: 'Part 3, the Core Group (frequency is a local choice)',
      quote: 'local choice of every four weeks, the common practice of Scottish local procedures',
      wording: 'paraphrase',
    },
  },
  reviewConference: {
    first: {
      within: months(6),
      citation: { document: SCOTLAND, section: 'Part 3, review child protection planning meeting', quote: 'a review meeting within six months', wording: 'paraphrase' },
    },
    then: {
      within: months(6),
      citation: { document: SCOTLAND, section: 'Part 3, review child protection planning meeting', quote: 'further reviews within six months of the last', wording: 'paraphrase' },
    },
  },
  apologies: PRODUCT_WRITTEN_UPDATE,
};
