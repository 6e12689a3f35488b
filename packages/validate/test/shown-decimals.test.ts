import { filledWorkbook, mutate, setValue, synthetic, valueIn } from '@sunan/testkit';
import { validateSubmission } from '@sunan/validate';
import { beforeAll, describe, expect, it } from 'vitest';

const CITY = '321100';
let clean: Uint8Array;
const sub = synthetic(CITY);

beforeAll(async () => {
  clean = await filledWorkbook(CITY, '2022', sub);
});

describe('a ratio typed as a formula, shown at the declared decimals', () => {
  it('is read as shown, with an info and no decimals warning', () => {
    const shown = valueIn(sub, CITY, 'RD_INTENSITY');
    const long = Number(shown) + 0.0019547439;
    const r = validateSubmission(
      mutate(clean, (wb) => {
        setValue(wb, CITY, 'RD_INTENSITY', { t: 'n', v: long, f: 'F3/F2*100', z: '0.00' });
      }),
    );
    expect(r.findings.filter((f) => f.code === 'VAL_TOO_MANY_DECIMALS')).toEqual([]);
    expect(r.findings.filter((f) => f.code === 'VAL_SHOWN_DECIMALS')).toMatchObject([
      { severity: 'info', indicator: 'RD_INTENSITY', expected: Number(long).toFixed(2) },
    ]);
    const v = r.submission?.values.find((x) => x.orgUnit === CITY && x.indicator === 'RD_INTENSITY');
    expect(v?.value).toBe(Number(long).toFixed(2));
  });

  it('a value in a General cell with more digits than declared still warns', () => {
    const r = validateSubmission(
      mutate(clean, (wb) => {
        setValue(wb, CITY, 'RD_INTENSITY', { t: 'n', v: 3.32195474392938 });
      }),
    );
    expect(r.findings.some((f) => f.code === 'VAL_TOO_MANY_DECIMALS')).toBe(true);
  });
});
