import { readFileSync } from 'node:fs';
import { createTemplate } from '@sunan/report';
import {
  REQUIREMENT_LABELS,
  type Requirement,
  requirementAt,
  requirementLines,
  ruleLines,
} from '@sunan/schema';
import { FINDING_CODES, SHEET, validateSubmission } from '@sunan/validate';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { catalogue } from './helpers.js';

const CODE_FOR: Record<Requirement, { withoutNote: string; withNote: string }> = {
  required: { withoutNote: 'VAL_REQUIRED_MISSING', withNote: 'VAL_REQUIRED_MISSING' },
  'blank-with-reason': { withoutNote: 'VAL_BLANK_NO_REASON', withNote: 'VAL_BLANK_WITH_REASON' },
  optional: { withoutNote: 'VAL_PARK_MISSING', withNote: 'VAL_PARK_MISSING' },
};

async function template(city: string, period = '2022') {
  const t = await createTemplate({ city, period });
  if (!t.ok) throw new Error(JSON.stringify(t.findings));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(t.bytes.slice().buffer as ArrayBuffer);
  return { bytes: t.bytes, wb };
}

describe('one meaning of “required”: template, 填报说明, CATALOGUE.md and validator agree', () => {
  it('marks and shades every row as the catalogue says, and 填报说明 states the rule and every cross-check', async () => {
    const { wb } = await template('320500');
    const ws = wb.getWorksheet(SHEET.values);
    if (!ws) throw new Error('no sheet');
    const fills = new Map<Requirement, string>();
    let rows = 0;
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const unit = catalogue.orgUnits.find((u) => u.code === String(row.getCell(1).value));
      const ind = catalogue.indicators.find((i) => i.code === String(row.getCell(3).value));
      if (!unit || !ind) throw new Error(`row ${n}`);
      const req = requirementAt(ind, unit.level === 'park' ? 'park' : 'city');
      const mark = REQUIREMENT_LABELS[req].mark;
      expect(String(row.getCell(4).value), `${unit.code} ${ind.code}`).toBe(
        `${mark ? `${mark} ` : ''}${ind.name.zh}${ind.aggregation.kind === 'cumulative-sum' ? `（累计，${ind.aggregation.from} 年起）` : ''}`,
      );
      const fill = row.getCell(6).fill;
      const argb = fill?.type === 'pattern' ? (fill.fgColor?.argb ?? '') : '';
      if (fills.has(req)) expect(argb, `${unit.code} ${ind.code}`).toBe(fills.get(req));
      else fills.set(req, argb);
      rows++;
    });
    expect(rows).toBeGreaterThan(100);
    expect(new Set(fills.values()).size).toBe(fills.size); // each requirement its own shade
    expect([...fills.keys()].sort()).toEqual(['blank-with-reason', 'optional', 'required']);

    const info: string[] = [];
    wb.getWorksheet(SHEET.instructions)?.eachRow((r) => void info.push(String(r.getCell(1).value ?? '')));
    for (const line of [...requirementLines(), ...ruleLines(catalogue)]) expect(info).toContain(line);
    expect(info.join('\n')).not.toContain('不掌握的留空');

    const md = readFileSync(new URL('../../schema/CATALOGUE.md', import.meta.url), 'utf8');
    for (const line of [...requirementLines(), ...ruleLines(catalogue)]) expect(md).toContain(line);
    for (const i of catalogue.indicators.filter((x) => x.levels.includes('city'))) {
      const r = REQUIREMENT_LABELS[i.requirement.city];
      expect(md).toMatch(new RegExp(`\\| \`${i.code}\` \\|.*\\| ${r.mark}${r.zh} \\|`));
    }
  });

  it('the validator applies the same: each blank row of the template gets the finding its requirement says', async () => {
    const { bytes, wb } = await template('321100');
    // Blank everywhere: without and then with a reason in 备注.
    for (const withNote of [false, true]) {
      const ws = wb.getWorksheet(SHEET.values);
      if (!ws) throw new Error('no sheet');
      const expected = new Map<string, string>();
      ws.eachRow((row, n) => {
        if (n === 1) return;
        const unit = catalogue.orgUnits.find((u) => u.code === String(row.getCell(1).value));
        const ind = catalogue.indicators.find((i) => i.code === String(row.getCell(3).value));
        if (!unit || !ind) return;
        if (withNote) row.getCell(7).value = '统计口径未建立';
        const codes = CODE_FOR[requirementAt(ind, unit.level === 'park' ? 'park' : 'city')];
        expected.set(`F${n}`, withNote ? codes.withNote : codes.withoutNote);
      });
      const input = withNote ? new Uint8Array(await wb.xlsx.writeBuffer()) : bytes;
      const r = validateSubmission(input);
      expect(r.ok).toBe(false);
      const seen = new Map(
        r.findings
          .filter((f) => f.cell?.startsWith('F') && f.code.startsWith('VAL_'))
          .map((f) => [f.cell, f.code]),
      );
      // A park's blank optional values are one finding at its first blank cell, listing the others.
      const listed = new Set(
        r.findings.filter((f) => f.code === 'VAL_PARK_MISSING').flatMap((f) => (f.value ?? '').split(',')),
      );
      for (const [cell, code] of expected)
        if (code === 'VAL_PARK_MISSING') expect(listed.has(cell), cell).toBe(true);
        else expect(seen.get(cell), cell).toBe(code);
      const parks = new Set(r.findings.filter((f) => f.code === 'VAL_PARK_MISSING').map((f) => f.orgUnit));
      expect(r.findings.filter((f) => f.code === 'VAL_PARK_MISSING')).toHaveLength(parks.size);
      if (withNote) {
        const carried = r.findings.find((f) => f.code === 'VAL_BLANK_WITH_REASON');
        expect(carried).toMatchObject({ severity: 'info', value: '统计口径未建立' });
        expect(r.submission?.values.some((v) => v.value === null && v.note === '统计口径未建立')).toBe(true);
      }
      expect(r.findings.some((f) => f.code === 'VAL_NO_VALUES')).toBe(true);
    }
  });
});

