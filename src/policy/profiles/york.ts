import type { PolicyProfileInput } from '../schema.js';
import { months, workingDays } from './durations.js';
import { ENGLAND_REVIEW_CONFERENCE, PRODUCT_WRITTEN_UPDATE } from './national.js';

const DOC = 'City of York Safeguarding Children Partnership: One Minute Guide, Child Protection Core Group Meeting';

/** Seed 004: monthly core groups; record and updated plan to members and the conference chair in 10 working days. */
export const york: PolicyProfileInput = {
  id: 'york',
  name: 'York: monthly core groups',
  nation: 'england-wales',
  source: { document: DOC, note: 'The guide does not restate the review conference cycle, so the national one for England applies.' },
  startingConference: 'initial child protection conference',
  firstCoreGroup: {
    within: workingDays(10),
    citation: { document: DOC, section: 'How often does the core group meet?', quote: 'within 10 working days of the Initial Child Protection Conference' },
  },
  laterCoreGroups: {
    mode: 'max-gap',
    gap: months(1),
    resetByReview: false,
    citation: { document: DOC, section: 'How often does the core group meet?', quote: 'at least every month for as long as the plan is needed' },
  },
  reviewConference: ENGLAND_REVIEW_CONFERENCE,
  followUps: [
    {
      kind: 'record-distribution',
      within: workingDays(10),
      owner: 'social-worker',
      what: 'send the written record and the updated plan to every member and the conference chair',
      citation: {
        document: DOC,
        section: 'Written record of core group meetings',
        quote: 'a written record of core group meetings with copy of the updated plan within 10 working days of every meeting',
      },
    },
  ],
  apologies: PRODUCT_WRITTEN_UPDATE,
  practiceNotes: [
    {
      text: 'Where an interpreter was used, translate the written record and the plan.',
      citation: {
        document: DOC,
        section: 'Written record of core group meetings',
        quote: 'Where an interpreter is used the written record of the core group meetings and evolving protection plan will be translated',
      },
    },
  ],
};
