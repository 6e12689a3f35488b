import { readFileSync } from 'node:fs';
import {
  type AggregateResult,
  aggregate,
  aggregateResultJsonSchema,
  readControls,
  type SubmissionInput,
} from '@sunan/aggregate';
import { formatSummary, reportHtml, reportWorkbook } from '@sunan/report';
import Ajv2020 from 'ajv/dist/2020.js';
import { Decimal } from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { catalogue, synthetic, workbookInput } from './helpers.js';

// Four cities from real workbooks (南京 missing), with a revised 无锡 file, an enterprise listed by both
// 常州 and 镇江, and control totals of which one disagrees.
let inputs: SubmissionInput[];
let result: AggregateResult;
let dupCode = '';
const suzhou = synthetic('320500');
const techSuzhou = suzhou.values.find(
  (v) => v.orgUnit === '320500' && v.indicator === 'TECH_CONTRACT',
)?.value;

beforeAll(async () => {
  const zhenjiang = synthetic('321100');
  const changzhou = synthetic('320400');
  const first = zhenjiang.enterprises[0];
  const target = changzhou.enterprises[0];
  if (!first || !target) throw new Error('setup');
  dupCode = first.creditCode;
  changzhou.enterprises[0] = { ...target, creditCode: first.creditCode };
  const wuxiOld = synthetic('320200', '2022', 0.97);
  inputs = [
    await workbookInput(wuxiOld, 'wuxi-v1.xlsx', '2023-03-01T09:00:00+08:00'),
    await workbookInput(changzhou),
    await workbookInput(suzhou),
    await workbookInput(zhenjiang),
    await workbookInput(synthetic('320200'), 'wuxi-v2.xlsx', '2023-03-20T09:00:00+08:00'),
  ];
  const controlsCsv = new TextEncoder().encode(
    `单位代码,指标代码,数值,来源\n320500,TECH_CONTRACT,${Number(techSuzhou) + 5},省统计局\n320500,HTE_COUNT,${suzhou.enterprises.length},省科技厅\nSUNAN,TECH_CONTRACT,3000,省统计局\n`,
  );
  const { controls, findings } = readControls(controlsCsv, catalogue, 'controls.csv');
  expect(findings).toEqual([]);
  result = aggregate({ submissions: inputs, period: '2022', controls });
}, 120_000);

