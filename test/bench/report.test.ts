import { describe, expect, it } from 'vitest';
import { exitCode, FIGURE_KEYS, formatNumber, goalMet, reportJson, reportRows, reportTable, type Figures } from '../../bench/report.js';

const figures: Figures = {
  timelinesPerSecond: { value: 21_892, unit: 'timelines/s', goal: { kind: 'at-least', value: 10_000 }, baseline: 43_784, baselineIs: 'JSON round trips/s' },
  chatP95Ms20Users: { value: 234, unit: 'ms', goal: { kind: 'below', value: 300 }, baseline: 40, baselineIs: 'bare reads' },
  chatBaselineP95Ms20Users: { value: 40, unit: 'ms' },
  dispatchAchievedPerSecond: { value: 48, unit: '/s', goal: { kind: 'ratio-at-least', value: 0.95 }, baseline: 50, baselineIs: 'allowed' },
  dispatchLost: { value: 0, unit: 'invitations', goal: { kind: 'exactly', value: 0 } },
};

describe('the benchmark report', () => {
  it('judges each kind of goal, and a figure without one as having none', () => {
    expect(goalMet({ value: 10_000, unit: '/s', goal: { kind: 'at-least', value: 10_000 } })).toBe(true);
    expect(goalMet({ value: 9_999, unit: '/s', goal: { kind: 'at-least', value: 10_000 } })).toBe(false);
    expect(goalMet({ value: 300, unit: 'ms', goal: { kind: 'below', value: 300 } })).toBe(false);
    expect(goalMet({ value: 4, unit: 'transactions', goal: { kind: 'at-most', value: 4 } })).toBe(true);
    expect(goalMet({ value: 1, unit: 'invitations', goal: { kind: 'exactly', value: 0 } })).toBe(false);
    expect(goalMet({ value: 1.5, unit: 's', goal: { kind: 'ratio-at-most', value: 1.5 }, baseline: 1 })).toBe(true);
    expect(goalMet({ value: 1.6, unit: 's', goal: { kind: 'ratio-at-most', value: 1.5 }, baseline: 1 })).toBe(false);
    expect(goalMet({ value: 47, unit: '/s', goal: { kind: 'ratio-at-least', value: 0.95 }, baseline: 50 })).toBe(false);
    expect(goalMet({ value: 1, unit: 's', goal: { kind: 'ratio-at-most', value: 1.5 } })).toBe(false);
    expect(goalMet({ value: Number.NaN, unit: 'ms', goal: { kind: 'below', value: 300 } })).toBe(false);
    expect(goalMet({ value: 40, unit: 'ms' })).toBeUndefined();
  });

  it('shows whole numbers with separators and others to three figures', () => {
    expect([formatNumber(21_892), formatNumber(0.9604), formatNumber(283.46), formatNumber(1234.5), formatNumber(Number.NaN)]).toEqual(['21,892', '0.960', '283', '1,235', 'n/a']);
  });

  it('prints a row per figure measured, in the keys order, then the checks: value, goal, baseline, ratio, met', () => {
    const checks = [{ name: 'casesDue at 1,000 held', found: '1,929 ms, 0.96× baseline', goal: '≤ 1.5× baseline', met: true }];
    expect(reportRows(figures, checks)).toEqual([
      ['timelinesPerSecond', '21,892 timelines/s', '≥ 10,000 timelines/s', '43,784 (JSON round trips/s)', '0.50×', 'met'],
      ['chatP95Ms20Users', '234 ms', '< 300 ms', '40 (bare reads)', '5.85×', 'met'],
      ['chatBaselineP95Ms20Users', '40 ms', '', '', '', ''],
      ['dispatchAchievedPerSecond', '48 /s', '≥ 0.95× baseline', '50 (allowed)', '0.96×', 'met'],
      ['dispatchLost', '0 invitations', '= 0 invitations', '', '', 'met'],
      ['casesDue at 1,000 held', '1,929 ms, 0.96× baseline', '≤ 1.5× baseline', '', '', 'met'],
    ]);
  });

  it('pads the table to its widest cells under a heading row', () => {
    const table = reportTable({ dispatchLost: { value: 2, unit: 'invitations', goal: { kind: 'exactly', value: 0 } } }).split('\n');
    expect(table).toEqual([
      'figure        value          goal             baseline  ratio  met?',
      '------------  -------------  ---------------  --------  -----  -------',
      'dispatchLost  2 invitations  = 0 invitations                   NOT MET',
    ]);
  });

  it('exits 1 when a figure misses its goal, a check fails or a bench failed, else 0', () => {
    const passed = { name: 'found', found: '500', goal: '= 500', met: true };
    expect(exitCode(figures, [passed], 0)).toBe(0);
    expect(exitCode({ ...figures, chatP95Ms20Users: { value: 301, unit: 'ms', goal: { kind: 'below', value: 300 } } }, [passed], 0)).toBe(1);
    expect(exitCode(figures, [{ ...passed, met: false }], 0)).toBe(1);
    expect(exitCode(figures, [], 1)).toBe(1);
  });

  it('writes the figures measured as numbers under exactly their keys, with their goals and baselines in details', () => {
    const json = reportJson(figures);
    expect(Object.keys(json)).toEqual(['timelinesPerSecond', 'chatP95Ms20Users', 'chatBaselineP95Ms20Users', 'dispatchAchievedPerSecond', 'dispatchLost', 'details']);
    expect(json).toMatchObject({ timelinesPerSecond: 21_892, chatP95Ms20Users: 234, chatBaselineP95Ms20Users: 40, dispatchAchievedPerSecond: 48, dispatchLost: 0 });
    expect(json.details).toEqual({
      timelinesPerSecond: { unit: 'timelines/s', goal: '≥ 10,000 timelines/s', baseline: 43_784, ratio: 0.5, met: true },
      chatP95Ms20Users: { unit: 'ms', goal: '< 300 ms', baseline: 40, ratio: 5.85, met: true },
      chatBaselineP95Ms20Users: { unit: 'ms' },
      dispatchAchievedPerSecond: { unit: '/s', goal: '≥ 0.95× baseline', baseline: 50, ratio: 0.96, met: true },
      dispatchLost: { unit: 'invitations', goal: '= 0 invitations', met: true },
    });
  });

  it('has a key for every figure the issue names, each once', () => {
    expect(FIGURE_KEYS).toHaveLength(19);
    expect(new Set(FIGURE_KEYS).size).toBe(19);
    const all = Object.fromEntries(FIGURE_KEYS.map((key, n) => [key, { value: n, unit: 'x' }]));
    const { details, ...flat } = reportJson(all);
    expect(Object.keys(details)).toEqual([...FIGURE_KEYS]);
    expect(flat).toEqual(Object.fromEntries(FIGURE_KEYS.map((key, n) => [key, n])));
  });
});
