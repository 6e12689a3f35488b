import { z } from 'zod';
import type { Expr as ExprType } from '../rule.js';
import { DecimalString } from './decimal-string.js';
import { OrgLevel } from './org-level.js';
import { LocalizedText } from './text.js';

/** zod schema for {@link Expr}. */
export const Expr: z.ZodType<ExprType> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('ref'), indicator: z.string() }).strict(),
    z.object({ kind: z.literal('children-sum'), indicator: z.string() }).strict(),
    z.object({ kind: z.literal('const'), value: DecimalString }).strict(),
    z.object({ kind: z.literal('sum'), terms: z.array(Expr).min(1) }).strict(),
    z.object({ kind: z.literal('ratio'), numerator: Expr, denominator: Expr, scale: DecimalString }).strict(),
  ]),
);

/** An expression over indicator values (see the type in rule.ts). */
export type Expr = ExprType;

/** Comparison operators a rule may use. */
export const RuleOp = z.enum(['=', '<=', '>=', '<', '>']);
/** A comparison operator. */
export type RuleOp = z.infer<typeof RuleOp>;

/**
 * How far apart two sides may be and still agree.
 * - `declared-precision`: XBRL Calculations 1.1 — each reported value v with d decimals stands for
 *   [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]; intervals propagate through sums and ratios; sides disagree only when
 *   their intervals cannot meet;
 * - `exact`: values are taken as exact points;
 * - `absolute`: like `exact`, but sides within `amount` of each other agree.
 */
export const Tolerance = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('declared-precision') }).strict(),
  z.object({ kind: z.literal('exact') }).strict(),
  z.object({ kind: z.literal('absolute'), amount: DecimalString }).strict(),
]);
/** How far apart two sides may be and still agree. */
export type Tolerance = z.infer<typeof Tolerance>;

/**
 * What to do when a value a rule needs is blank (the names follow DHIS2's validation rules).
 * The default skips: a blank is not a zero.
 */
export const MissingValueStrategy = z.enum(['skip-if-any', 'skip-if-all', 'treat-as-zero']);
/** What to do when a value a rule needs is blank. */
export type MissingValueStrategy = z.infer<typeof MissingValueStrategy>;

/** How a finding weighs. */
export const Severity = z.enum(['error', 'warning', 'info']);
/** How a finding weighs. */
export type Severity = z.infer<typeof Severity>;

/** A validation rule: `left op right`, checked at each unit of the listed levels. */
export const Rule = z
  .object({
    id: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
    left: Expr,
    op: RuleOp,
    right: Expr,
    severity: Severity,
    tolerance: Tolerance.default({ kind: 'declared-precision' }),
    missing: MissingValueStrategy.default('skip-if-any'),
    levels: z.array(OrgLevel).min(1),
    message: LocalizedText,
    /**
     * The review group (the catalogue's `reviewGroups`) that gives the reason for the rule's class;
     * its severity must equal the rule's.
     */
    review: z.string().optional(),
  })
  .strict();
/** A validation rule. */
export type Rule = z.infer<typeof Rule>;
