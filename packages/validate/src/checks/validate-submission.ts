import {
  type Catalogue,
  childrenOf,
  compareFindings,
  type Finding,
  formatPeriod,
  type OrgUnit,
  orgUnitName,
  type Period,
  type Submission,
  type SubmissionValue,
  sunanCatalogue,
} from '@sunan/schema/core';
import type { Overflow } from '../findings/bounded-findings.js';
import { buildFinding } from '../findings/build.js';
import { append, capFindings } from '../findings/cap-findings.js';
import { englishUnits } from '../findings/messages.js';
import { EMPTY_LIST, withEnterprisesWhenRead } from '../list/enterprise-list.js';
import { type EnterpriseLocations, NO_ENTERPRISE_LOCATIONS } from '../list/enterprise-locations.js';
import { TEMPLATE_VERSION } from '../read/layout.js';
import { DEFAULT_LIMITS, type Limits } from '../read/limits.js';
import { parseInput } from '../read/parse-input.js';
import { templateRows } from '../read/template-rows.js';
import type { Inflater } from '../read/zip/inflate-bounded.js';
import { checkEnterprises } from './check-enterprises.js';
import { checkMeta } from './check-meta.js';
import { checkPrevious } from './check-previous.js';
import { checkRules } from './check-rules.js';
import { type CheckedValue, checkValues } from './check-values.js';
import { checkMagnitude } from './magnitude.js';

/** Options of {@link validateSubmission}. */
export interface ValidateOptions {
  /** Defaults to the built-in Sunan catalogue. */
  readonly catalogue?: Catalogue;
  /** Name shown in findings (the core never touches the file system). */
  readonly fileName?: string;
  /** The city the caller expects (code, name or pinyin); a different city in the file is an error. */
  readonly expectCity?: string;
  /** The period the caller expects; a different period in the file is an error. */
  readonly expectPeriod?: string;
  /** The period of a file that names none (a CSV export); an info finding says it was assumed. */
  readonly defaultPeriod?: string;
  /**
   * The previous period's submission, for year-on-year checks: its bytes, its parsed form, or a
   * lookup by the city and period found in the file (for a batch of several cities).
   */
  readonly previous?: Uint8Array | Submission | ((city: string, period: string) => Submission | undefined);
  readonly limits?: Partial<Limits>;
  /**
   * Which reader may read an xlsx: 'auto' (default) tries the fast reader of the template's own
   * sheets and falls back to SheetJS; 'sheetjs' always uses SheetJS (for differential tests, benches).
   */
  readonly reader?: 'auto' | 'sheetjs';
  /**
   * Read the values only (a previous or history period, of which a roll-up needs nothing else): the
   * enterprise list is neither read (by the fast reader) nor checked, and the report lists none.
   */
  readonly valuesOnly?: boolean;
  /**
   * A native inflater for the fast reader (Node's zlib: `nodeInflater` from `@sunan/validate/node`,
   * which `validateFile` uses by default); without one, fflate inflates (browsers). Either way each
   * entry's size and CRC-32 are checked.
   */
  readonly inflater?: Inflater;
}

/** Counts that describe what was read. */
export interface ValidationStats {
  readonly valueRows: number;
  readonly values: number;
  readonly enterpriseRows: number;
  readonly enterprises: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** Which reader read the file: the fast reader of the template, SheetJS, or the JSON reader. */
  readonly reader?: 'fast' | 'sheetjs' | 'json';
}

/** The outcome of validating one file. */
export interface ValidationReport {
  /** True when there is no error finding (warnings and infos allowed). */
  readonly ok: boolean;
  readonly file: string | undefined;
  readonly format: string | undefined;
  readonly city: string | undefined;
  readonly period: string | undefined;
  /** The submission as read (exact values in canonical units), when the file could be read. */
  readonly submission: Submission | undefined;
  /**
   * Where each row of `submission.enterprises` sits in the file (same order), for cross-file
   * findings; read one with {@link enterpriseLocation}.
   */
  readonly enterpriseLocations: EnterpriseLocations;
  /** Every finding, sorted by sheet and cell. */
  readonly findings: readonly Finding[];
  readonly stats: ValidationStats;
}

