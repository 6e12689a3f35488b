import { parsePeriod, resolveOrgUnit, type Submission, sunanCatalogue } from '@sunan/schema';
import { createTemplate, syntheticSubmission } from '@sunan/validate';
import * as XLSX from 'xlsx';

export const catalogue = sunanCatalogue();

export function period(id: string) {
  const p = parsePeriod(id);
  if (!p) throw new Error(`bad period in test: ${id}`);
  return p;
}

export function city(code: string) {
  const c = resolveOrgUnit(catalogue.orgUnits, code);
  if (!c) throw new Error(`bad city in test: ${code}`);
  return c;
}

/** A plausible, rule-satisfying submission for a city. */
export function synthetic(code: string, periodId = '2022', scale = 1): Submission {
  return syntheticSubmission({ catalogue, city: city(code), period: period(periodId), scale });
}

/** A template for the city, filled through the library's own writer. */
export async function filledWorkbook(
  code: string,
  periodId = '2022',
  submission = synthetic(code, periodId),
): Promise<Uint8Array> {
  const t = await createTemplate({ city: code, period: periodId, fill: submission });
  if (!t.ok) throw new Error(JSON.stringify(t.findings));
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
