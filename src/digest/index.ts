export { DUE_WITHIN_WORKING_DAYS, TIMELINESS_WEEKS, digestFor, type Digest, type DigestAction, type DigestCase, type DigestCaseLines, type DigestDeps, type DigestLine, type DigestPerson, type DigestRole, type DigestVariant, type Tally, type Timeliness } from './digest.js';
export { DIGEST_CHOICES, DigestPreferences, type DigestChoice, type PreferenceChange } from './preferences.js';
export { DIGEST_CARD, digestRequests, digestVariantOn, isFirstWorkingDayOfWeek, type DigestPages, type DigestRequestDeps } from './requests.js';
