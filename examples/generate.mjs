// Generates the bundled SYNTHETIC example data (examples/data): five cities' workbooks for 2020, 2021
// and 2022 (three points for trend lines; 2020 is also the first year of the zone's cumulative
// targets and the base year of the province's 2025 targets), one earlier Zhenjiang revision with planted problems, control totals and the zone's own
// figures. Run after a build: `pnpm --filter @sunan/examples generate`. The figures are invented.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { aggregate, fingerprint } from '@sunan/aggregate';
import { createTemplate } from '@sunan/report';
import { parsePeriod, resolveOrgUnit, sunanCatalogue } from '@sunan/schema';
import { syntheticSubmission } from '@sunan/testkit';
import { validateSubmission } from '@sunan/validate';
import ExcelJS from 'exceljs';

const catalogue = sunanCatalogue();
const CITIES = ['320100', '320200', '320400', '320500', '321100'];
// Each city grew a little differently from year to year.
const SCALE_2020 = { 320100: 0.87, 320200: 0.9, 320400: 0.84, 320500: 0.89, 321100: 0.93 };
const SCALE_2021 = { 320100: 0.93, 320200: 0.95, 320400: 0.91, 320500: 0.94, 321100: 0.96 };
const data = new URL('./data/', import.meta.url);

async function workbook(city, period, scale) {
  const submission = syntheticSubmission({
    catalogue,
    city: resolveOrgUnit(catalogue.orgUnits, city),
    period: parsePeriod(period),
    scale,
  });
  const t = await createTemplate({ city, period, fill: submission });
  if (!t.ok) throw new Error(JSON.stringify(t.findings));
  return { submission, bytes: t.bytes, fileName: t.fileName };
}

const valueIn = (sub, unit, code) =>
  sub.values.find((v) => v.orgUnit === unit && v.indicator === code)?.value;

await rm(data, { recursive: true, force: true });
for (const dir of ['2020/', '2021/', '2022/']) await mkdir(new URL(dir, data), { recursive: true });

const made = { 2020: {}, 2021: {}, 2022: {} };
for (const city of CITIES)
  for (const [period, scale] of [
    ['2020', SCALE_2020[city]],
    ['2021', SCALE_2021[city]],
    ['2022', 1],
  ]) {
    const w = await workbook(city, period, scale);
    made[period][city] = w;
    await writeFile(new URL(`${period}/${w.fileName}`, data), w.bytes);
  }

// An earlier Zhenjiang submission with problems an office really makes, edited the way an office
// would: in the workbook, through ExcelJS, keeping the template's styles and protection.
{
  const zj = made[2022]['321100'];
  const last = made[2021]['321100'].submission;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(zj.bytes.slice().buffer);
  const ws = wb.getWorksheet('指标');
  const rowOf = (unit, code) => {
    let found;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === unit && row.getCell(3).value === code) found = n;
    });
    return found;
  };
  const set = (unit, code, value) => {
    ws.getCell(`F${rowOf(unit, code)}`).value = value;
  };
  const fullWidth = (s) =>
    [...s].map((ch) => (ch === '.' ? '．' : String.fromCharCode(ch.charCodeAt(0) + 0xfee0))).join('');
  set('321100', 'GDP', fullWidth(valueIn(zj.submission, '321100', 'GDP'))); // full-width digits: read, noted
  set('321100', 'TECH_CONTRACT', `${Number(valueIn(zj.submission, '321100', 'TECH_CONTRACT')) * 10000}万元`); // 万元: converted exactly, noted
  set('321100', 'RD_INTENSITY', Number(valueIn(zj.submission, '321100', 'RD_INTENSITY')) + 0.4); // ratio ≠ its components
  set('321100', 'VC_INVESTMENT', Number(valueIn(last, '321100', 'VC_INVESTMENT')) * 10000); // 亿元 typed as 元 → 10⁴ × last year
  set('321100', 'NAT_KEY_LABS', null); // a required value left blank
  const ent = wb.getWorksheet('高新技术企业名单');
  const code = String(ent.getCell('A3').value);
  ent.getCell('A3').value = `${code.slice(0, 17)}${code.endsWith('0') ? '1' : '0'}`; // wrong check character
  ent.getCell('C4').value = '苏州工业园区'; // a park of another city
  await writeFile(
    new URL('2022/321100-镇江市-2022-第1版.xlsx', data),
    new Uint8Array(await wb.xlsx.writeBuffer()),
  );
}

// Control totals from "the provincial bureau": two agree, one does not.
const inputs = [];
for (const city of CITIES) {
  const w = made[2022][city];
  inputs.push({
    report: validateSubmission(w.bytes, { fileName: w.fileName }),
    file: w.fileName,
    sha256: await fingerprint(w.bytes),
  });
}
const zone = aggregate({ submissions: inputs, period: '2022' });
const z = (code) => zone.indicators.find((i) => i.code === code)?.zone.value;
const suzhouGdp = valueIn(made[2022]['320500'].submission, '320500', 'GDP');
await writeFile(
  new URL('controls-2022.csv', data),
  [
    '单位代码,指标代码,数值,来源',
    `SUNAN,HTE_COUNT,${z('HTE_COUNT')},省科技厅（示例）`,
    `SUNAN,TECH_CONTRACT,${(Number(z('TECH_CONTRACT')) + 12.34).toFixed(2)},省统计局（示例）`,
    `320500,GDP,${suzhouGdp},省统计局（示例）`,
    '',
  ].join('\n'),
);
await writeFile(
  new URL('zone-report-2022.csv', data),
  [
    '单位代码,指标代码,数值,来源',
    'SUNAN,ST_PROGRESS_CONTRIB,66.8,示范区测算（示例）',
    'SUNAN,RD_EXP_GROWTH,8.1,示范区测算（示例）',
    'SUNAN,EMPLOYMENT_GROWTH,2.3,示范区测算（示例）',
    'SUNAN,REG_ENTERPRISE_GROWTH,9.6,示范区测算（示例）',
    'SUNAN,TAX_GROWTH,5.4,示范区测算（示例）',
    '',
  ].join('\n'),
);
console.log('wrote examples/data (synthetic)');
