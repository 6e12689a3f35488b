import type { AggregateResult } from '@sunan/aggregate';
import type { IndexDefinition, LocalizedText } from '@sunan/schema';
import { compositeScores, type UnitScore } from './composite.js';
import {
  type ConstantColumn,
  type EntropyOptions,
  entropyWeights,
  type IndexProblem,
  type Normalization,
  type ZeroHandling,
} from './entropy.js';

/** One period's matrix: units (rows) × the definition's indicators (columns, in definition order). */
export interface IndexMatrix {
  readonly period: string;
  readonly units: readonly string[];
  readonly values: ReadonlyArray<ReadonlyArray<number | null>>;
}

/** Options of {@link innovationIndex}. */
export interface InnovationIndexOptions {
  readonly normalization?: Normalization;
  readonly constantColumn?: ConstantColumn;
  /** How p = 0 enters the entropy; default 0 · ln 0 = 0. */
  readonly zeroHandling?: ZeroHandling;
  /** Weights recomputed for each period (default), or fixed from a base period so scores compare across years. */
  readonly weighting?: { kind: 'per-period' } | { kind: 'base'; period: string };
}

/** One period's weights and scores. */
export interface IndexPeriod {
  readonly period: string;
  readonly weightsFrom: string;
  readonly weights: number[];
  readonly entropies: number[];
  readonly scores: Array<UnitScore & { rankChange: number | null }>;
}

/** The index over one or more periods. */
export interface InnovationIndexResult {
  readonly ok: true;
  readonly definition: { id: string; name: LocalizedText };
  readonly normalization: Normalization;
  readonly zeroHandling: ZeroHandling;
  readonly weighting: NonNullable<InnovationIndexOptions['weighting']>;
  readonly indicators: Array<{ code: string; dimension: string; polarity: 'positive' | 'negative' }>;
  readonly dimensions: Array<{ id: string; name: LocalizedText }>;
  readonly periods: IndexPeriod[];
  /** Published weights kept with the definition (percent), for comparison. */
  readonly referenceWeights: IndexDefinition['referenceWeights'];
}

/** Failure: every problem, each naming its period, unit and indicator. */
export interface InnovationIndexFailure {
  readonly ok: false;
  readonly problems: Array<IndexProblem & { period: string; unitName?: string; indicatorCode?: string }>;
}

/** The definition's indicators in order, with their dimension and polarity. */
export function indexIndicators(definition: IndexDefinition): InnovationIndexResult['indicators'] {
  return definition.dimensions.flatMap((d) =>
    d.indicators.map((i) => ({ code: i.code, dimension: d.id, polarity: i.polarity ?? 'positive' })),
  );
}

/** The cities' values of the definition's indicators from a zone roll-up (a missing figure stays null). */
export function matrixFromAggregate(result: AggregateResult, definition: IndexDefinition): IndexMatrix {
  const codes = indexIndicators(definition).map((i) => i.code);
  const units = Object.keys(result.indicators[0]?.cities ?? {});
  const byCode = new Map(result.indicators.map((i) => [i.code, i]));
  return {
    period: result.period,
    units,
    values: units.map((u) =>
      codes.map((c) => {
        const v = byCode.get(c)?.cities[u]?.value;
        return v === null || v === undefined ? null : Number(v);
      }),
    ),
  };
}

type Problems = InnovationIndexFailure['problems'];

/** A problem of one matrix, naming its period and, where it has them, the unit and indicator. */
function named(
  m: IndexMatrix,
  p: IndexProblem,
  indicators: InnovationIndexResult['indicators'],
): Problems[number] {
  return {
    ...p,
    period: m.period,
    ...(p.unit !== undefined ? { unitName: m.units[p.unit] } : {}),
    ...(p.indicator !== undefined ? { indicatorCode: indicators[p.indicator]?.code } : {}),
  };
}

/** The base period's weights when weights are fixed from one, undefined when each period has its own. */
function fixedWeights(
  sorted: readonly IndexMatrix[],
  weighting: NonNullable<InnovationIndexOptions['weighting']>,
  entropyOptions: EntropyOptions,
  indicators: InnovationIndexResult['indicators'],
): { weights: number[] | undefined } | { problems: Problems } {
  if (weighting.kind !== 'base') return { weights: undefined };
  const base = sorted.find((m) => m.period === weighting.period);
  if (!base)
    return {
      problems: [
        {
          code: 'IDX_SHAPE',
          period: weighting.period,
          message: {
            zh: `没有基期 ${weighting.period} 的数据`,
            en: `No data for the base period ${weighting.period}`,
          },
        },
      ],
    };
  const w = entropyWeights(base.values, entropyOptions);
  return w.ok ? { weights: w.weights } : { problems: w.problems.map((p) => named(base, p, indicators)) };
}

/**
 * The composite innovation index (seed 004's method by default): entropy weights, 0–100 scores,
 * per-dimension scores, ranks, and rank changes from one period to the next. Weights are recomputed
 * each period or fixed from a base period. Never throws: problems come back naming the cell.
 */
export function innovationIndex(
  definition: IndexDefinition,
  matrices: readonly IndexMatrix[],
  options: InnovationIndexOptions = {},
): InnovationIndexResult | InnovationIndexFailure {
  const indicators = indexIndicators(definition);
  const normalization = options.normalization ?? { kind: 'min-max' };
  const weighting = options.weighting ?? { kind: 'per-period' };
  const zeroHandling = options.zeroHandling ?? { kind: 'limit' };
  const dimensionOf = indicators.map((i) => i.dimension);
  // The base-year weights and every period's scores use the same method.
  const entropyOptions = {
    polarity: indicators.map((i) => i.polarity),
    normalization,
    constantColumn: options.constantColumn ?? 'zero-weight',
    zeroHandling,
  } as const;
  const sorted = [...matrices].sort((a, b) => a.period.localeCompare(b.period));
  const fixed = fixedWeights(sorted, weighting, entropyOptions, indicators);
  if ('problems' in fixed) return { ok: false, problems: fixed.problems };

  const problems: Problems = [];
  const periods: IndexPeriod[] = [];
  for (const m of sorted) {
    const r = compositeScores(m.units, m.values, dimensionOf, {
      ...entropyOptions,
      ...(fixed.weights ? { weights: fixed.weights } : {}),
    });
    if (!r.ok) {
      for (const p of r.problems) problems.push(named(m, p, indicators));
      continue;
    }
    const prev = periods[periods.length - 1];
    periods.push({
      period: m.period,
      weightsFrom: weighting.kind === 'base' ? weighting.period : m.period,
      weights: r.weights,
      entropies: r.entropies,
      scores: r.scores.map((s) => {
        const before = prev?.scores.find((p) => p.unit === s.unit);
        // Positive: the unit climbed (rank 3 → 1 is +2).
        return { ...s, rankChange: before ? before.rank - s.rank : null };
      }),
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    definition: { id: definition.id, name: definition.name },
    normalization,
    zeroHandling,
    weighting,
    indicators,
    dimensions: definition.dimensions.map((d) => ({ id: d.id, name: d.name })),
    periods,
    referenceWeights: definition.referenceWeights,
  };
}
