import {
  catalogueForms,
  checkCatalogue,
  PENDING,
  sunanCatalogue,
  sunanCatalogueDocument,
} from '@sunan/schema';
import { describe, expect, it } from 'vitest';

type Doc = Record<string, unknown> & { indicators: Array<Record<string, unknown>> };
const doc = () => structuredClone(sunanCatalogueDocument()) as Doc;

describe('form metadata and numeric codes in the catalogue', () => {
  it('gives both forms their legal marks, unknown approval numbers as placeholders', () => {
    const forms = catalogueForms(sunanCatalogue());
    for (const form of [forms.values, forms.enterprises]) {
      expect(form.formNo).not.toBe('');
      expect(form.authority).not.toBe('');
      expect(form.periodicity).toBe('年报');
      // The seeds give no approval number: it must read as pending, never a made-up 〔20xx〕 number.
      expect(form.approval.number).toBe(PENDING);
      expect(form.validUntil).toBe(PENDING);
    }
    expect(forms.values.formNo).not.toBe(forms.enterprises.formNo);
  });

  it('gives every built-in indicator a unique two-digit 代码, in catalogue order', () => {
    const codes = sunanCatalogue().indicators.map((i) => i.formCode);
    expect(codes.every((c) => c !== undefined && /^\d{2}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.slice(0, 3)).toEqual(['01', '02', '03']);
  });

  it('lets a custom catalogue override the forms, and falls back to the zone defaults without them', () => {
    const own = doc();
    own.forms = {
      values: { ...catalogueForms(sunanCatalogue()).values, formNo: '某区统1表', validUntil: '2027-12' },
      enterprises: { ...catalogueForms(sunanCatalogue()).enterprises, formNo: '某区统2表' },
    };
    const r = checkCatalogue(own, { ruleSet: false });
    expect(r.problems).toEqual([]);
    expect(r.catalogue && catalogueForms(r.catalogue).values.formNo).toBe('某区统1表');
    const none = doc();
    delete none.forms;
    const d = checkCatalogue(none, { ruleSet: false });
    expect(d.catalogue && catalogueForms(d.catalogue).values.formNo).toBe(
      catalogueForms(sunanCatalogue()).values.formNo,
    );
  });

  it('reports a bad 有效期至, a missing 表名, one 表号 for both forms and a duplicate 代码', () => {
    const bad = doc();
    const forms = catalogueForms(sunanCatalogue());
    bad.forms = {
      values: { ...forms.values, validUntil: '明年', title: undefined },
      enterprises: { ...forms.enterprises },
    };
    (bad.indicators[1] as Record<string, unknown>).formCode = '01';
    (bad.indicators[2] as Record<string, unknown>).formCode = 'A3';
    const paths = checkCatalogue(bad, { ruleSet: false }).problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.forms.values.validUntil',
        '$.forms.values.title',
        '$.indicators[1].formCode',
        '$.indicators[2].formCode',
      ]),
    );
    const same = doc();
    same.forms = { values: forms.values, enterprises: { ...forms.enterprises, formNo: forms.values.formNo } };
    expect(checkCatalogue(same, { ruleSet: false }).problems.map((p) => p.path)).toEqual([
      '$.forms.enterprises.formNo',
    ]);
  });
});
