import type { Asker, CommandHandler } from './types.js';

export interface CaseLine {
  readonly caseRef: string;
  /** The neutral alias the social worker chose, if any; never a child's or family's name. */
  readonly alias?: string;
  /** The asker's role on the case: "social worker", "core group member", ... */
  readonly role: string;
}

export interface CasesDeps {
  readonly myCases: (asker: Asker) => Promise<readonly CaseLine[]>;
}

export const handleCases: CommandHandler<CasesDeps> = async ({ asker }, deps) => {
  const cases = await deps.myCases(asker);
  if (cases.length === 0) return 'You are not on any cases yet. Say "new case" to set one up.';
  return ['Your cases:', ...cases.map((line) => `- ${line.caseRef}${line.alias ? ` (${line.alias})` : ''}: ${line.role}`)].join('\n');
};