function finish(
  file: string | undefined,
  format: string | undefined,
  city: string | undefined,
  period: string | undefined,
  submission: Submission | undefined,
  findings: Finding[],
  counts: Pick<ValidationStats, 'valueRows' | 'values' | 'enterpriseRows' | 'enterprises' | 'reader'>,
  maxFindings: number,
  enterpriseLocations: EnterpriseLocations = NO_ENTERPRISE_LOCATIONS,
  overflow: readonly Overflow[] = [],
): ValidationReport {
  const n = (s: Finding['severity']) =>
    findings.filter((f) => f.severity === s).length +
    overflow.reduce((sum, o) => sum + (o.severity === s ? o.count : 0), 0);
  const stats = { ...counts, errors: n('error'), warnings: n('warning'), infos: n('info') };
  const capped = capFindings(findings, maxFindings, overflow).map((f) =>
    /[\u4e00-\u9fff]/.test(f.message.en)
      ? { ...f, message: { ...f.message, en: englishUnits(f.message.en) } }
      : f,
  );
  const located = file === undefined ? capped : capped.map((f) => ({ file, ...f }));
  located.sort(compareFindings);
  return {
    ok: stats.errors === 0,
    file,
    format,
    city,
    period,
    submission,
    enterpriseLocations,
    findings: located,
    stats,
  };
}

/**
 * A file with no values never passes: a period for which the catalogue asks nothing (a quarter, when
 * no indicator is quarterly) is refused, and a file whose table holds no value is an error.
 */
function emptinessFindings(
  catalogue: Catalogue,
  city: OrgUnit,
  period: Period,
  values: number,
  sheet: string | undefined,
): Finding[] {
  if (templateRows(catalogue, city, period).length === 0)
    return [
      buildFinding(
        'PERIOD_NOT_REPORTED',
        undefined,
        {
          quarter: period.kind === 'quarter',
          period: formatPeriod(period),
          reported: periodsReported(catalogue),
        },
        { value: formatPeriod(period), expected: periodsReported(catalogue) },
      ),
    ];
  if (values > 0) return [];
  return [buildFinding('VAL_NO_VALUES', sheet ? { sheet } : undefined, {})];
}

/** The kinds of period the catalogue's indicators are reported for, as text for messages. */
export function periodsReported(catalogue: Catalogue): string {
  const kinds = new Set(catalogue.indicators.flatMap((i) => i.periodicity));
  return [
    kinds.has('annual') ? '年度 annual (2022)' : '',
    kinds.has('quarterly') ? '季度 quarterly (2022Q3)' : '',
  ]
    .filter((x) => x !== '')
    .join('、');
}

/** Year-on-year checks against the previous period's submission, when one is given. */
function previousFindings(
  options: ValidateOptions,
  catalogue: Catalogue,
  limits: Limits,
  city: string,
  period: string,
  values: ReadonlyMap<string, CheckedValue>,
  flagged: Set<string>,
): Finding[] {
  const given = options.previous;
  if (given === undefined) return [];
  const prev =
    given instanceof Uint8Array
      ? validateSubmission(given, {
          catalogue,
          limits,
          reader: options.reader,
          inflater: options.inflater,
          valuesOnly: true,
        }).submission
      : typeof given === 'function'
        ? given(city, period)
        : given;
  if (prev)
    return otherPrevious(prev, catalogue, city, period) ?? checkPrevious(values, prev, catalogue, flagged);
  if (typeof given === 'function') return [buildFinding('PREVIOUS_MISSING', undefined, {})];
  return [buildFinding('PREVIOUS_UNREADABLE', undefined, {})];
}

/**
 * A previous-period file of another city, or not of the year before, is not compared: the clerk is
 * told so, instead of believing the year-on-year checks ran.
 */
function otherPrevious(
  prev: Submission,
  catalogue: Catalogue,
  city: string,
  period: string,
): Finding[] | undefined {
  const wanted = period.replace(/^\d{4}/, (y) => String(Number(y) - 1));
  if (prev.city === city && prev.period === wanted) return undefined;
  const name = orgUnitName(catalogue, prev.city);
  return [
    buildFinding(
      'PREVIOUS_OTHER',
      undefined,
      { city: { name }, period: prev.period },
      { value: `${prev.city} ${prev.period}`, expected: `${city} ${wanted}` },
    ),
  ];
}

