/**
 * The benchmarks' one report: every figure beside its goal, its baseline (for timed figures, the same work done
 * bare in the same run, since machines differ) and the ratio between them; whether every goal was met; and the
 * figures as the flat JSON object `--out` writes. Pure: the benches measure, this only judges and formats.
 */

/** The figures the issue names, in the order the table shows them: the keys of the JSON `--out` writes. */
export const FIGURE_KEYS = [
  'timelinesPerSecond',
  'chatP50Ms20Users',
  'chatP95Ms20Users',
  'chatBaselineP95Ms20Users',
  'chatP99Ms50Users',
  'chatTransactionsPerQuestion',
  'invokeP95Ms20Members',
  'addMemberTransactionsAt30',
  'longMessageStallMs',
  'sweep10kSeconds',
  'sweep10kBaselineSeconds',
  'sweep10kEntitiesRead',
  'sweep10kDueCases',
  'sweep100kEntitiesRead',
  'dispatchAllowedPerSecond',
  'dispatchAchievedPerSecond',
  'dispatchLost',
  'dispatchDuplicates',
  'rssMb10kCases',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

/**
 * What a figure must be: `at-least`/`below`/`at-most`/`exactly` compare the value with a number (which may itself
 * have been measured in the run, as the transactions at 5 members are for those at 30); `ratio-at-most` and
 * `ratio-at-least` compare value ÷ baseline, for goals stated against the machine rather than in absolute units.
 */
export interface Goal {
  readonly kind: 'at-least' | 'below' | 'at-most' | 'exactly' | 'ratio-at-most' | 'ratio-at-least';
  readonly value: number;
  /** Where a measured goal value came from, for the table. */
  readonly of?: string;
}

export interface Figure {
  readonly value: number;
  readonly unit: string;
  readonly goal?: Goal;
  /** The same work done bare in the same run (or, for dispatch, the rate allowed), against which the ratio is read. */
  readonly baseline?: number;
  /** What the baseline is, in a few words, for the table. */
  readonly baselineIs?: string;
}

export type Figures = Partial<Record<FigureKey, Figure>>;

/** A goal of a bench that no figure of the JSON carries (as "the same transactions at 5 members and at 20"). */
export interface Check {
  readonly name: string;
  /** What was found, in words and figures. */
  readonly found: string;
  readonly goal: string;
  readonly met: boolean;
}

/** What one bench hands back: its figures, its other goals, and its own lines of detail (counts, costs). */
export interface BenchResult {
  readonly figures: Figures;
  readonly checks?: readonly Check[];
  readonly line: string;
}

export const ratioOf = ({ value, baseline }: Figure): number | undefined => (baseline === undefined || baseline === 0 ? undefined : value / baseline);

/** Whether the figure meets its goal; undefined when it has none. A ratio goal without a baseline is not met. */
export function goalMet(figure: Figure): boolean | undefined {
  const { goal, value } = figure;
  if (goal === undefined) return undefined;
  if (Number.isNaN(value)) return false;
  switch (goal.kind) {
    case 'at-least':
      return value >= goal.value;
    case 'below':
      return value < goal.value;
    case 'at-most':
      return value <= goal.value;
    case 'exactly':
      return value === goal.value;
    case 'ratio-at-most':
    case 'ratio-at-least': {
      const ratio = ratioOf(figure);
      if (ratio === undefined) return false;
      return goal.kind === 'ratio-at-most' ? ratio <= goal.value : ratio >= goal.value;
    }
  }
}

/** A number as the table shows it: whole numbers with thousands separators, others to 3 significant figures. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  if (Number.isInteger(value) || Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-GB');
  return value.toPrecision(3);
}

const SIGNS: Record<Goal['kind'], string> = { 'at-least': '≥', below: '<', 'at-most': '≤', exactly: '=', 'ratio-at-most': '≤', 'ratio-at-least': '≥' };

function goalText(goal: Goal | undefined, unit: string): string {
  if (goal === undefined) return '';
  if (goal.kind === 'ratio-at-most' || goal.kind === 'ratio-at-least') return `${SIGNS[goal.kind]} ${goal.value}× baseline`;
  return `${SIGNS[goal.kind]} ${formatNumber(goal.value)} ${unit}${goal.of === undefined ? '' : ` (${goal.of})`}`;
}

const MET = { true: 'met', false: 'NOT MET', undefined: '' } as const;

/** One row per figure measured, in FIGURE_KEYS order, then one per check: figure, value, goal, baseline, ratio, met. */
export function reportRows(figures: Figures, checks: readonly Check[] = []): string[][] {
  const figureRows = FIGURE_KEYS.flatMap((key) => {
    const figure = figures[key];
    if (figure === undefined) return [];
    const ratio = ratioOf(figure);
    const baseline = figure.baseline === undefined ? '' : `${formatNumber(figure.baseline)}${figure.baselineIs === undefined ? '' : ` (${figure.baselineIs})`}`;
    return [[key, `${formatNumber(figure.value)} ${figure.unit}`, goalText(figure.goal, figure.unit), baseline, ratio === undefined ? '' : `${ratio.toFixed(2)}×`, MET[`${goalMet(figure)}`]]];
  });
  return [...figureRows, ...checks.map((check) => [check.name, check.found, check.goal, '', '', MET[`${check.met}`]])];
}

const HEADINGS = ['figure', 'value', 'goal', 'baseline', 'ratio', 'met?'];

/** The rows as a plain-text table, columns padded to their widest cell. */
export function reportTable(figures: Figures, checks: readonly Check[] = []): string {
  const rows = [HEADINGS, ...reportRows(figures, checks)];
  const widths = HEADINGS.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length)));
  const line = (row: readonly string[]) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [line(rows[0] ?? []), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** 1 when any goal was missed, by a figure or a check, or a bench failed; else 0. */
export function exitCode(figures: Figures, checks: readonly Check[], failedBenches: number): 0 | 1 {
  const missed = Object.values(figures).some((figure) => goalMet(figure) === false) || checks.some((check) => !check.met);
  return failedBenches > 0 || missed ? 1 : 0;
}

export type ReportJson = Partial<Record<FigureKey, number>> & {
  /** Per figure: its unit, goal, baseline, ratio and whether the goal was met, where it has them. */
  readonly details: Partial<Record<FigureKey, { unit: string; goal?: string; baseline?: number; ratio?: number; met?: boolean }>>;
};

/** The figures measured as a flat object of numbers, keys in FIGURE_KEYS order, plus `details`. */
export function reportJson(figures: Figures): ReportJson {
  const flat: Partial<Record<FigureKey, number>> = {};
  const details: ReportJson['details'] = {};
  for (const key of FIGURE_KEYS) {
    const figure = figures[key];
    if (figure === undefined) continue;
    flat[key] = figure.value;
    const ratio = ratioOf(figure);
    const met = goalMet(figure);
    details[key] = {
      unit: figure.unit,
      ...(figure.goal && { goal: goalText(figure.goal, figure.unit) }),
      ...(figure.baseline !== undefined && { baseline: figure.baseline }),
      ...(ratio !== undefined && { ratio }),
      ...(met !== undefined && { met }),
    };
  }
  return { ...flat, details };
}
