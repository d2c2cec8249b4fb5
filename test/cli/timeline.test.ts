import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runTimelineCli } from '../../src/cli/timelineCli.js';

const json = (args: string[]) => {
  const result = runTimelineCli([...args, '--json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.out) as {
    policy: string;
    nextCoreGroupDue: string | null;
    nextReviewConferenceDue: string | null;
    obligations: Array<{ kind: string; due: string; status: string; owner: string; basis: string }>;
  };
};

describe('timeline preview CLI', () => {
  it('gives the next core group and review and every obligation as JSON', () => {
    const out = json(['--policy', 'six-weekly-isu', '--icpc', '2026-12-14', '--core-group', '2026-12-23', '--today', '2027-01-05']);
    expect(out.policy).toBe('six-weekly-isu');
    expect(out.nextCoreGroupDue).toBe('2027-02-03');
    expect(out.nextReviewConferenceDue).toBe('2027-03-12');
    expect(out.obligations.map((o) => [o.kind, o.due, o.status, o.owner])).toEqual([
      ['outline-plan', '2026-12-15', 'overdue', 'isu'],
      // No timescale in the source: owed from the meeting, never overdue.
      ['plan-to-isu', '2026-12-23', 'owed', 'social-worker'],
      ['plan-update', '2026-12-29', 'overdue', 'social-worker'],
      ['core-group', '2026-12-30', 'met', 'social-worker'],
      ['plan-circulation', '2027-01-04', 'overdue', 'social-worker'],
      ['core-group', '2027-02-03', 'upcoming', 'social-worker'],
      ['review-conference', '2027-03-12', 'upcoming', 'chair'],
    ]);
  });

  it('keeps a passed due date as the next core group, overdue', () => {
    const out = json(['--policy', 'york', '--icpc', '2027-01-04', '--today', '2027-03-01']);
    expect(out.nextCoreGroupDue).toBe('2027-01-18');
    expect(out.obligations[0]).toMatchObject({ kind: 'core-group', status: 'overdue' });
  });

  it('has minutes, record distribution and the joint report where the profile has them', () => {
    const joint = json(['--policy', 'six-weekly-joint-report', '--icpc', '2027-03-01', '--core-group', '2027-03-12', '--core-group', '2027-04-23', '--today', '2027-04-26']);
    expect(new Set(joint.obligations.map((o) => o.kind))).toEqual(
      new Set(['core-group', 'review-conference', 'minutes', 'minutes-dissemination', 'joint-report-draft', 'joint-report-comments', 'joint-report-to-manager', 'joint-report-authorised', 'joint-report-final']),
    );
    const ni = json(['--policy', 'ni-regional', '--icpc', '2027-06-15', '--core-group', '2027-06-29', '--today', '2027-06-30']);
    expect(ni.obligations.find((o) => o.kind === 'record-distribution')?.due).toBe('2027-07-20');
  });

  it('takes reviews, other events and closure days', () => {
    const out = json([
      '--policy', 'york', '--icpc', '2027-12-06', '--core-group', '2027-12-20', '--review', '2028-03-01',
      '--event', 'record-distributed=2028-01-05', '--closure-days', '2027-12-29,2027-12-30', '--today', '2028-03-02',
    ]);
    expect(out.obligations.find((o) => o.kind === 'record-distribution')).toMatchObject({ due: '2028-01-10', status: 'met' });
    expect(out.obligations.find((o) => o.kind === 'review-conference' && o.status === 'upcoming')?.due).toBe('2028-09-01');
  });

  it('reads as a timeline without --json', () => {
    const { code, out } = runTimelineCli(['--policy', 'scotland', '--icpc', '2026-11-23', '--today', '2026-11-24']);
    expect(code).toBe(0);
    expect(out).toContain('scotland: Scotland (national default) (Scotland calendar)');
    expect(out).toContain('Next core group due: Tue 15 Dec 2026 (upcoming, deadline)');
    expect(out).toContain('Next review conference due: Fri 21 May 2027 (upcoming, deadline)');
  });

  it.each([
    [['--icpc', '2027-01-04'], /^--policy is required/],
    [['--policy', 'york'], /^--icpc is required/],
    [['--policy', 'york', '--icpc', '2027-02-30'], /^--icpc: "2027-02-30" is not a date in the form YYYY-MM-DD$/],
    [['--policy', 'york', '--icpc', '4/1/2027'], /^--icpc: "4\/1\/2027" is not a date/],
    [['--policy', 'york', '--icpc', '2027-01-04', '--core-group', 'soon'], /^--core-group: "soon" is not a date/],
    [['--policy', 'york', '--icpc', '2027-01-04', '--today', '2027-13-01'], /^--today: "2027-13-01"/],
    [['--policy', 'york', '--icpc', '2027-01-04', '--colour'], /^Unknown option '--colour'/],
    [['--policy', 'york', '--icpc', '2027-01-04', '--event', 'tea=2027-01-05'], /^--event: "tea=2027-01-05" must be <kind>=YYYY-MM-DD/],
    [['--policy', 'leeds', '--icpc', '2027-01-04'], /^Unknown policy "leeds". Valid policies: six-weekly-isu, ni-regional, six-weekly-joint-report, warwickshire, york, england, wales, scotland$/],
  ])('bad input %j: exit 2 and one line naming it', (args, message) => {
    const result = runTimelineCli(args);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(message);
    expect(result.out).not.toContain('\n');
  });

  it('runs as a real command: JSON on stdout, exit 0; one line on stderr, exit 2', () => {
    const script = ['--import', 'tsx', 'src/cli/timeline.ts'];
    const ok = execFileSync(process.execPath, [...script, '--policy', 'wales', '--icpc', '2026-12-16', '--today', '2026-12-17', '--json'], { encoding: 'utf8' });
    expect(JSON.parse(ok).nextCoreGroupDue).toBe('2027-01-04');
    const bad = spawnSync(process.execPath, [...script, '--policy', 'wales', '--icpc', 'yesterday'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('--icpc: "yesterday" is not a date in the form YYYY-MM-DD\n');
  });
});