/** The submission's values: each checked figure as exact text, then the permitted blanks. */
function submittedValues(checked: ReturnType<typeof checkValues>): SubmissionValue[] {
  return [
    ...[...checked.values.values()].map((v) => ({
      orgUnit: v.orgUnit.code,
      indicator: v.indicator.code,
      value: v.value.toString(),
      ...(v.note ? { note: v.note } : {}),
    })),
    // Permitted blanks travel with their reason, so the roll-up can say why a city's figure is absent.
    ...checked.blanks.map((b) => ({ orgUnit: b.orgUnit, indicator: b.indicator, value: null, note: b.note })),
  ];
}

/**
 * Validates a city's submission from its bytes (xlsx, xls, ods, CSV in UTF-8 or GBK, or JSON): every
 * problem at once, each a finding with a stable code, severity, sheet and cell, indicator, the value
 * seen, what was expected, and a message in Chinese and English. Never throws on user data and never
 * modifies the input.
 */
export function validateSubmission(bytes: Uint8Array, options: ValidateOptions = {}): ValidationReport {
  const catalogue = options.catalogue ?? sunanCatalogue();
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const file = options.fileName;
  const zero = { valueRows: 0, values: 0, enterpriseRows: 0, enterprises: 0 };
  const {
    parsed,
    findings: readFindings,
    reader,
  } = parseInput(bytes, limits, options.reader, options.valuesOnly, options.inflater);
  if (!parsed)
    return finish(file, undefined, undefined, undefined, undefined, readFindings, zero, limits.maxFindings);

  const findings: Finding[] = [];
  append(findings, readFindings);
  append(findings, parsed.findings);
  const meta = checkMeta(parsed, catalogue, options);
  append(findings, meta.findings);
  const counts = {
    valueRows: parsed.valueRows.length,
    values: 0,
    enterpriseRows: parsed.enterpriseRows?.length ?? 0,
    enterprises: 0,
    reader: reader ?? (parsed.format === 'json' ? ('json' as const) : ('sheetjs' as const)),
  };
  const { city, period } = meta;
  if (!city || !period)
    return finish(
      file,
      parsed.format,
      city?.code,
      period && formatPeriod(period),
      undefined,
      findings,
      counts,
      limits.maxFindings,
    );

  const checked = checkValues(parsed, catalogue, city, period, limits.maxFindings);
  append(findings, checked.findings);
  append(findings, emptinessFindings(catalogue, city, period, checked.values.size, parsed.valueSheet));
  // Magnitude first (last year's figures, then plausibility bounds): the cells they doubt weigh in
  // the localisation of failed rules.
  const flagged = new Set<string>();
  append(
    findings,
    previousFindings(options, catalogue, limits, city.code, formatPeriod(period), checked.values, flagged),
  );
  const units = [city, ...childrenOf(catalogue.orgUnits, city.code, period)];
  append(findings, checkMagnitude(checked.values, catalogue, units, flagged));
  append(findings, checkRules(checked.values, catalogue, city, period, flagged));
  const ent = options.valuesOnly
    ? { findings: [], enterprises: EMPTY_LIST, locations: NO_ENTERPRISE_LOCATIONS, overflow: [] }
    : checkEnterprises(parsed, checked.values, catalogue, city, period, limits.maxFindings);
  append(findings, ent.findings);

  const submission = withEnterprisesWhenRead(
    {
      templateVersion: parsed.meta?.templateVersion ?? TEMPLATE_VERSION,
      catalogueVersion: parsed.meta?.catalogueVersion ?? catalogue.version,
      city: city.code,
      period: formatPeriod(period),
      values: submittedValues(checked),
    },
    ent.enterprises,
  );
  return finish(
    file,
    parsed.format,
    city.code,
    formatPeriod(period),
    submission,
    findings,
    {
      ...counts,
      values: checked.values.size,
      enterprises: ent.enterprises.length,
    },
    limits.maxFindings,
    ent.locations,
    checked.overflow.concat(ent.overflow),
  );
}
