import {
  type Catalogue,
  childrenOf,
  type EnterpriseRow,
  type Finding,
  type OrgUnit,
  type Period,
  resolveOrgUnit,
} from '@sunan/schema/core';
import { boundedFindings, type Overflow } from './bounded-findings.js';
import type { CheckedValue } from './check-values.js';
import { valueKey } from './check-values.js';
import { checkCreditCode } from './credit-code.js';
import { type EnterpriseLocations, NO_ENTERPRISE_LOCATIONS } from './enterprise-locations.js';
import type { EnterpriseRows } from './enterprise-rows.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { Location, ParsedFile, RawEnterpriseRow } from './parsed-file.js';

const PLAIN = /^[0-9A-Z]{18}$/;
/** How many invalid rows a count message names before it says “等 N 行”. */
const PLACES_NAMED = 20;

/**
 * A listed enterprise with its optional fields present only when known, each shape built whole: a
 * field added after the object is made moves the object to slower storage and costs an extra
 * allocation per row (100,000 rows in a large list).
 */
function enterpriseRow(
  creditCode: string,
  name: string,
  park: string | null,
  certificateNo: string | undefined,
  certifiedYear: number | undefined,
): EnterpriseRow {
  if (certificateNo !== undefined)
    return certifiedYear !== undefined
      ? { creditCode, name, park, certificateNo, certifiedYear }
      : { creditCode, name, park, certificateNo };
  return certifiedYear !== undefined ? { creditCode, name, park, certifiedYear } : { creditCode, name, park };
}

/**
 * Collects where each kept enterprise sits: line numbers when the list is one sheet column (an
 * xlsx list), else each row's own location.
 */
function locationCollector(rows: EnterpriseRows): {
  add(i: number, row: RawEnterpriseRow): void;
  done(): EnterpriseLocations;
} {
  const sheet = rows.lines;
  if (sheet === undefined) {
    const places: Location[] = [];
    return { add: (_, row) => places.push(row.at), done: () => ({ kind: 'places', places }) };
  }
  // Sized once for every row: a growing array copies itself on the way to 100,000 entries.
  const lines = new Int32Array(rows.length);
  let n = 0;
  return {
    add: (i) => {
      lines[n++] = sheet.line(i);
    },
    done: () => ({
      kind: 'lines',
      sheet: sheet.sheet,
      column: sheet.column,
      lines: Array.from(lines.subarray(0, n)),
    }),
  };
}

/**
 * Checks the high-tech enterprise list: each 统一社会信用代码 (format and GB 32100 check character),
 * duplicates within the list, the park (must be one of the city's), the certification year, and the
 * list's length against the reported number of high-tech enterprises for the city and each park.
 */
