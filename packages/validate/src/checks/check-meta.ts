import {
  type Catalogue,
  type Finding,
  formatPeriod,
  type OrgUnit,
  type Period,
  parsePeriod,
  resolveOrgUnit,
} from '@sunan/schema/core';
import { buildFinding } from '../findings/build.js';
import { KNOWN_TEMPLATE_VERSIONS, SHEET, TEMPLATE_VERSION } from '../read/layout.js';
import { cellText, type ParsedFile } from '../read/parsed-file.js';

/** What the caller expects the file to be. */
export interface Expectations {
  readonly expectCity?: string;
  readonly expectPeriod?: string;
  /**
   * The period of a file that carries none (a CSV export): used only then, and said in an info
   * finding. A file that names its own period keeps it.
   */
  readonly defaultPeriod?: string;
}

/** The file's metadata and where it sits, as the meta checks read them. */
interface MetaScope {
  readonly parsed: ParsedFile;
  readonly catalogue: Catalogue;
  readonly expect: Expectations;
  readonly meta: ParsedFile['meta'];
  /** The 说明 sheet, where a workbook's metadata is (a JSON file has none). */
  readonly at: { readonly sheet: string | undefined };
  readonly findings: Finding[];
}

/** Which template and catalogue version the file was made from. */
function checkTemplate({ parsed, catalogue, meta, at, findings }: MetaScope): void {
  if (!meta) {
    if (parsed.format !== 'csv')
      findings.push(buildFinding('META_MISSING', at, {}, { expected: `template ${TEMPLATE_VERSION}` }));
    return;
  }
  const version = meta.templateVersion;
  if (version === undefined || !KNOWN_TEMPLATE_VERSIONS.includes(version))
    findings.push(
      buildFinding(
        'META_TEMPLATE_VERSION',
        at,
        { version },
        { value: version, expected: KNOWN_TEMPLATE_VERSIONS.join(', ') },
      ),
    );
  const file = meta.catalogueVersion;
  if (file !== undefined && file !== catalogue.version)
    findings.push(
      buildFinding(
        'META_CATALOGUE_VERSION',
        at,
        { file, current: catalogue.version },
        { value: file, expected: catalogue.version },
      ),
    );
}

/** The one city the rows' unit codes name, when they agree on exactly one (a file without metadata). */
function cityOfRows(parsed: ParsedFile, resolve: (text: string | undefined) => OrgUnit | undefined) {
  const cities = new Set<string>();
  for (const row of parsed.valueRows) {
    const u = resolve(cellText(row.orgUnitCode) ?? cellText(row.orgUnitName));
    if (u?.level === 'city') cities.add(u.code);
    else if (u?.level === 'park' && u.parent) cities.add(u.parent);
  }
  return cities.size === 1 ? resolve([...cities][0]) : undefined;
}

/** The city: the file's, else the expected one, else the rows'; every disagreement a finding. */
function settleCity(scope: MetaScope): OrgUnit | undefined {
  const { catalogue, expect, meta, at, findings } = scope;
  const resolve = (text: string | undefined) =>
    text === undefined ? undefined : resolveOrgUnit(catalogue.orgUnits, text);
  const fileCity = resolve(meta?.city);
  const expectedCity = resolve(expect.expectCity);
  if (expect.expectCity !== undefined && expectedCity?.level !== 'city')
    findings.push(
      buildFinding(
        'EXPECT_UNKNOWN_CITY',
        undefined,
        { text: expect.expectCity },
        { value: expect.expectCity },
      ),
    );
  if (meta?.city !== undefined && fileCity?.level !== 'city')
    findings.push(buildFinding('META_UNKNOWN_CITY', at, { text: meta.city }, { value: meta.city }));
  if (fileCity && expectedCity && fileCity.code !== expectedCity.code)
    findings.push(
      buildFinding(
        'META_CITY_MISMATCH',
        at,
        { file: fileCity, expected: expectedCity },
        { value: fileCity.code, expected: expectedCity.code },
      ),
    );
  const city =
    (fileCity?.level === 'city' ? fileCity : expectedCity?.level === 'city' ? expectedCity : undefined) ??
    cityOfRows(scope.parsed, resolve);
  if (!city) findings.push(buildFinding('META_CITY_MISSING', at, {}));
  return city;
}

/** The file's period against the expected one. */
function comparePeriods(scope: MetaScope, file: Period | undefined, expected: Period | undefined): void {
  const { expect, meta, at, findings } = scope;
  const formats = '2022 / 2022Q3';
  if (meta?.period !== undefined && !file)
    findings.push(
      buildFinding('META_BAD_PERIOD', at, { text: meta.period }, { value: meta.period, expected: formats }),
    );
  if (expect.expectPeriod !== undefined && !expected)
    findings.push(
      buildFinding(
        'EXPECT_BAD_PERIOD',
        undefined,
        { text: expect.expectPeriod },
        { value: expect.expectPeriod, expected: formats },
      ),
    );
  if (file && expected && formatPeriod(file) !== formatPeriod(expected)) {
    const [f, e] = [formatPeriod(file), formatPeriod(expected)];
    findings.push(
      buildFinding('META_PERIOD_MISMATCH', at, { file: f, expected: e }, { value: f, expected: e }),
    );
  }
}

/** The period: the file's, else the expected one, else the caller's default (said in an info). */
function settlePeriod(scope: MetaScope): Period | undefined {
  const { expect, meta, at, findings } = scope;
  const file = meta?.period !== undefined ? parsePeriod(meta.period) : undefined;
  const expected = expect.expectPeriod !== undefined ? parsePeriod(expect.expectPeriod) : undefined;
  comparePeriods(scope, file, expected);
  const assumed =
    !file && !expected && meta?.period === undefined && expect.defaultPeriod !== undefined
      ? parsePeriod(expect.defaultPeriod)
      : undefined;
  if (assumed) {
    const period = formatPeriod(assumed);
    findings.push(buildFinding('META_PERIOD_ASSUMED', undefined, { period }, { value: period }));
  }
  const period = file ?? expected ?? assumed;
  if (!period && meta?.period === undefined && expect.expectPeriod === undefined)
    findings.push(buildFinding('META_PERIOD_MISSING', at, {}));
  return period;
}

/**
 * Settles which city and period the file is for — from its metadata, else from what the caller
 * expects, else (city only) from the unit codes in its rows — and reports every disagreement.
 */
export function checkMeta(
  parsed: ParsedFile,
  catalogue: Catalogue,
  expect: Expectations,
): { city?: OrgUnit; period?: Period; findings: Finding[] } {
  const at = { sheet: parsed.format === 'json' ? undefined : SHEET.meta };
  const scope: MetaScope = { parsed, catalogue, expect, meta: parsed.meta, at, findings: [] };
  checkTemplate(scope);
  const city = settleCity(scope);
  const period = settlePeriod(scope);
  return { city, period, findings: scope.findings };
}
