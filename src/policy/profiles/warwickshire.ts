import type { PolicyProfileInput } from '../schema.js';
import { months, workingDays } from './durations.js';
import { ENGLAND_REVIEW_CONFERENCE } from './national.js';

const DOC = 'Warwickshire Safeguarding Children Board: A Guide for Core Group Members';
const ROLE = 'The Role of the Core Group';

/** Seed 003: monthly core groups, apologies with a verbal and/or written update. */
export const warwickshire: PolicyProfileInput = {
  id: 'warwickshire',
  name: 'Warwickshire: monthly core groups',
  nation: 'england-wales',
  source: { document: DOC, note: 'The leaflet does not restate the review conference cycle, so the national one for England applies.' },
  startingConference: 'initial child protection conference',
  firstCoreGroup: {
    within: workingDays(10),
    citation: { document: DOC, section: ROLE, quote: 'To meet within 10 working days of the Initial Child Protection Conference' },
  },
  laterCoreGroups: {
    mode: 'max-gap',
    gap: months(1),
    resetByReview: false,
    citation: { document: DOC, section: ROLE, quote: 'Thereafter to meet regularly (minimum of a monthly basis)' },
  },
  reviewConference: ENGLAND_REVIEW_CONFERENCE,
  followUps: [
    {
      kind: 'chronology-update',
      owner: 'core-group-members',
      what: 'update the multi-agency chronology',
      citation: { document: DOC, section: ROLE, quote: 'To compile a multi-agency chronology and ensure it is updated at every core group meeting' },
    },
  ],
  apologies: {
    update: 'verbal-or-written',
    citation: {
      document: DOC,
      section: 'Tips for Effective Core Group Working',
      quote: 'give apologies to the key-worker and offer a verbal and /or written update',
    },
    // The leaflet asks for one thing: what the member has done with the family since the last meeting.
    requiredParts: {
      parts: ['progressOnActions'],
      citation: { document: DOC, section: 'Tips for Effective Core Group Working', quote: 'verbal and /or written update on any input/contact they have had with the family since the previous meeting' },
    },
  },
  practiceNotes: [
    {
      // The monthly rule already puts a core group within a month of the second review while the plan lasts.
      text: 'Hold a core group after the second review conference (at about nine months).',
      citation: { document: DOC, section: ROLE, quote: 'Core group meeting after the Second Review Case Conference (9 months)' },
    },
  ],
};
