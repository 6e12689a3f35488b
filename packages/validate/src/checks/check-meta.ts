import {
  type Catalogue,
  type Finding,
  finding,
  formatPeriod,
  type OrgUnit,
  type Period,
  parsePeriod,
  resolveOrgUnit,
} from '@sunan/schema/core';
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

/**
 * Settles which city and period the file is for — from its metadata, else from what the caller
 * expects, else (city only) from the unit codes in its rows — and reports every disagreement.
 */
export function checkMeta(
  parsed: ParsedFile,
  catalogue: Catalogue,
  expect: Expectations,
): { city?: OrgUnit; period?: Period; findings: Finding[] } {
  const findings: Finding[] = [];
  const meta = parsed.meta;
  const metaSheet = parsed.format === 'json' ? undefined : SHEET.meta;
  if (!meta) {
    if (parsed.format !== 'csv')
      findings.push(
        finding(
          'META_MISSING',
          'warning',
          {
            zh: '文件中没有模板元数据（可能不是用本系统模板填写的）',
            en: 'The file has no template metadata (it may not come from this tool’s template)',
          },
          {
            sheet: metaSheet,
            expected: `template ${TEMPLATE_VERSION}`,
          },
        ),
      );
  } else {
    if (meta.templateVersion === undefined || !KNOWN_TEMPLATE_VERSIONS.includes(meta.templateVersion))
      findings.push(
        finding(
          'META_TEMPLATE_VERSION',
          'error',
          {
            zh: `模板版本 ${meta.templateVersion ?? '（空）'} 无法识别，请使用最新模板`,
            en: `Unknown template version ${meta.templateVersion ?? '(blank)'}; use the current template`,
          },
          {
            sheet: metaSheet,
            value: meta.templateVersion,
            expected: KNOWN_TEMPLATE_VERSIONS.join(', '),
          },
        ),
      );
    if (meta.catalogueVersion !== undefined && meta.catalogueVersion !== catalogue.version)
      findings.push(
        finding(
          'META_CATALOGUE_VERSION',
          'warning',
          {
            zh: `模板的指标目录版本 ${meta.catalogueVersion} 与当前目录 ${catalogue.version} 不同`,
            en: `Template catalogue version ${meta.catalogueVersion} differs from the current ${catalogue.version}`,
          },
          {
            sheet: metaSheet,
            value: meta.catalogueVersion,
            expected: catalogue.version,
          },
        ),
      );
  }

  const resolveCity = (text: string | undefined) =>
    text === undefined ? undefined : resolveOrgUnit(catalogue.orgUnits, text);
  const fileCity = resolveCity(meta?.city);
  const expectedCity = resolveCity(expect.expectCity);
  if (expect.expectCity !== undefined && expectedCity?.level !== 'city')
    findings.push(
      finding(
        'EXPECT_UNKNOWN_CITY',
        'error',
        { zh: `指定的城市无法识别：${expect.expectCity}`, en: `Unknown expected city: ${expect.expectCity}` },
        { value: expect.expectCity },
      ),
    );
  if (meta?.city !== undefined && fileCity?.level !== 'city')
    findings.push(
      finding(
        'META_UNKNOWN_CITY',
        'error',
        { zh: `文件中的城市代码无法识别：${meta.city}`, en: `The file names an unknown city: ${meta.city}` },
        { sheet: metaSheet, value: meta.city },
      ),
    );
  if (fileCity && expectedCity && fileCity.code !== expectedCity.code)
    findings.push(
      finding(
        'META_CITY_MISMATCH',
        'error',
        {
          zh: `文件是${fileCity.name.zh}的报表，而不是${expectedCity.name.zh}的`,
          en: `The file is ${fileCity.name.en}'s, not ${expectedCity.name.en}'s`,
        },
        {
          sheet: metaSheet,
          value: fileCity.code,
          expected: expectedCity.code,
        },
      ),
    );
  let city =
    fileCity?.level === 'city' ? fileCity : expectedCity?.level === 'city' ? expectedCity : undefined;
  if (!city) {
    // No metadata: take the city from the rows' unit codes, if they agree on exactly one.
    const cities = new Set<string>();
    for (const row of parsed.valueRows) {
      const u = resolveCity(cellText(row.orgUnitCode) ?? cellText(row.orgUnitName));
      if (u?.level === 'city') cities.add(u.code);
      else if (u?.level === 'park' && u.parent) cities.add(u.parent);
    }
    if (cities.size === 1) city = resolveCity([...cities][0]);
  }
  if (!city)
    findings.push(
      finding(
        'META_CITY_MISSING',
        'error',
        {
          zh: '无法确定填报城市：请使用模板，或在校验时注明本单位',
          en: 'The reporting city cannot be determined; use the template or pass the expected city',
        },
        { sheet: metaSheet },
      ),
    );

  const filePeriod = meta?.period !== undefined ? parsePeriod(meta.period) : undefined;
  const expectedPeriod = expect.expectPeriod !== undefined ? parsePeriod(expect.expectPeriod) : undefined;
  if (meta?.period !== undefined && !filePeriod)
    findings.push(
      finding(
        'META_BAD_PERIOD',
        'error',
        {
          zh: `文件中的报告期格式错误：${meta.period}`,
          en: `The file's period is malformed: ${meta.period}`,
        },
        { sheet: metaSheet, value: meta.period, expected: '2022 / 2022Q3' },
      ),
    );
  if (expect.expectPeriod !== undefined && !expectedPeriod)
    findings.push(
      finding(
        'EXPECT_BAD_PERIOD',
        'error',
        {
          zh: `指定的报告期格式错误：${expect.expectPeriod}`,
          en: `Malformed expected period: ${expect.expectPeriod}`,
        },
        { value: expect.expectPeriod, expected: '2022 / 2022Q3' },
      ),
    );
  if (filePeriod && expectedPeriod && formatPeriod(filePeriod) !== formatPeriod(expectedPeriod))
    findings.push(
      finding(
        'META_PERIOD_MISMATCH',
        'error',
        {
          zh: `文件的报告期是 ${formatPeriod(filePeriod)}，应为 ${formatPeriod(expectedPeriod)}`,
          en: `The file is for ${formatPeriod(filePeriod)}, expected ${formatPeriod(expectedPeriod)}`,
        },
        {
          sheet: metaSheet,
          value: formatPeriod(filePeriod),
          expected: formatPeriod(expectedPeriod),
        },
      ),
    );
  const assumed =
    !filePeriod && !expectedPeriod && meta?.period === undefined && expect.defaultPeriod !== undefined
      ? parsePeriod(expect.defaultPeriod)
      : undefined;
  if (assumed)
    findings.push(
      finding(
        'META_PERIOD_ASSUMED',
        'info',
        {
          zh: `文件未注明报告期，按调用方给定的 ${formatPeriod(assumed)} 处理`,
          en: `The file names no period; taken as ${formatPeriod(assumed)}, as the caller said`,
        },
        { value: formatPeriod(assumed) },
      ),
    );
  const period = filePeriod ?? expectedPeriod ?? assumed;
  if (!period && meta?.period === undefined && expect.expectPeriod === undefined)
    findings.push(
      finding(
        'META_PERIOD_MISSING',
        'error',
        {
          zh: '无法确定报告期：文件未注明（如 CSV），请使用模板，或在校验、汇总时注明报告期',
          en: 'The period cannot be determined: the file names none (e.g. a CSV); use the template, or give the period when checking or rolling up',
        },
        { sheet: metaSheet },
      ),
    );
  return { city, period, findings };
}
