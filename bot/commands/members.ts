import type { Asker, CommandHandler } from './types.js';

export interface MemberLine {
  /** How the member is shown: a professional's display name, or a role label for family ("Parent 1"). */
  readonly label: string;
  readonly role: string;
  /** False for people the bot cannot message in Teams (family, other organisations, app not installed). */
  readonly reachable: boolean;
}

export interface MembersDeps {
  readonly members: (asker: Asker, caseRef: string) => Promise<readonly MemberLine[]>;
}

export const handleMembers: CommandHandler<MembersDeps> = async ({ asker, intent }, deps) => {
  if (intent.caseRef === undefined) return 'Which case? For example: members CP-1042';
  const members = await deps.members(asker, intent.caseRef);
  if (members.length === 0) return `${intent.caseRef} has no core group members yet.`;
  return [
    `Core group for ${intent.caseRef}:`,
    ...members.map((member) => `- ${member.label}, ${member.role}${member.reachable ? '' : ' (not reachable in Teams)'}`),
  ].join('\n');
};
