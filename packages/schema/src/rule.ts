import type { MissingValueStrategy, Rule, RuleOp, Severity, Tolerance } from './zod/rule.js';

export type { MissingValueStrategy, Rule, RuleOp, Severity, Tolerance };

/**
 * An expression over indicator values at one org unit.
 * - `ref`: the unit's own value of an indicator;
 * - `children-sum`: the sum over the unit's children (a city's parks) that reported it —
 *   missing only when none did;
 * - `const`, `sum`, and `ratio` (numerator / denominator × scale).
 */
export type Expr =
  | { kind: 'ref'; indicator: string }
  | { kind: 'children-sum'; indicator: string }
  | { kind: 'const'; value: string }
  | { kind: 'sum'; terms: Expr[] }
  | { kind: 'ratio'; numerator: Expr; denominator: Expr; scale: string };

/** Every indicator code an expression reads. */
export function exprIndicators(expr: Expr): string[] {
  switch (expr.kind) {
    case 'ref':
    case 'children-sum':
      return [expr.indicator];
    case 'const':
      return [];
    case 'sum':
      return expr.terms.flatMap(exprIndicators);
    case 'ratio':
      return [...exprIndicators(expr.numerator), ...exprIndicators(expr.denominator)];
  }
}
