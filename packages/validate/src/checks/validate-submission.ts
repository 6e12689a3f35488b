import {
  type Catalogue,
  childrenOf,
  compareFindings,
  type Finding,
  formatPeriod,
  type Submission,
  sunanCatalogue,
} from '@sunan/schema/core';
import type { Overflow } from '../findings/bounded-findings.js';
import { capFindings } from '../findings/cap-findings.js';
import { englishUnits } from '../findings/messages.js';
import { withEnterprisesWhenRead } from '../list/enterprise-list.js';
import { type EnterpriseLocations, NO_ENTERPRISE_LOCATIONS } from '../list/enterprise-locations.js';
import { TEMPLATE_VERSION } from '../read/layout.js';
import { DEFAULT_LIMITS, type Limits } from '../read/limits.js';
import { parseInput } from '../read/parse-input.js';
import type { Inflater } from '../read/zip/inflate-bounded.js';
import { type CheckContext, checkContext, report } from './check-context.js';
import { checkMeta } from './check-meta.js';
import { STAGES } from './stages.js';
import { submittedValues } from './submitted-values.js';

export { periodsReported } from './stages.js';

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

/** What a report is made of: where the checks got to, and what they found. */
interface Outcome {
  readonly file: string | undefined;
  readonly format?: string;
  readonly city?: string;
  readonly period?: string;
  readonly submission?: Submission;
  readonly findings: Finding[];
  readonly counts: Pick<
    ValidationStats,
    'valueRows' | 'values' | 'enterpriseRows' | 'enterprises' | 'reader'
  >;
  readonly maxFindings: number;
  readonly enterpriseLocations?: EnterpriseLocations;
  readonly overflow?: readonly Overflow[];
}

/** The report: findings counted (kept or not), capped, said in English units, located and sorted. */
function finish(o: Outcome): ValidationReport {
  const { file, findings, overflow = [] } = o;
  const n = (s: Finding['severity']) =>
    findings.filter((f) => f.severity === s).length +
    overflow.reduce((sum, x) => sum + (x.severity === s ? x.count : 0), 0);
  const stats = { ...o.counts, errors: n('error'), warnings: n('warning'), infos: n('info') };
  const capped = capFindings(findings, o.maxFindings, overflow).map((f) =>
    /[\u4e00-\u9fff]/.test(f.message.en)
      ? { ...f, message: { ...f.message, en: englishUnits(f.message.en) } }
      : f,
  );
  const located = file === undefined ? capped : capped.map((f) => ({ file, ...f }));
  located.sort(compareFindings);
  return {
    ok: stats.errors === 0,
    file,
    format: o.format,
    city: o.city,
    period: o.period,
    submission: o.submission,
    enterpriseLocations: o.enterpriseLocations ?? NO_ENTERPRISE_LOCATIONS,
    findings: located,
    stats,
  };
}

/** The report of a file whose city and period are settled: every stage run, in order. */
function checked(ctx: CheckContext, file: string | undefined, counts: Outcome['counts']): ValidationReport {
  for (const stage of STAGES) stage.run(ctx);
  const { parsed, catalogue, city, list } = ctx;
  const period = formatPeriod(ctx.period);
  const submission = withEnterprisesWhenRead(
    {
      templateVersion: parsed.meta?.templateVersion ?? TEMPLATE_VERSION,
      catalogueVersion: parsed.meta?.catalogueVersion ?? catalogue.version,
      city: city.code,
      period,
      values: submittedValues(ctx),
    },
    list.enterprises,
  );
  return finish({
    file,
    format: parsed.format,
    city: city.code,
    period,
    submission,
    findings: ctx.findings,
    counts: { ...counts, values: ctx.values.size, enterprises: list.enterprises.length },
    maxFindings: ctx.limits.maxFindings,
    enterpriseLocations: list.locations,
    overflow: ctx.overflow,
  });
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
  const maxFindings = limits.maxFindings;
  const read = parseInput(bytes, limits, options.reader, options.valuesOnly, options.inflater);
  const { parsed } = read;
  if (!parsed) {
    const counts = { valueRows: 0, values: 0, enterpriseRows: 0, enterprises: 0 };
    return finish({ file, findings: read.findings, counts, maxFindings });
  }
  const meta = checkMeta(parsed, catalogue, options);
  const counts = {
    valueRows: parsed.valueRows.length,
    values: 0,
    enterpriseRows: parsed.enterpriseRows?.length ?? 0,
    enterprises: 0,
    reader: read.reader ?? (parsed.format === 'json' ? ('json' as const) : ('sheetjs' as const)),
  };
  const { city, period } = meta;
  if (!city || !period) {
    const findings = [...read.findings, ...parsed.findings, ...meta.findings];
    const shown = period && formatPeriod(period);
    return finish({
      file,
      format: parsed.format,
      city: city?.code,
      period: shown,
      findings,
      counts,
      maxFindings,
    });
  }
  const units = [city, ...childrenOf(catalogue.orgUnits, city.code, period)];
  const ctx = checkContext({ parsed, catalogue, city, period, units, limits, options });
  report(ctx, read.findings);
  report(ctx, parsed.findings);
  report(ctx, meta.findings);
  return checked(ctx, file, counts);
}
