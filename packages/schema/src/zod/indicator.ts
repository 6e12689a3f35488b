import { z } from 'zod';
import { Aggregation } from './aggregation.js';
import { OrgLevel } from './org-level.js';
import { LocalizedText } from './text.js';
import { InputUnit, UnitCode } from './units.js';

/** A stable indicator code: ASCII capitals, digits and underscores, starting with a letter. */
export const IndicatorCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'ASCII capitals, digits and _');

/** What kind of number an indicator holds; it decides the checks a value gets. */
export const ValueType = z.enum(['count', 'amount', 'percent', 'per10k']);
/** What kind of number an indicator holds. */
export type ValueType = z.infer<typeof ValueType>;

/** How often an indicator is reported. */
export const Periodicity = z.enum(['annual', 'quarterly']);
/** How often an indicator is reported. */
export type Periodicity = z.infer<typeof Periodicity>;

/** Groups used to lay out reports; the five dimensions of seed 004 plus `base` for components. */
export const IndicatorGroup = z.enum(['base', 'input', 'actors', 'vitality', 'openness', 'output']);
/** A report group. */
export type IndicatorGroup = z.infer<typeof IndicatorGroup>;

/** The allowed range of values; a bound left out is open. `{}` allows negatives (profits, net changes). */
export const ValueRange = z.object({ min: z.number().optional(), max: z.number().optional() }).strict();
/** The allowed range of values. */
export type ValueRange = z.infer<typeof ValueRange>;

/**
 * Whether a reporting unit must fill an indicator: `required` (a blank is an error), `optional` (a
 * blank is accepted, with a warning so the centre sees the gap), or `blank-with-reason` (a blank is
 * accepted only with a reason in 备注, which travels to the centre as a warning).
 */
export const Requirement = z.enum(['required', 'optional', 'blank-with-reason']);
/** Whether a unit must fill an indicator. */
export type Requirement = z.infer<typeof Requirement>;

/** Requiredness per reporting level. Default: required for cities, optional for parks. */
export const Requirements = z
  .object({ city: Requirement.default('required'), park: Requirement.default('optional') })
  .strict();
/** Requiredness per reporting level. */
export type Requirements = z.infer<typeof Requirements>;

/**
 * An indicator's 指标解释 (统计口径) and its source: a seed (`seed 004`) or a standard statistical
 * definition named by its document. An indicator without one is printed 待中心确认.
 */
export const IndicatorDefinition = z.object({ zh: z.string().min(1), source: z.string().min(1) }).strict();
/** An indicator's definition and its source. */
export type IndicatorDefinition = z.infer<typeof IndicatorDefinition>;

/**
 * One indicator as written in a catalogue file. Fields left out take the defaults below, so the
 * data stays short; {@link Indicator} is the shape after defaults.
 */
export const IndicatorInput = z
  .object({
    code: IndicatorCode,
    /** The numeric 代码 printed on the form (01, 02…): stable, unique in the catalogue. */
    formCode: z
      .string()
      .regex(/^\d{2,4}$/, '2–4 digits')
      .optional(),
    name: LocalizedText,
    group: IndicatorGroup,
    unit: UnitCode,
    /** Other units an office may type, with the factor to `unit`. Default: every unit of its family. */
    inputUnits: z.array(InputUnit).optional(),
    valueType: ValueType,
    /** Declared precision: decimals after the point. Also drives consistency tolerance. */
    decimals: z.number().int().min(0).max(8),
    range: ValueRange.default({ min: 0 }),
    levels: z.array(OrgLevel).min(1).default(['zone', 'city', 'park']),
    periodicity: z.array(Periodicity).min(1).default(['annual']),
    /** Whether a city or park must fill it (see {@link Requirement}). */
    requirement: Requirements.prefault({}),
    /** For the index: is more better (`positive`) or worse (`negative`)? */
    polarity: z.enum(['positive', 'negative']).default('positive'),
    aggregation: Aggregation,
    /** 指标解释: what the indicator counts, and where that definition comes from. */
    definition: IndicatorDefinition.optional(),
    /** Seeds the indicator comes from (000, 003, 004). */
    sources: z.array(z.string()).default([]),
    /** Year-on-year change beyond this percentage is a warning (default 50). */
    yoyThresholdPercent: z.number().positive().default(50),
  })
  .strict();
/** One indicator as written in a catalogue file, before defaults. */
export type IndicatorInput = z.infer<typeof IndicatorInput>;
