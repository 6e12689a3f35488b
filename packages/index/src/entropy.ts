import type { LocalizedText } from '@sunan/schema';

/**
 * How raw values become the non-negative numbers the entropy is taken over. Published
 * implementations differ here, and their weights differ in the fourth decimal:
 * - `min-max`: (x − min)/(max − min); negative indicators (max − x)/(max − min). Seed 004's method.
 * - `min-max-epsilon`: min-max squeezed into [ε, 1 − ε] (avoids p = 0; common MATLAB/Python scripts use ε = 0.0001).
 * - `min-max-shift`: min-max plus δ (the usual Chinese textbook "平移", δ = 0.0001 or 0.01).
 * - `proportion`: p = x / Σx on the raw, non-negative values, direction ignored (as the MCDA libraries
 *   pymcdm and pyrepo-mcda do, after Xu 2004 and Zavadskas & Podvezko 2016).
 */
export type Normalization =
  | { kind: 'min-max' }
  | { kind: 'min-max-epsilon'; epsilon: number }
  | { kind: 'min-max-shift'; delta: number }
  | { kind: 'proportion' };

/**
 * How a zero proportion enters the entropy:
 * - `limit`: 0 · ln 0 = 0, the limit of p ln p as p → 0 (the textbook convention; pymcdm, pyrepo-mcda).
 * - `replace`: a zero p is replaced by ε before taking p ln p (the MATLAB 熵权法 scripts that set
 *   P(i,j) = 1e-6 when it is 0). The other proportions are left as they are.
 */
export type ZeroHandling = { kind: 'limit' } | { kind: 'replace'; epsilon: number };

/** What to do with an indicator that has the same value for every unit. */
export type ConstantColumn = 'zero-weight' | 'error';

/** Options of {@link entropyWeights}. */
export interface EntropyOptions {
  /** Per indicator; default all positive. */
  readonly polarity?: ReadonlyArray<'positive' | 'negative'>;
  readonly normalization?: Normalization;
  /** Default `zero-weight`: a constant indicator tells the units apart not at all. */
  readonly constantColumn?: ConstantColumn;
  /** Default `limit` (0 · ln 0 = 0). */
  readonly zeroHandling?: ZeroHandling;
}

/** A problem with the input matrix, naming the cell or indicator. */
export interface IndexProblem {
  readonly code:
    | 'IDX_TOO_FEW_UNITS'
    | 'IDX_MISSING_VALUE'
    | 'IDX_NEGATIVE_VALUE'
    | 'IDX_CONSTANT_COLUMN'
    | 'IDX_NO_INFORMATION'
    | 'IDX_SHAPE'
    | 'IDX_BAD_OPTION';
  readonly unit?: number;
  readonly indicator?: number;
  readonly message: LocalizedText;
}

/** Entropy weights and every intermediate, for inspection and reports. */
export interface EntropyResult {
  readonly ok: true;
  /** Normalised values x′ (units × indicators), in [0, 1] for the min-max families. */
  readonly normalized: number[][];
  /** Proportions p_ij = x′_ij / Σ_i x′_ij. */
  readonly proportions: number[][];
  /** e_j = −(1/ln m) Σ_i p_ij ln p_ij, with 0 · ln 0 = 0. */
  readonly entropies: number[];
  /** d_j = 1 − e_j. */
  readonly divergences: number[];
  /** w_j = d_j / Σ_k d_k: non-negative, summing to 1. */
  readonly weights: number[];
  /** Indicators with one value for every unit (weight 0 under `zero-weight`). */
  readonly constantColumns: number[];
}

/** Failure: every problem found, none thrown. */
export interface EntropyFailure {
  readonly ok: false;
  readonly problems: IndexProblem[];
}

/** Least and greatest of a column, by a loop: Math.min(...col) overflows the stack on long columns. */
function extent(col: readonly number[]): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const x of col) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { min, max };
}

