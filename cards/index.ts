export { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCardJson } from './render.js';
export { escapeMarkdown } from './markdown.js';
export { caseSummaryCard, type CaseSummaryData, type CaseSummaryLine, type StatusColor } from './caseSummary.js';
export { confirmationCard, errorCard, infoCard, type NoticeData } from './notice.js';
export { EMPTY_NEW_CASE, newCaseFormCard, type NewCaseFormData, type NewCaseValues } from './newCase.js';
export { addMemberFormCard, EMPTY_MEMBER, type AddMemberFormData, type AddMemberValues } from './addMember.js';
export { membersCard, type MemberLine, type MembersData } from './members.js';
export { helpCard, type HelpData } from './help.js';
export { noErrors, type FieldErrors, type PickerChoice } from './formFields.js';
