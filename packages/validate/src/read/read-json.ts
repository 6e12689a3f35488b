import type { Finding } from '@sunan/schema/core';
import { finding } from '../findings/build.js';
// The submission JSON Schema compiled by ajv at build time (scripts/generate-submission-validator.mjs):
// no `new Function` at run time, no ajv compiler in a browser bundle.
import validateSchema from '../generated/submission-validator.js';
import { rowsOf } from '../list/enterprise-rows.js';
import type { Limits } from './limits.js';
import { cellText, type ParsedFile, type RawCell } from './parsed-file.js';

const raw = (v: unknown): RawCell => {
  if (v === null || v === undefined) return { kind: 'blank' };
  if (typeof v === 'number') return { kind: 'number', value: v, format: undefined };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  return String(v).trim() === '' ? { kind: 'blank' } : { kind: 'text', text: String(v) };
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a JSON submission: checks it against the submission JSON Schema with ajv's precompiled validator (every violation is
 * a finding with its JSON path), then hands its rows to the same checks as a workbook's.
 */
export function parsedFromJson(doc: unknown, limits: Pick<Limits, 'maxRows'>): ParsedFile {
  const findings: Finding[] = [];
  const root = isObj(doc) ? doc : {};
  // The same row limit as a sheet's, checked before any per-row work (schema, findings).
  const tooMany = (['values', 'enterprises'] as const).filter(
    (k) => Array.isArray(root[k]) && (root[k] as unknown[]).length > limits.maxRows,
  );
  for (const k of tooMany) {
    const count = (root[k] as unknown[]).length;
    findings.push(
      finding(
        'FILE_TOO_MANY_ROWS',
        'error',
        {
          zh: `JSON 的 ${k} 有 ${count} 行，超过上限 ${limits.maxRows}`,
          en: `The JSON ${k} list has ${count} rows; the limit is ${limits.maxRows}`,
        },
        { path: `$.${k}`, value: String(count), expected: `≤ ${limits.maxRows}` },
      ),
    );
  }
  if (tooMany.length > 0)
    return {
      format: 'json',
      meta: undefined,
      valueRows: [],
      enterpriseRows: undefined,
      findings,
      valueSheet: undefined,
    };
  if (!validateSchema(doc))
    for (const err of validateSchema.errors ?? [])
      findings.push(
        finding(
          'JSON_SCHEMA',
          'error',
          {
            zh: '不符合填报 JSON 的格式要求（位置见问题的路径）',
            en: `Does not match the submission JSON Schema: ${err.message ?? ''}`,
          },
          {
            path: `$${err.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.')}`,
            expected: JSON.stringify(err.params),
          },
        ),
      );
  const values = Array.isArray(root.values) ? root.values : [];
  const enterprises = Array.isArray(root.enterprises) ? root.enterprises : undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    format: 'json',
    meta: {
      templateVersion: str(root.templateVersion),
      catalogueVersion: str(root.catalogueVersion),
      city: str(root.city),
      period: str(root.period),
    },
    valueRows: values.map((v, i) => {
      const o = isObj(v) ? v : {};
      return {
        orgUnitCode: raw(o.orgUnit),
        orgUnitName: { kind: 'blank' },
        indicatorCode: raw(o.indicator),
        unit: { kind: 'blank' },
        value: raw(o.value),
        note: str(o.note),
        at: { path: `$.values[${i}].value` },
        codeAt: { path: `$.values[${i}].orgUnit` },
        indicatorAt: { path: `$.values[${i}].indicator` },
        hidden: false,
      };
    }),
    enterpriseRows:
      enterprises &&
      rowsOf(
        enterprises.map((v, i) => {
          const o = isObj(v) ? v : {};
          return {
            creditCode: cellText(raw(o.creditCode)),
            name: cellText(raw(o.name)),
            park: cellText(raw(o.park)),
            certificateNo: cellText(raw(o.certificateNo)),
            certifiedYear: cellText(raw(o.certifiedYear)),
            at: { path: `$.enterprises[${i}]` },
          };
        }),
      ),
    findings,
    valueSheet: undefined,
  };
}