function normalizeColumn(
  col: readonly number[],
  polarity: 'positive' | 'negative',
  n: Normalization,
): number[] {
  const { min, max } = extent(col);
  const range = max - min;
  const mm = (x: number) =>
    range === 0 ? 0 : polarity === 'positive' ? (x - min) / range : (max - x) / range;
  switch (n.kind) {
    case 'min-max':
      return col.map(mm);
    case 'min-max-epsilon':
      return col.map((x) => n.epsilon + (1 - 2 * n.epsilon) * mm(x));
    case 'min-max-shift':
      return col.map((x) => mm(x) + n.delta);
    case 'proportion':
      return [...col];
  }
}

/** ε, δ and the zero replacement must keep every normalised value finite and in order; else a problem. */
function optionProblems(n: Normalization, z: ZeroHandling): IndexProblem[] {
  const bad = (zh: string, en: string): IndexProblem[] => [{ code: 'IDX_BAD_OPTION', message: { zh, en } }];
  const problems: IndexProblem[] = [];
  switch (n.kind) {
    case 'min-max-epsilon':
      // 1 − 2ε must stay positive, or the scale would reverse the indicator.
      if (!(Number.isFinite(n.epsilon) && n.epsilon > 0 && n.epsilon < 0.5))
        problems.push(
          ...bad(`ε 应在 (0, 0.5) 之内，现为 ${n.epsilon}`, `ε must lie in (0, 0.5); got ${n.epsilon}`),
        );
      break;
    case 'min-max-shift':
      if (!(Number.isFinite(n.delta) && n.delta > 0))
        problems.push(
          ...bad(`平移量 δ 应为正数，现为 ${n.delta}`, `δ must be a positive number; got ${n.delta}`),
        );
      break;
    case 'min-max':
    case 'proportion':
      break;
  }
  switch (z.kind) {
    case 'replace':
      if (!(Number.isFinite(z.epsilon) && z.epsilon > 0 && z.epsilon < 1))
        problems.push(
          ...bad(
            `零值替换量应在 (0, 1) 之内，现为 ${z.epsilon}`,
            `The zero replacement must lie in (0, 1); got ${z.epsilon}`,
          ),
        );
      break;
    case 'limit':
      break;
  }
  return problems;
}

/** p ln p, with the chosen meaning for p = 0. */
function plogp(p: number, z: ZeroHandling): number {
  if (p > 0) return p * Math.log(p);
  switch (z.kind) {
    case 'limit':
      return 0;
    case 'replace':
      return z.epsilon * Math.log(z.epsilon);
  }
}

/** Fewer than two units, rows of the wrong length, missing values and (for `proportion`) negative ones. */
function matrixProblems(
  matrix: ReadonlyArray<ReadonlyArray<number | null>>,
  normalization: Normalization,
): IndexProblem[] {
  const m = matrix.length;
  const n = matrix[0]?.length ?? 0;
  const problems: IndexProblem[] = [];
  if (m < 2)
    problems.push({
      code: 'IDX_TOO_FEW_UNITS',
      message: { zh: `至少需要两个评价对象，现有 ${m} 个`, en: `At least two units are needed; got ${m}` },
    });
  matrix.forEach((row, i) => {
    if (row.length !== n)
      problems.push({
        code: 'IDX_SHAPE',
        unit: i,
        message: {
          zh: `第 ${i + 1} 行有 ${row.length} 列，应为 ${n} 列`,
          en: `Row ${i + 1} has ${row.length} columns, expected ${n}`,
        },
      });
    row.forEach((v, j) => {
      const problem = cellProblem(v, i, j, normalization);
      if (problem) problems.push(problem);
    });
  });
  return problems;
}