describe('what the centre must see, in every output', () => {
  it('JSON: missing city at the top, partial totals, duplicate enterprise, control mismatch, revision', () => {
    const json = JSON.parse(JSON.stringify(result)) as AggregateResult;
    expect(json.complete).toBe(false);
    expect(json.missing).toEqual([{ code: '320100', name: { zh: '南京市', en: 'Nanjing' } }]);
    expect(json.notices[0]?.zh).toContain('南京市');
    expect(json.indicators.find((i) => i.code === 'GDP')?.zone).toMatchObject({
      status: 'partial',
      missingCities: ['320100'],
    });
    const dup = json.findings.find((f) => f.code === 'XCITY_DUPLICATE_ENTERPRISE');
    expect(dup?.value).toBe(dupCode);
    expect(dup?.message.zh).toMatch(/常州市.*镇江市|镇江市.*常州市/);
    expect(dup?.message.zh).toContain('高新技术企业名单!A2');
    expect(json.reconciliation).toEqual([
      expect.objectContaining({
        orgUnit: '320500',
        indicator: 'TECH_CONTRACT',
        status: 'inconsistent',
        imbalance: '-5.00',
      }),
      expect.objectContaining({
        orgUnit: '320500',
        indicator: 'HTE_COUNT',
        status: 'consistent',
        imbalance: '0',
      }),
      expect.objectContaining({ orgUnit: 'SUNAN', indicator: 'TECH_CONTRACT', status: 'not-comparable' }),
    ]);
    expect(json.sources.map((s) => [s.file, s.status])).toEqual([
      ['wuxi-v1.xlsx', 'superseded'],
      [inputs[1]?.file, 'used'],
      [inputs[2]?.file, 'used'],
      [inputs[3]?.file, 'used'],
      ['wuxi-v2.xlsx', 'used'],
    ]);
    expect(json.sources[0]?.reason?.zh).toContain('wuxi-v2.xlsx');
    expect(json.sources.every((s) => /^[0-9a-f]{64}$/.test(s.sha256))).toBe(true);
    const wuxiGdp = json.indicators.find((i) => i.code === 'GDP')?.cities['320200']?.value;
    const reported = synthetic('320200').values.find(
      (v) => v.orgUnit === '320200' && v.indicator === 'GDP',
    )?.value;
    // The same number as reported, written with GDP's declared two decimals.
    expect(new Decimal(String(wuxiGdp)).eq(String(reported))).toBe(true);
    expect(wuxiGdp).toMatch(/^\d+\.\d{2}$/);
  });

  it('xlsx: the same facts on 汇总, 核对, 问题 and 来源', async () => {
    const wb = XLSX.read(await reportWorkbook(result), { type: 'array' });
    expect(wb.SheetNames).toEqual(expect.arrayContaining(['汇总', '创新投入', '核对', '问题', '来源']));
    const text = (name: string) => XLSX.utils.sheet_to_csv(wb.Sheets[name] as XLSX.WorkSheet);
    expect(text('汇总')).toMatch(/^"未经台账\nNot through the ledger"/);
    expect(text('汇总')).toContain('缺报 南京市');
    expect(text('来源')).toContain('2023-03-20 09:00');
    expect(text('核对')).toContain('不一致');
    expect(text('问题')).toContain('XCITY_DUPLICATE_ENTERPRISE');
    expect(text('问题')).toContain('AGG_CITY_MISSING');
    expect(text('来源')).toContain('已被取代');
    expect(text('来源')).toContain(result.sources[0]?.sha256 ?? 'x');
    expect(text('基础数据')).toContain('部分');
  });

  it('HTML: one self-contained file showing the same', () => {
    const html = reportHtml(result);
    expect(html).not.toMatch(/<script|<link|src="http|url\(http/);
    expect(html).toContain('数据不完整：缺报 南京市');
    expect(html).toContain('XCITY_DUPLICATE_ENTERPRISE');
    expect(html).toContain('不一致');
    expect(html).toContain('已被取代');
    expect(html).toContain('各市贡献');
  });

  it('terminal summary: missing city first', () => {
    expect(formatSummary(result).split('\n')[1]).toContain('缺报 南京市');
    expect(formatSummary(result, 'en').split('\n')[1]).toContain('INCOMPLETE');
  });
});

describe('the JSON result', () => {
  it('is byte-identical for the same inputs', () => {
    const again = aggregate({
      submissions: inputs,
      period: '2022',
      controls: readControls(new TextEncoder().encode('orgUnit,indicator,value\n'), catalogue).controls,
    });
    const once = aggregate({ submissions: inputs, period: '2022', controls: [] });
    expect(JSON.stringify(again)).toBe(JSON.stringify(once));
  });

  it('matches the shipped JSON Schema, which matches the zod schema', () => {
    const shipped = JSON.parse(
      readFileSync(new URL('../../aggregate/aggregate-result.schema.json', import.meta.url), 'utf8'),
    );
    expect(shipped).toEqual(aggregateResultJsonSchema());
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(shipped);
    expect(validate(JSON.parse(JSON.stringify(result))), JSON.stringify(validate.errors?.slice(0, 3))).toBe(
      true,
    );
  });

  it('excludes files with errors unless asked, and says which was done', async () => {
    const bad = synthetic('320100');
    bad.values = bad.values.filter((v) => !(v.orgUnit === '320100' && v.indicator === 'GDP'));
    const badInput = await workbookInput(bad, 'nanjing-bad.xlsx');
    expect(badInput.report.ok).toBe(false);
    const excluded = aggregate({ submissions: [...inputs, badInput], period: '2022' });
    expect(excluded.sources.find((s) => s.file === 'nanjing-bad.xlsx')?.status).toBe('excluded');
    expect(excluded.missing.map((m) => m.code)).toEqual(['320100']);
    expect(excluded.findings.map((f) => f.code)).toContain('AGG_EXCLUDED_INVALID');
    const included = aggregate({ submissions: [...inputs, badInput], period: '2022', includeInvalid: true });
    expect(included.includeInvalid).toBe(true);
    expect(included.sources.find((s) => s.file === 'nanjing-bad.xlsx')?.status).toBe('used-with-errors');
    expect(included.complete).toBe(true);
    expect(included.indicators.find((i) => i.code === 'GDP')?.zone.status).toBe('partial');
  });
});

describe('control totals in other formats', () => {
  it('reads JSON control totals and reports a bad row without throwing', () => {
    const json = new TextEncoder().encode(
      JSON.stringify([
        { orgUnit: '苏州', indicator: 'HTE_COUNT', value: 13400, source: '省科技厅' },
        { orgUnit: 'nowhere', indicator: 'GDP', value: '1' },
      ]),
    );
    const { controls, findings } = readControls(json, catalogue, 'controls.json');
    expect(controls).toEqual([
      { orgUnit: '320500', indicator: 'HTE_COUNT', value: '13400', source: '省科技厅', row: 2 },
    ]);
    expect(findings.map((f) => [f.code, f.row])).toEqual([['CONTROL_BAD_ROW', 3]]);
    expect(
      readControls(new TextEncoder().encode('{ not json'), catalogue).findings.map((f) => f.code),
    ).toEqual(['CONTROL_UNREADABLE']);
  });

  it('lists the findings of an excluded file, so the reason is visible', async () => {
    const bad = synthetic('320100');
    bad.values = bad.values.filter((v) => !(v.orgUnit === '320100' && v.indicator === 'GDP'));
    const r = aggregate({
      submissions: [...inputs, await workbookInput(bad, 'nanjing-bad.xlsx')],
      period: '2022',
    });
    expect(r.findings.some((f) => f.file === 'nanjing-bad.xlsx' && f.code === 'VAL_REQUIRED_MISSING')).toBe(
      true,
    );
  });
});
