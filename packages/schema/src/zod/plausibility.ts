import { z } from 'zod';
import { DecimalString } from './decimal-string.js';
import { IndicatorCode } from './indicator.js';
import { OrgLevel } from './org-level.js';
import { Severity } from './rule.js';
import { LocalizedText } from './text.js';

/**
 * A plausibility bound (DHIS2's min–max outlier bounds, kept as catalogue data): the value of
 * `indicator` — divided by the unit's own value of `per` when given (technology contracts per GDP,
 * patents per resident) — lies in [min, max] for any real city. A bound is deliberately generous:
 * it is there to catch magnitudes no real figure has, not to judge a city.
 */
export const PlausibilityBound = z
  .object({
    indicator: IndicatorCode,
    /** The scale indicator the value is divided by; absent for an absolute bound. */
    per: IndicatorCode.optional(),
    levels: z.array(OrgLevel).min(1).default(['city']),
    min: DecimalString.optional(),
    max: DecimalString.optional(),
    /** Where the bound comes from: real figures it was set against, in Chinese and English. */
    basis: LocalizedText,
    /**
     * The class of a value beyond the bound (a warning, 核实性: a real city may be exceptional). A
     * value tenfold beyond it, a unit slip or not, is always an error (强制性): no real city has it.
     */
    severity: Severity.default('warning'),
    /** The review group that gives the reason for the bound's class; its severity must be the bound's. */
    review: z.string().optional(),
  })
  .strict();
/** A plausibility bound. */
export type PlausibilityBound = z.infer<typeof PlausibilityBound>;
