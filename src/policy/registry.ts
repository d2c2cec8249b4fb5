import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { policyProfileSchema, type ApologyRules, type PolicyProfile, type PolicyProfileInput } from './schema.js';
import { england, scotland, wales } from './profiles/national.js';
import { niRegional } from './profiles/niRegional.js';
import { sixWeeklyIsu } from './profiles/sixWeeklyIsu.js';
import { sixWeeklyJointReport } from './profiles/sixWeeklyJointReport.js';
import { warwickshire } from './profiles/warwickshire.js';
import { york } from './profiles/york.js';

const BUILT_IN: readonly PolicyProfileInput[] = [
  sixWeeklyIsu,
  niRegional,
  sixWeeklyJointReport,
  warwickshire,
  york,
  england,
  wales,
  scotland,
];

export class PolicyError extends Error {
  override name = 'PolicyError';
}

export class UnknownPolicyError extends PolicyError {
  constructor(
    readonly id: string,
    readonly knownIds: readonly string[],
  ) {
    super(`Unknown policy "${id}". Valid policies: ${knownIds.join(', ')}`);
  }
}

const fileSchema = z.object({ profiles: z.array(z.unknown()).min(1) }).strict();

/** Validates profiles one by one so an error names the profile (by id where it has one) and the field. */
function parseProfiles(inputs: readonly unknown[], where: string): PolicyProfile[] {
  return inputs.map((input, index) => {
    const result = policyProfileSchema.safeParse(input);
    if (result.success) return result.data;
    const id = typeof input === 'object' && input !== null && 'id' in input ? String(input.id) : undefined;
    const profile = id ? `profile "${id}"` : `profile #${index + 1}`;
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(profile)'}: ${issue.message}`);
    throw new PolicyError(`${where}: ${profile}: ${problems.join('; ')}`);
  });
}

/** Reads an organisation's own profiles: JSON `{ "profiles": [ … ] }`, each validated like the built-in ones. */
export function loadPolicyFile(path: string): PolicyProfile[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PolicyError(`POLICY_FILE ${path}: cannot be read as JSON (${(error as Error).message})`);
  }
  const file = fileSchema.safeParse(json);
  if (!file.success) throw new PolicyError(`POLICY_FILE ${path}: expected { "profiles": [ … ] } with at least one profile`);
  return parseProfiles(file.data.profiles, `POLICY_FILE ${path}`);
}

export interface PolicyRegistry {
  ids(): readonly string[];
  get(id: string): PolicyProfile | undefined;
  /** The profile, or an UnknownPolicyError that lists the valid ids. */
  require(id: string): PolicyProfile;
}

/** The built-in profiles plus an organisation's own; an id may not be defined twice. */
export function createPolicyRegistry(extra: readonly PolicyProfile[] = []): PolicyRegistry {
  const byId = new Map<string, PolicyProfile>();
  for (const profile of [...parseProfiles(BUILT_IN, 'built-in profiles'), ...extra]) {
    if (byId.has(profile.id)) throw new PolicyError(`profile "${profile.id}" is defined twice; choose another id`);
    byId.set(profile.id, profile);
  }
  const ids = [...byId.keys()];
  return {
    ids: () => ids,
    get: (id) => byId.get(id),
    require(id) {
      const profile = byId.get(id);
      if (!profile) throw new UnknownPolicyError(id, ids);
      return profile;
    },
  };
}

/** What each procedure asks of apologies, for the case service (which knows policies only by id). */
export const apologiesFrom =
  (registry: PolicyRegistry) =>
  (policyId: string): ApologyRules =>
    registry.require(policyId).apologies;