export function checkEnterprises(
  parsed: ParsedFile,
  values: ReadonlyMap<string, CheckedValue>,
  catalogue: Catalogue,
  city: OrgUnit,
  period: Period,
  maxPerKind: number = DEFAULT_LIMITS.maxFindings,
): {
  enterprises: EnterpriseRow[];
  locations: EnterpriseLocations;
  findings: Finding[];
  overflow: Overflow[];
} {
  // Every row of a 250,000-row list can be wrong: at most `maxPerKind` of a kind are kept, the rest counted.
  const findings = boundedFindings(maxPerKind);
  // The rows that passed, already in the submission's shape, and where each sits (same order).
  const enterprises: EnterpriseRow[] = [];
  const rows = parsed.enterpriseRows;
  const hteCity = values.get(valueKey(city.code, 'HTE_COUNT'));
  if (rows === undefined) {
    // A CSV holds one sheet, the values: the list cannot be in it, and the centre must know its
    // checks were not made (credit codes, list length = HTE_COUNT, cross-city duplicates).
    if (hteCity && parsed.format === 'csv')
      findings.report('ENT_LIST_NOT_IN_FILE', 'warning', () => ({
        message: {
          zh: 'CSV 文件不含高新技术企业名单：未核对信用代码、名单企业数与填报数是否一致、跨市重复；请另报名单或改用 xlsx 模板',
          en: 'A CSV file carries no enterprise list: credit codes, list length vs HTE_COUNT and cross-city duplicates were not checked',
        },
        details: { orgUnit: city.code, indicator: 'HTE_COUNT', expected: '高新技术企业名单' },
      }));
    else if (hteCity)
      findings.report('ENT_LIST_MISSING', 'error', () => ({
        message: { zh: '缺少高新技术企业名单工作表', en: 'The high-tech enterprise list is missing' },
        details: { indicator: 'HTE_COUNT', expected: '高新技术企业名单' },
      }));
    return {
      enterprises,
      locations: NO_ENTERPRISE_LOCATIONS,
      findings: findings.kept,
      overflow: findings.overflow(),
    };
  }
  const locations = locationCollector(rows);
  const parks = childrenOf(catalogue.orgUnits, city.code, period);
  const parkCodes = new Set(parks.map((p) => p.code));
  // Each code's first row, as an index: its location is made only for a duplicate's finding.
  const firstSeen = new Map<string, number>();
  const perPark = new Map<string, number>();
  const year = period.year;
  // Thousands of rows name the same few parks: resolve each distinct text once.
  const parkCache = new Map<string, ReturnType<typeof resolveOrgUnit>>();
  const resolvePark = (text: string) => {
    if (!parkCache.has(text)) parkCache.set(text, resolveOrgUnit(catalogue.orgUnits, text));
    return parkCache.get(text);
  };
  // Rows left out of the count (bad or missing code, duplicates), for explaining a count mismatch.
  const rejected: Array<{ at: Location; park: string | undefined }> = [];
  const reject = (row: RawEnterpriseRow) => {
    const unit = row.park === undefined ? undefined : resolvePark(row.park);
    rejected.push({ at: row.at, park: unit && parkCodes.has(unit.code) ? unit.code : undefined });
  };
  for (let i = 0; i < rows.length; i++) {
    const row = rows.row(i);
    const raw = row.creditCode;
    const name = row.name;
    const parkText = row.park;
    if (raw === undefined && name === undefined && parkText === undefined) continue;
    if (raw === undefined) {
      findings.report('ENT_CODE_MISSING', 'error', () => ({
        at: row.at,
        message: {
          zh: `企业“${name ?? ''}”缺少统一社会信用代码`,
          en: `Enterprise "${name ?? ''}" has no unified social credit code`,
        },
        details: { expected: '18 位代码 / 18 characters' },
      }));
      reject(row);
      continue;
    }
    // Fast path: a well-formed ASCII code needs no normalisation.
    const code = PLAIN.test(raw) ? raw : raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
    const check = checkCreditCode(code);
    if (!check.ok) {
      if (check.reason === 'format')
        findings.report('ENT_CODE_FORMAT', 'error', () => ({
          at: row.at,
          message: {
            zh: '统一社会信用代码格式错误（应为 18 位，不含 I、O、Z、S、V）',
            en: 'Malformed unified social credit code (18 characters, no I, O, Z, S, V)',
          },
          details: { value: raw, expected: '18 位 GB 32100 代码' },
        }));
      else
        findings.report('ENT_CODE_CHECK', 'error', () => ({
          at: row.at,
          message: {
            zh: `统一社会信用代码校验位错误（应为 ${check.expected}）`,
            en: `Wrong check character in the unified social credit code (expected ${check.expected})`,
          },
          details: { value: raw, expected: `${code.slice(0, 17)}${check.expected}` },
        }));
      reject(row);
      continue;
    }
    if (code !== raw)
      findings.report('ENT_CODE_NORMALIZED', 'info', () => ({
        at: row.at,
        message: { zh: '统一社会信用代码已去除空格并转为大写', en: 'Credit code trimmed and upper-cased' },
        details: { value: raw, expected: code },
      }));
    const dupOf = firstSeen.get(code);
    if (dupOf !== undefined) {
      findings.report('ENT_DUPLICATE', 'error', () => {
        const first = rows.row(dupOf).at;
        return {
          at: row.at,
          message: {
            zh: `企业重复列出（首次出现在 ${first.cell ?? first.path ?? ''}）`,
            en: `Enterprise listed twice (first at ${first.cell ?? first.path ?? ''})`,
          },
          details: { value: code },
        };
      });
      reject(row);
      continue;
    }
    firstSeen.set(code, i);
    let park: string | undefined;
    if (parkText !== undefined) {
      const unit = resolvePark(parkText);
      if (unit && parkCodes.has(unit.code)) park = unit.code;
      else if (unit?.level === 'park')
        findings.report('ENT_PARK_OTHER_CITY', 'error', () => ({
          at: row.at,
          message: {
            zh: `所在园区“${parkText}”不属于${city.name.zh}`,
            en: `Park "${parkText}" is not in ${city.name.en}`,
          },
          details: { value: parkText, expected: parks.map((p) => p.name.zh).join('、') },
        }));
      else
        findings.report('ENT_PARK_UNKNOWN', 'error', () => ({
          at: row.at,
          message: { zh: `无法识别的园区“${parkText}”`, en: `Unknown park "${parkText}"` },
          details: { value: parkText, expected: parks.map((p) => `${p.code} ${p.name.zh}`).join('、') },
        }));
    }
    const yearText = row.certifiedYear;
    let certifiedYear: number | undefined;
    if (yearText !== undefined) {
      const y = Number(yearText.normalize('NFKC').replace(/年$/, ''));
      if (Number.isInteger(y) && y >= 2008 && y <= year) certifiedYear = y;
      else
        findings.report('ENT_YEAR_INVALID', 'warning', () => ({
          at: row.at,
          message: { zh: `认定年份“${yearText}”无效`, en: `Invalid certification year "${yearText}"` },
          details: { value: yearText, expected: `2008–${year}` },
        }));
    }
    if (park) perPark.set(park, (perPark.get(park) ?? 0) + 1);
    enterprises.push(enterpriseRow(code, name ?? '', park ?? null, row.certificateNo, certifiedYear));
    locations.add(i, row);
  }

  const place = (l: Location) => l.cell ?? l.path ?? (l.row === undefined ? '' : `第 ${l.row} 行`);
  // The first rows are named; a message stays readable when the whole list is wrong.
  const places = (rows: readonly { at: Location }[]) =>
    rows.length <= PLACES_NAMED
      ? rows.map((r) => place(r.at)).join('、')
      : `${rows
          .slice(0, PLACES_NAMED)
          .map((r) => place(r.at))
          .join('、')} 等 ${rows.length} 行`;
  const reconcile = (unit: OrgUnit, listed: number) => {
    const reported = values.get(valueKey(unit.code, 'HTE_COUNT'));
    if (!reported || reported.value.eq(listed)) return;
    const isCity = unit.code === city.code;
    const mine = isCity ? rejected : rejected.filter((r) => r.park === unit.code);
    const common = {
      orgUnit: unit.code,
      indicator: 'HTE_COUNT',
      value: reported.value.toString(),
      expected: String(listed),
    };
    // The invalid rows explain the difference: say so once, at the city, pointing at the rows; a
    // park whose difference the same rows explain needs no second finding.
    if (mine.length > 0 && reported.value.eq(listed + mine.length)) {
      if (!isCity) return;
      const where = places(mine);
      findings.report('ENT_COUNT_INVALID_ROWS', 'info', () => ({
        at: reported.at,
        message: {
          zh: `${unit.name.zh}填报高新技术企业 ${reported.value.toString()} 家，名单中有效企业 ${listed} 家：差的 ${mine.length} 家是名单中有错误而未计入的行（${where}），改正这些行即可`,
          en: `${unit.name.en} reports ${reported.value.toString()} high-tech enterprises and the list has ${listed} valid rows: the ${mine.length} missing are the invalid rows (${where}); correct them`,
        },
        details: common,
      }));
      return;
    }
    const note =
      mine.length > 0
        ? {
            zh: `（另有 ${mine.length} 行因错误未计入：${places(mine)}）`,
            en: ` (${mine.length} invalid rows not counted)`,
          }
        : { zh: '', en: '' };
    findings.report('ENT_COUNT_MISMATCH', 'error', () => ({
      at: reported.at,
      message: {
        zh: `${unit.name.zh}填报高新技术企业 ${reported.value.toString()} 家，名单中有效企业 ${listed} 家${note.zh}`,
        en: `${unit.name.en} reports ${reported.value.toString()} high-tech enterprises but the list has ${listed} valid rows${note.en}`,
      },
      details: common,
    }));
  };
  reconcile(city, enterprises.length);
  for (const p of parks)
    if (values.has(valueKey(p.code, 'HTE_COUNT'))) reconcile(p, perPark.get(p.code) ?? 0);
  return { enterprises, locations: locations.done(), findings: findings.kept, overflow: findings.overflow() };
}
