import type { MembersData } from '../../cards/index.js';
import type { CaseView, Member, MemberRole } from '../../src/cases/model.js';
import { caseLabel } from './caseSummary.js';

const ROLE: Readonly<Record<MemberRole, string>> = {
  professional: 'Professional',
  'parent-or-carer': 'Parent or carer',
  'child-or-young-person': 'Child or young person',
  'advocate-or-supporter': 'Advocate or supporter',
};

/** Family and their supporters are shown by role and member id only: a card may show on a lock screen. */
const SHOWN_BY_NAME: ReadonlySet<MemberRole> = new Set(['professional']);

export function memberLabel(member: Pick<Member, 'role' | 'memberId' | 'displayName' | 'agency'>): string {
  return SHOWN_BY_NAME.has(member.role) ? `${member.displayName}, ${member.agency}` : `${ROLE[member.role]} (${member.memberId})`;
}

export function membersData(view: CaseView): MembersData {
  const active = view.members.filter((m) => m.status === 'active');
  const { allowed } = view.viewer;
  const outside = active.filter((m) => !m.reachableInTeams).length;
  return {
    caseRef: view.caseRef,
    caseLabel: caseLabel(view),
    summary: `${active.length} member${active.length === 1 ? '' : 's'}${outside ? `, ${outside} not in Teams` : ''}`,
    canManage: allowed.includes('add-member'),
    version: view.version,
    members: active.map((m) => ({
      memberId: m.memberId,
      label: memberLabel(m),
      detail: `${ROLE[m.role]} · ${m.memberId}${m.memberId === view.viewer.memberId ? ' · you' : ''}`,
      reach: m.reachableInTeams ? '' : `Not in Teams: the bot cannot message them. Share by: ${m.secureSharing}`,
      // The social worker leads the core group: they stay on it while the case is theirs.
      canRemove: allowed.includes('remove-member') && m.aadObjectId !== view.socialWorker,
    })),
  };
}
