import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprint, type SubmissionInput } from '@sunan/aggregate';
import { createTemplate } from '@sunan/report';
import { parsePeriod, resolveOrgUnit, type Submission, sunanCatalogue } from '@sunan/schema';
import { type ValidationReport, validateSubmission } from '@sunan/validate';
import * as XLSX from 'xlsx';
import { syntheticSubmission } from './synthetic.js';

/** The built-in catalogue, parsed once for all tests. */
export const catalogue = sunanCatalogue();
/** The five cities' division codes, in the catalogue's order. */
export const CITIES = ['320100', '320200', '320400', '320500', '321100'];

/** A period, or a thrown error: test set-up mistakes should stop the test. */
export function period(id: string) {
  const p = parsePeriod(id);
  if (!p) throw new Error(`bad period in test: ${id}`);
  return p;
}

/** A city or park of the registry, or a thrown error. */
export function city(code: string) {
  const c = resolveOrgUnit(catalogue.orgUnits, code);
  if (!c) throw new Error(`bad city in test: ${code}`);
  return c;
}

/** A plausible, rule-satisfying submission for a city. */
export function synthetic(code: string, periodId = '2022', scale = 1): Submission {
  return syntheticSubmission({ catalogue, city: city(code), period: period(periodId), scale });
}

/**
 * A template for the city, filled through the library's own writer. Within one test run the same
 * arguments give the bytes written the first time: the run's global set-up names a folder in
 * SUNAN_FIXTURE_CACHE where each workbook is kept by the hash of its arguments (each caller gets
 * its own copy), so the test files that fill the same city do not write it again.
 */
export async function filledWorkbook(
  code: string,
  periodId = '2022',
  submission = synthetic(code, periodId),
): Promise<Uint8Array> {
  const dir = process.env.SUNAN_FIXTURE_CACHE;
  const file =
    dir &&
    join(
      dir,
      `${createHash('sha256')
        .update(JSON.stringify([code, periodId, submission]))
        .digest('hex')}.xlsx`,
    );
  if (file) {
    try {
      return new Uint8Array(readFileSync(file));
    } catch {
      // Not written yet in this run.
    }
  }
  const t = await createTemplate({ city: code, period: periodId, fill: submission });
  if (!t.ok) throw new Error(JSON.stringify(t.findings));
  if (file) {
    // Written aside and renamed, so a test file running beside this one never reads half a workbook.
    const aside = `${file}.${process.pid}`;
    writeFileSync(aside, t.bytes);
    renameSync(aside, file);
  }
  return t.bytes;
}

/** Reads a workbook with SheetJS, lets the test change it, and writes it back with SheetJS (a second writer). */
export function mutate(
  bytes: Uint8Array,
  change: (wb: XLSX.WorkBook) => void,
  bookType: XLSX.BookType = 'xlsx',
): Uint8Array {
  const wb = XLSX.read(bytes, { type: 'array', cellStyles: true, cellNF: true, cellFormula: true });
  change(wb);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType }) as ArrayBuffer);
}

/** The A1 row number (1-based) of the 指标 row for a unit and indicator. */
export function rowOf(wb: XLSX.WorkBook, orgUnit: string, indicator: string): number {
  const ws = wb.Sheets['指标'];
  if (!ws) throw new Error('no 指标 sheet');
  const rows = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, raw: false });
  const i = rows.findIndex((r) => r[0] === orgUnit && r[2] === indicator);
  if (i < 0) throw new Error(`no row ${orgUnit} ${indicator}`);
  return i + 1;
}

/** Sets the 数值 cell (column F) of a unit's indicator row. */
export function setValue(
  wb: XLSX.WorkBook,
  orgUnit: string,
  indicator: string,
  cell: XLSX.CellObject,
): string {
  const ws = wb.Sheets['指标'] as XLSX.WorkSheet;
  const ref = `F${rowOf(wb, orgUnit, indicator)}`;
  ws[ref] = cell;
  return ref;
}

/** The value of a unit's indicator in a submission. */
export function valueIn(sub: Submission, orgUnit: string, indicator: string): string {
  const v = sub.values.find((x) => x.orgUnit === orgUnit && x.indicator === indicator);
  if (!v || v.value === null) throw new Error(`no value ${orgUnit} ${indicator}`);
  return String(v.value);
}

/** Writes the submission into a real template workbook, validates it, and wraps it for the roll-up. */
export async function workbookInput(
  submission: Submission,
  file?: string,
  submittedAt?: string,
): Promise<SubmissionInput> {
  const t = await createTemplate({ city: submission.city, period: submission.period, fill: submission });
  if (!t.ok) throw new Error('template');
  const report = validateSubmission(t.bytes, { fileName: file ?? t.fileName });
  return {
    report,
    file: file ?? t.fileName,
    sha256: await fingerprint(t.bytes),
    ...(submittedAt ? { submittedAt } : {}),
  };
}

/** A report for a hand-made submission (no workbook), for arithmetic checks on chosen numbers. */
export function reportOf(submission: Submission, ok = true): ValidationReport {
  return {
    ok,
    file: `${submission.city}.json`,
    format: 'json',
    city: submission.city,
    period: submission.period,
    submission,
    enterpriseLocations: {
      kind: 'places',
      places: submission.enterprises.map((_, i) => ({ path: `$.enterprises[${i}]` })),
    },
    findings: ok ? [] : [{ code: 'VAL_NOT_NUMBER', severity: 'error', message: { zh: '测试', en: 'test' } }],
    stats: {
      valueRows: submission.values.length,
      values: submission.values.length,
      enterpriseRows: 0,
      enterprises: 0,
      errors: ok ? 0 : 1,
      warnings: 0,
      infos: 0,
    },
  };
}

/** A roll-up input built from chosen numbers for one city. */
export function handInput(city: string, values: Record<string, string>, period = '2022'): SubmissionInput {
  const submission: Submission = {
    templateVersion: '1.0',
    catalogueVersion: catalogue.version,
    city,
    period,
    values: Object.entries(values).map(([indicator, value]) => ({ orgUnit: city, indicator, value })),
    enterprises: [],
  };
  return { report: reportOf(submission), file: `${city}.json`, sha256: city.padEnd(64, '0') };
}
