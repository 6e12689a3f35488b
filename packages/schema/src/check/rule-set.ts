import type { Catalogue } from '../catalogue.js';
import type { OrgLevel } from '../zod/org-level.js';
import {
  boundConflicts,
  type ImpliedBound,
  impliedBounds,
  infeasibleParts,
  noteFindings,
  type RuleCheckFinding,
  redundantRules,
} from './analyse.js';
import { buildLevel } from './build.js';
import { lpStats } from './lp.js';
import type { LevelModel, ToleranceUsed } from './model.js';
import { TEXT } from './words.js';

/** What the check of a rule set found, level by level. */
export interface RuleSetReport {
  /** True when nothing is infeasible and nothing conflicts (information findings allowed). */
  readonly clean: boolean;
  readonly findings: readonly RuleCheckFinding[];
  /** The bounds the rules imply per indicator and level (the table for the docs). */
  readonly implied: readonly ImpliedBound[];
  /** The tolerance each rule was given, per level: equalities hold within their declared precision. */
  readonly tolerances: ReadonlyArray<ToleranceUsed & { readonly level: OrgLevel }>;
  /** What the check cost. */
  readonly figures: {
    readonly levels: number;
    readonly rows: number;
    readonly linearPrograms: number;
    readonly milliseconds: number;
  };
}

const LEVELS: readonly OrgLevel[] = ['province', 'zone', 'city', 'park'];

/** The levels anything is reported or checked at. */
function levelsOf(catalogue: Catalogue): OrgLevel[] {
  const used = new Set<OrgLevel>();
  for (const i of catalogue.indicators) for (const l of i.levels) used.add(l);
  for (const r of catalogue.rules) for (const l of r.levels) used.add(l);
  for (const b of catalogue.bounds ?? []) for (const l of b.levels) used.add(l);
  return LEVELS.filter((l) => used.has(l));
}

/**
 * Checks a catalogue's rules, plausibility bounds and allowed ranges together, at each level, as a
 * linear model of the values a unit reports (validatetools' questions, answered with declared-
 * precision tolerances): infeasible sets are errors; unreachable bound ends, forced values and rules
 * that never fire are warnings; redundant rules and rules that are not linear are information.
 * Never throws on a catalogue that passed `checkCatalogue`'s shape checks.
 */
export function checkRuleSet(catalogue: Catalogue): RuleSetReport {
  const started = performance.now();
  const solvesBefore = lpStats.solves;
  const findings: RuleCheckFinding[] = [];
  const implied: ImpliedBound[] = [];
  const tolerances: Array<ToleranceUsed & { level: OrgLevel }> = [];
  let rows = 0;
  const levels = levelsOf(catalogue);
  for (const level of levels) {
    const model = buildLevel(catalogue, level);
    rows += model.rows.length;
    tolerances.push(...model.tolerances.map((t) => ({ ...t, level })));
    findings.push(...noteFindings(model));
    try {
      checkLevel(model, findings, implied);
    } catch {
      // A solver that cycles is no reason to crash on a user's catalogue: say the level is undecided.
      findings.push({
        code: 'CHK_UNDECIDED',
        severity: 'warning',
        level,
        subject: undefined,
        involved: [],
        message: TEXT.undecided(level),
      });
    }
  }
  return {
    clean: !findings.some((f) => f.severity !== 'info'),
    findings,
    implied,
    tolerances,
    figures: {
      levels: levels.length,
      rows,
      linearPrograms: lpStats.solves - solvesBefore,
      milliseconds: Math.round(performance.now() - started),
    },
  };
}

function checkLevel(model: LevelModel, findings: RuleCheckFinding[], implied: ImpliedBound[]): void {
  const infeasible = infeasibleParts(model);
  findings.push(...infeasible);
  // With no values possible at all, the other questions have no meaning at this level.
  if (infeasible.length > 0) return;
  findings.push(...boundConflicts(model));
  const bounds = impliedBounds(model);
  implied.push(...bounds.implied);
  findings.push(...bounds.forced, ...redundantRules(model));
}

const sameEnd = (implied: string | undefined, declared: number | undefined) =>
  implied === undefined ? declared === undefined : declared !== undefined && Number(implied) === declared;

/**
 * The rule-set check as a section of CATALOGUE.md: what it found, and the implied bounds of every
 * indicator that the rules and bounds hold tighter than its own allowed range.
 */
export function ruleSetMarkdown(catalogue: Catalogue, report: RuleSetReport): string {
  const range = new Map(catalogue.indicators.map((i) => [i.code, i.range]));
  const rows = report.implied.filter((b) => {
    const r = range.get(b.indicator);
    return !(sameEnd(b.min, r?.min) && sameEnd(b.max, r?.max));
  });
  const lines = [
    '## 规则集检查 Rule-set check',
    '',
    '由 `sunan catalogue --check` 得出：全部规则、合理性界限和允许范围合起来，是否有数值能同时满足，以及每个指标在各层级实际能取的区间。等式按申报精度留容差；比率恒等式把比率指标的界限（按其半个末位放宽）移到分子、分母上。',
    'From `sunan catalogue --check`: whether any values satisfy all rules, plausibility bounds and allowed ranges together, and the interval each indicator can really take per level. Equalities hold within declared precision; a ratio identity carries bounds on the ratio (widened by half its last digit) onto numerator and denominator.',
    '',
    report.clean
      ? '结论：无矛盾、无冲突。 Verdict: no contradictions, no conflicts.'
      : '结论：有冲突，见下。 Verdict: conflicts, listed below.',
    '',
    ...report.findings.map((f) => `- ${f.code} (${f.severity}): ${f.message.zh} / ${f.message.en}`),
    '',
    "蕴含区间（只列比指标自身允许范围更窄的）。Implied bounds (only those narrower than the indicator's own allowed range):",
    '',
    '| 层级 level | 指标 indicator | 蕴含下限 implied min | 蕴含上限 implied max |',
    '|---|---|---|---|',
    ...rows.map((b) => `| ${b.level} | \`${b.indicator}\` | ${b.min ?? '−∞'} | ${b.max ?? '+∞'} |`),
    '',
  ];
  return lines.join('\n');
}
