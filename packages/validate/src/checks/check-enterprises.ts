import {
  type Catalogue,
  childrenOf,
  type Finding,
  type OrgUnit,
  type Period,
  resolveOrgUnit,
} from '@sunan/schema/core';
import { type BoundedFindings, boundedFindings, type Overflow } from '../findings/bounded-findings.js';
import { EMPTY_LIST, type EnterpriseList } from '../list/enterprise-list.js';
import { type EnterpriseLocations, NO_ENTERPRISE_LOCATIONS } from '../list/enterprise-locations.js';
import type { EnterpriseRows } from '../list/enterprise-rows.js';
import { KeptEnterprises } from '../list/kept-enterprises.js';
import { DEFAULT_LIMITS } from '../read/limits.js';
import type { Location, ParsedFile, RawEnterpriseRow } from '../read/parsed-file.js';
import { checkEnterpriseCounts, type RejectedRow } from './check-enterprise-counts.js';
import type { CheckedValue } from './check-values.js';
import { valueKey } from './check-values.js';
import { checkCreditCode } from './credit-code.js';

const PLAIN = /^[0-9A-Z]{18}$/;

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

/** The row's credit code, normalised, or undefined when it is missing or invalid (with its finding). */
function creditCodeOf(
  raw: string | undefined,
  row: RawEnterpriseRow,
  findings: BoundedFindings,
): string | undefined {
  if (raw === undefined) {
    findings.report('ENT_CODE_MISSING', () => ({
      at: row.at,
      params: { name: row.name ?? '' },
      details: { expected: '18 位代码 / 18 characters' },
    }));
    return undefined;
  }
  // Fast path: a well-formed ASCII code needs no normalisation.
  const code = PLAIN.test(raw) ? raw : raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  const check = checkCreditCode(code);
  if (!check.ok) {
    if (check.reason === 'format')
      findings.report('ENT_CODE_FORMAT', () => ({
        at: row.at,
        params: {},
        details: { value: raw, expected: '18 位 GB 32100 代码' },
      }));
    else
      findings.report('ENT_CODE_CHECK', () => ({
        at: row.at,
        params: { expected: check.expected },
        details: { value: raw, expected: `${code.slice(0, 17)}${check.expected}` },
      }));
    return undefined;
  }
  if (code !== raw)
    findings.report('ENT_CODE_NORMALIZED', () => ({
      at: row.at,
      params: {},
      details: { value: raw, expected: code },
    }));
  return code;
}

/** The row's certification year when it is one from 2008 to the period's year (else a warning). */
function certifiedYearOf(row: RawEnterpriseRow, year: number, findings: BoundedFindings): number | undefined {
  const text = row.certifiedYear;
  if (text === undefined) return undefined;
  const y = Number(text.normalize('NFKC').replace(/年$/, ''));
  if (Number.isInteger(y) && y >= 2008 && y <= year) return y;
  findings.report('ENT_YEAR_INVALID', () => ({
    at: row.fieldAt?.('certifiedYear') ?? row.at,
    params: { text },
    details: { value: text, expected: `2008–${year}` },
  }));
  return undefined;
}

/**
 * A file without a list whose city reports a number of high-tech enterprises. A CSV holds one sheet,
 * the values: the list cannot be in it, and the centre must know its checks were not made (credit
 * codes, list length = HTE_COUNT, cross-city duplicates).
 */
function listAbsent(format: ParsedFile['format'], city: OrgUnit, findings: BoundedFindings): void {
  if (format === 'csv')
    findings.report('ENT_LIST_NOT_IN_FILE', () => ({
      params: {},
      details: { orgUnit: city.code, indicator: 'HTE_COUNT', expected: '高新技术企业名单' },
    }));
  else
    findings.report('ENT_LIST_MISSING', () => ({
      params: {},
      details: { indicator: 'HTE_COUNT', expected: '高新技术企业名单' },
    }));
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
  /** The rows that passed, in the submission's order; made into objects when read. */
  enterprises: EnterpriseList;
  locations: EnterpriseLocations;
  findings: Finding[];
  overflow: Overflow[];
} {
  // Every row of a 250,000-row list can be wrong: at most `maxPerKind` of a kind are kept, the rest counted.
  const findings = boundedFindings(maxPerKind);
  const rows = parsed.enterpriseRows;
  if (rows === undefined) {
    if (values.has(valueKey(city.code, 'HTE_COUNT'))) listAbsent(parsed.format, city, findings);
    return {
      enterprises: EMPTY_LIST,
      locations: NO_ENTERPRISE_LOCATIONS,
      findings: findings.kept,
      overflow: findings.overflow(),
    };
  }
  // The rows that passed and where each sits (same order).
  const enterprises = new KeptEnterprises(rows);
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
  const rejected: RejectedRow[] = [];
  const reject = (row: RawEnterpriseRow) => {
    const unit = row.park === undefined ? undefined : resolvePark(row.park);
    rejected.push({ at: row.at, park: unit && parkCodes.has(unit.code) ? unit.code : undefined });
  };
  for (let i = 0; i < rows.length; i++) {
    const row = rows.row(i);
    // Each cell is read once and only when needed: a list row's texts are made when read.
    const raw = row.creditCode;
    if (raw === undefined && row.name === undefined && row.park === undefined) continue;
    const code = creditCodeOf(raw, row, findings);
    if (code === undefined) {
      reject(row);
      continue;
    }
    const dupOf = firstSeen.get(code);
    if (dupOf !== undefined) {
      findings.report('ENT_DUPLICATE', () => {
        const first = rows.row(dupOf).at;
        return {
          at: row.at,
          params: { first: first.cell ?? first.path ?? '' },
          details: { value: code },
        };
      });
      reject(row);
      continue;
    }
    firstSeen.set(code, i);
    const parkText = row.park;
    let park: string | undefined;
    if (parkText !== undefined) {
      const unit = resolvePark(parkText);
      if (unit && parkCodes.has(unit.code)) park = unit.code;
      else if (unit?.level === 'park')
        findings.report('ENT_PARK_OTHER_CITY', () => ({
          at: row.fieldAt?.('park') ?? row.at,
          params: { park: parkText, city },
          details: { value: parkText, expected: parks.map((p) => p.name.zh).join('、') },
        }));
      else
        findings.report('ENT_PARK_UNKNOWN', () => ({
          at: row.fieldAt?.('park') ?? row.at,
          params: { park: parkText },
          details: { value: parkText, expected: parks.map((p) => `${p.code} ${p.name.zh}`).join('、') },
        }));
    }
    const certifiedYear = certifiedYearOf(row, year, findings);
    if (park) perPark.set(park, (perPark.get(park) ?? 0) + 1);
    enterprises.add(i, code, row.name ?? '', park ?? null, certifiedYear);
    locations.add(i, row);
  }

  checkEnterpriseCounts({ city, parks, listed: enterprises.length, perPark, rejected }, values, findings);
  return { enterprises, locations: locations.done(), findings: findings.kept, overflow: findings.overflow() };
}