describe('severities as 填报说明 promises them', () => {
  it('each requirement line says the severity its finding has: 错误 → error, 提示 → info', () => {
    const [required, withReason, optional] = requirementLines();
    expect(required).toContain('留空即为错误');
    expect(FINDING_CODES.VAL_REQUIRED_MISSING?.severity).toBe('error');
    expect(withReason).toContain('留空而不写原因为错误');
    expect(FINDING_CODES.VAL_BLANK_NO_REASON?.severity).toBe('error');
    expect(withReason).toContain('写明原因则作为提示');
    expect(FINDING_CODES.VAL_BLANK_WITH_REASON?.severity).toBe('info');
    expect(optional).toContain('留空会提示');
    expect(FINDING_CODES.VAL_OPTIONAL_BLANK?.severity).toBe('info');
    expect(FINDING_CODES.VAL_PARK_MISSING?.severity).toBe('info');
  });
});

describe('periods', () => {
  it('a quarterly template is refused with a clear message: no indicator is reported quarterly (seeds)', async () => {
    expect(catalogue.indicators.some((i) => i.periodicity.includes('quarterly'))).toBe(false);
    const t = await createTemplate({ city: '320500', period: '2022Q3' });
    expect(t.ok).toBe(false);
    if (t.ok) return;
    expect(t.findings).toMatchObject([{ code: 'PERIOD_NOT_REPORTED', severity: 'error' }]);
    expect(t.findings[0]?.message.zh).toContain('季度');
  });

  it('a submission for a quarter, or with no values, never passes', () => {
    const empty = (period: string) =>
      new TextEncoder().encode(
        JSON.stringify({
          templateVersion: '1.0',
          catalogueVersion: catalogue.version,
          city: '320500',
          period,
          values: [],
          enterprises: [],
        }),
      );
    const q = validateSubmission(empty('2022Q3'));
    expect(q.ok).toBe(false);
    expect(q.findings.map((f) => f.code)).toContain('PERIOD_NOT_REPORTED');
    const y = validateSubmission(empty('2022'));
    expect(y.ok).toBe(false);
    expect(y.findings.map((f) => f.code)).toContain('VAL_NO_VALUES');
  });
});
