import { readFileSync } from 'node:fs';
import { validateSubmission } from '@sunan/validate';
import { describe, expect, it } from 'vitest';

const data = new URL('../../../examples/data/', import.meta.url);
const read = (rel: string) => new Uint8Array(readFileSync(new URL(rel, data)));
const zj2022 = read('2022/321100-镇江市-2022.xlsx');

describe('a previous-period file of another city or period', () => {
  it.each([
    ['another city', '2021/320200-无锡市-2021.xlsx', '上年报表是无锡市 2021 年的，未做同比核对'],
    ['the same year', '2022/321100-镇江市-2022.xlsx', '上年报表是镇江市 2022 年的，未做同比核对'],
  ])('%s: a warning says no year-on-year checks were made, and none are', (_, rel, zh) => {
    const r = validateSubmission(zj2022, { previous: read(rel) });
    const f = r.findings.filter((x) => x.code === 'PREVIOUS_OTHER');
    expect(f).toMatchObject([{ severity: 'warning', message: { zh } }]);
    expect(r.findings.filter((x) => x.code.startsWith('YOY_'))).toEqual([]);
  });

  it('the city’s own file of the year before is compared, without that warning', () => {
    const r = validateSubmission(zj2022, { previous: read('2021/321100-镇江市-2021.xlsx') });
    expect(r.findings.filter((x) => x.code === 'PREVIOUS_OTHER')).toEqual([]);
  });
});
