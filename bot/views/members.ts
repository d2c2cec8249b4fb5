import type { Choice, MembersData } from '../../cards/index.js';
import { isRemovable } from '../../src/cases/caseChanges.js';
import { REMOVAL_REASON_WORDS, REMOVAL_REASONS, ROLE_NAMES, MEMBER_ROLES } from '../../src/cases/membership.js';
import { isFamilyMember, type CaseView, type Member } from '../../src/cases/model.js';
import { caseLabel } from './caseSummary.js';

/** The roles and the reasons for leaving as a form offers them, in the domain's own words. */
export const ROLE_CHOICES: readonly Choice[] = MEMBER_ROLES.map((role) => ({ title: ROLE_NAMES[role], value: role }));
export const REASON_CHOICES: readonly Choice[] = REMOVAL_REASONS.map((reason) => {
  const words = REMOVAL_REASON_WORDS[reason];
  return { title: `${words.charAt(0).toUpperCase()}${words.slice(1)}`, value: reason };
});

const lowerFirst = (words: string): string => `${words.charAt(0).toLowerCase()}${words.slice(1)}`;

/** Who a member is in a sentence: a professional's name, a family member's label (never a name: there is none). */
export const memberName = (member: Member): string => (isFamilyMember(member) ? member.label : member.displayName);

/** The member in a sentence with what tells them apart: "Parent B (parent or carer)", "Lynne Robbins (School)". */
export const memberWithRole = (member: Member): string =>
  `${memberName(member)} (${isFamilyMember(member) ? lowerFirst(ROLE_NAMES[member.role]) : member.agency})`;

/** What the confirmation asks before a member is removed. */
export const removalQuestion = (view: Pick<CaseView, 'caseRef' | 'alias'>, member: Member): string =>
  `Remove ${memberWithRole(member)} from the core group for ${caseLabel(view)}?`;

/** What a removal did, from the member's stored row, so a repeated submit is answered in the same words. */
export function removalNotice(view: Pick<CaseView, 'caseRef' | 'alias'>, member: Member): string {
  const why = member.removal ? ` (${REMOVAL_REASON_WORDS[member.removal.reason]})` : '';
  return `${memberName(member)} is no longer in the core group for ${caseLabel(view)}${why}. They will not be sent invitations or papers.`;
}

export function membersData(view: CaseView, notice = ''): MembersData {
  const active = view.members.filter((m) => m.status === 'active');
  const { allowed } = view.viewer;
  const canRemove = allowed.includes('remove-member');
  const outside = active.filter((m) => m.aadObjectId === undefined).length;
  return {
    caseRef: view.caseRef,
    caseLabel: caseLabel(view),
    notice,
    summary: `${active.length} member${active.length === 1 ? '' : 's'}${outside ? `, ${outside} not in Teams` : ''}`,
    canAdd: allowed.includes('add-member'),
    canReassign: allowed.includes('reassign-role'),
    members: active.map((m) => ({
      memberId: m.memberId,
      label: isFamilyMember(m) ? m.label : `${m.displayName}, ${m.agency}`,
      detail: `${ROLE_NAMES[m.role]} · ${m.memberId}${m.memberId === view.viewer.memberId ? ' · you' : ''}`,
      reach: m.aadObjectId !== undefined ? '' : `Not in Teams, so the bot cannot message them. Papers: ${m.contactRoute ?? 'not said'}`,
      canRemove: canRemove && isRemovable(view, m),
    })),
  };
}
