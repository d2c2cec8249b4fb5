import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPolicyRegistry, loadPolicyFile, PolicyError, UnknownPolicyError } from '../../src/policy/index.js';

const registry = createPolicyRegistry();
const dir = mkdtempSync(join(tmpdir(), 'policy-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('built-in profiles', () => {
  it('ship every required id', () => {
    expect([...registry.ids()].sort()).toEqual(
      ['england', 'ni-regional', 'scotland', 'six-weekly-isu', 'six-weekly-joint-report', 'wales', 'warwickshire', 'york'].sort(),
    );
  });

  it('name their calendar nation', () => {
    expect(registry.require('ni-regional').nation).toBe('northern-ireland');
    expect(registry.require('scotland').nation).toBe('scotland');
    expect(registry.require('york').nation).toBe('england-wales');
  });

  it('cite a document, section and words for every rule', () => {
    for (const id of registry.ids()) {
      const p = registry.require(id);
      const citations = [
        p.firstCoreGroup.citation,
        ...(p.laterCoreGroups.mode === 'max-gap'
          ? [p.laterCoreGroups.citation, ...(p.laterCoreGroups.preReview ? [p.laterCoreGroups.preReview.citation] : [])]
          : [p.laterCoreGroups.afterInitialConference.citation, p.laterCoreGroups.afterReviewConference.citation]),
        p.reviewConference.first.citation,
        p.reviewConference.then.citation,
        p.apologies.citation,
        p.apologies.requiredParts.citation,
        ...(p.apologies.jointReportContribution ? [p.apologies.jointReportContribution.citation] : []),
        ...p.followUps.map((r) => r.citation),
        ...(p.jointReport ?? []).map((r) => r.citation),
        ...p.roleRequirements.map((r) => r.citation),
        ...(p.missedCoreGroup ? [p.missedCoreGroup.citation] : []),
      ];
      for (const c of citations) expect(c.document.length * c.section.length * c.quote.length, `${id}: ${JSON.stringify(c)}`).toBeGreaterThan(0);
    }
  });

  it('an unknown id lists the valid ones', () => {
    expect(() => registry.require('leeds')).toThrow(UnknownPolicyError);
    expect(() => registry.require('leeds')).toThrow(/Unknown policy "leeds". Valid policies: six-weekly-isu, ni-regional, .*scotland/);
  });
});

describe('an organisation’s POLICY_FILE', () => {
  const own = { ...registry.require('york'), id: 'our-council', name: 'Our council' };

  it('adds valid profiles beside the built-in ones', () => {
    const profiles = loadPolicyFile(file('good.json', { profiles: [own] }));
    expect(createPolicyRegistry(profiles).require('our-council').name).toBe('Our council');
  });

  it('a bad field stops with an error naming the profile and the field', () => {
    const bad = { ...own, laterCoreGroups: { ...own.laterCoreGroups, gap: { amount: 1, unit: 'fortnights' } } };
    expect(() => loadPolicyFile(file('bad.json', { profiles: [bad] }))).toThrow(
      /POLICY_FILE .*bad\.json: profile "our-council": laterCoreGroups\.gap\.unit: Invalid enum value/,
    );
  });

  it('a missing rule is named too', () => {
    const { firstCoreGroup: _dropped, ...missing } = own;
    expect(() => loadPolicyFile(file('missing.json', { profiles: [missing] }))).toThrow(/profile "our-council": firstCoreGroup: Required/);
  });

  it('an unknown field is refused rather than ignored', () => {
    expect(() => loadPolicyFile(file('extra.json', { profiles: [{ ...own, secondCoreGroup: {} }] }))).toThrow(/Unrecognized key.*secondCoreGroup/);
  });

  it('a joint report without a core group before review is refused', () => {
    const joint = { ...registry.require('six-weekly-joint-report'), id: 'joint-no-pre' };
    const broken = { ...joint, laterCoreGroups: { ...joint.laterCoreGroups, preReview: undefined } };
    expect(() => loadPolicyFile(file('joint.json', { profiles: [broken] }))).toThrow(/profile "joint-no-pre": jointReport: a joint report needs/);
  });

  it('joint-report contributions without a joint report are refused', () => {
    const { jointReport: _none, ...broken } = { ...registry.require('six-weekly-joint-report'), id: 'contribution-only' };
    expect(() => loadPolicyFile(file('contribution.json', { profiles: [broken] }))).toThrow(
      /profile "contribution-only": apologies\.jointReportContribution: contributions are asked for a joint report: the profile has none/,
    );
  });

  it('an id may not repeat a built-in one', () => {
    const profiles = loadPolicyFile(file('dup.json', { profiles: [{ ...own, id: 'york' }] }));
    expect(() => createPolicyRegistry(profiles)).toThrow(/profile "york" is defined twice/);
  });

  it('a file that is not JSON, or has no profiles, is refused', () => {
    expect(() => loadPolicyFile(file('junk.json', '{ not json'))).toThrow(PolicyError);
    expect(() => loadPolicyFile(file('empty.json', { profiles: [] }))).toThrow(/expected \{ "profiles"/);
    expect(() => loadPolicyFile(join(dir, 'absent.json'))).toThrow(/cannot be read/);
  });
});