/** A missing value, or a negative one where proportions are taken of the raw values. */
function cellProblem(
  v: number | null,
  i: number,
  j: number,
  normalization: Normalization,
): IndexProblem | undefined {
  if (v === null || !Number.isFinite(v))
    return {
      code: 'IDX_MISSING_VALUE',
      unit: i,
      indicator: j,
      message: {
        zh: `第 ${i + 1} 个对象的第 ${j + 1} 项指标缺值`,
        en: `Unit ${i + 1}, indicator ${j + 1}: value missing`,
      },
    };
  if (normalization.kind === 'proportion' && v < 0)
    return {
      code: 'IDX_NEGATIVE_VALUE',
      unit: i,
      indicator: j,
      message: {
        zh: `比重法要求非负值：第 ${i + 1} 个对象的第 ${j + 1} 项指标为 ${v}`,
        en: `Proportions need non-negative values: unit ${i + 1}, indicator ${j + 1} is ${v}`,
      },
    };
  return undefined;
}

/** Each column's proportions and entropy; a constant column carries no information: e = 1. */
function columnEntropies(
  m: number,
  normCols: readonly number[][],
  constantColumns: readonly number[],
  zeroHandling: ZeroHandling,
): { propCols: number[][]; entropies: number[] } {
  const k = 1 / Math.log(m);
  const propCols: number[][] = [];
  const entropies: number[] = [];
  normCols.forEach((c, j) => {
    const total = c.reduce((a, b) => a + b, 0);
    const p = c.map((x) => (total === 0 ? 0 : x / total));
    propCols.push(p);
    // A constant column carries no information: e = 1 whatever the normalisation makes of it.
    entropies.push(
      constantColumns.includes(j) || total === 0 ? 1 : -k * p.reduce((a, x) => a + plogp(x, zeroHandling), 0),
    );
  });
  return { propCols, entropies };
}

/**
 * Entropy (熵值法) weights of the indicators (columns) of a units × indicators matrix. Never throws:
 * fewer than two units, a missing value, a negative value under `proportion`, or (when asked) a
 * constant column come back as problems naming the cell or indicator.
 */
export function entropyWeights(
  matrix: ReadonlyArray<ReadonlyArray<number | null>>,
  options: EntropyOptions = {},
): EntropyResult | EntropyFailure {
  const normalization = options.normalization ?? { kind: 'min-max' };
  const zeroHandling = options.zeroHandling ?? { kind: 'limit' };
  const m = matrix.length;
  const n = matrix[0]?.length ?? 0;
  const problems = [...optionProblems(normalization, zeroHandling), ...matrixProblems(matrix, normalization)];
  if (problems.length > 0) return { ok: false, problems };

  const cols = Array.from({ length: n }, (_, j) => matrix.map((row) => row[j] as number));
  const constantColumns = cols.flatMap((c, j) => {
    const { min, max } = extent(c);
    return min === max ? [j] : [];
  });
  if ((options.constantColumn ?? 'zero-weight') === 'error' && constantColumns.length > 0)
    return { ok: false, problems: constantColumns.map(constantProblem) };

  const normCols = cols.map((c, j) => normalizeColumn(c, options.polarity?.[j] ?? 'positive', normalization));
  const { propCols, entropies } = columnEntropies(m, normCols, constantColumns, zeroHandling);
  const divergences = entropies.map((e) => Math.max(0, 1 - e));
  const sum = divergences.reduce((a, b) => a + b, 0);
  if (sum === 0)
    return {
      ok: false,
      problems: [
        {
          code: 'IDX_NO_INFORMATION',
          message: { zh: '所有指标都无法区分评价对象', en: 'No indicator tells the units apart' },
        },
      ],
    };
  const transpose = (cs: number[][]) => Array.from({ length: m }, (_, i) => cs.map((c) => c[i] as number));
  return {
    ok: true,
    normalized: transpose(normCols),
    proportions: transpose(propCols),
    entropies,
    divergences,
    weights: divergences.map((d) => d / sum),
    constantColumns,
  };
}

/** Indicator `j` is the same for every unit, and the caller asked for that to be an error. */
function constantProblem(j: number): IndexProblem {
  return {
    code: 'IDX_CONSTANT_COLUMN',
    indicator: j,
    message: {
      zh: `第 ${j + 1} 项指标各对象取值相同，无法区分`,
      en: `Indicator ${j + 1} has the same value for every unit`,
    },
  };
}
