import { beijingTime } from '@sunan/schema';
import type { Bilingual, DiffFinding, RevisionDiff, ValueChange } from './diff.js';

/** The one-line mention status and show print: 较第 2 版改动 3 项 (changed 3 items from revision 2). */
export function changeLine(d: {
  readonly from: { readonly revision: number };
  readonly to: { readonly revision: number };
  readonly changes: number;
}): Bilingual {
  return {
    zh: `第 ${d.to.revision} 版较第 ${d.from.revision} 版改动 ${d.changes} 项`,
    en: `revision ${d.to.revision}: ${d.changes} change${d.changes === 1 ? '' : 's'} from revision ${d.from.revision}`,
  };
}

const signed = (s: string) => (s.startsWith('-') ? s : `+${s}`);

/** One changed value as a line: 名称 (单位) 单元格: 旧 → 新 (改动, 改动%). */
export function valueLine(v: ValueChange): string {
  const change =
    v.change === null ? '' : ` (${signed(v.change)}${v.percent === null ? '' : `, ${signed(v.percent)}%`})`;
  const cell = v.cell ? ` ${v.cell}` : '';
  const unit = v.orgUnit.length > 0 ? ` [${v.orgUnit}]` : '';
  return `${v.name.zh} ${v.name.en}（${v.unit}）${unit}${cell}: ${v.old ?? '空 blank'} → ${v.new ?? '空 blank'}${change}`;
}

const findingLine = (f: DiffFinding) => `${f.code} ${f.where}: ${f.message.zh} / ${f.message.en}`;

/**
 * The diff as text an office reads (Chinese first, English beside): the change line, each value
 * changed with its exact figures, list rows added and removed by credit code, findings fixed and new.
 */
export function diffText(d: RevisionDiff, cityName: Bilingual): string {
  const line = changeLine(d);
  const out = [
    `${cityName.zh} ${d.period}：${line.zh}`,
    `${cityName.en} ${d.period}: ${line.en}`,
    `  第 ${d.from.revision} 版 ${d.from.fileName}（${beijingTime(d.from.receivedAt, 'zh', 'none')} 收）→ 第 ${d.to.revision} 版 ${d.to.fileName}（${beijingTime(d.to.receivedAt, 'zh', 'none')} 收，北京时间 UTC+8）`,
    `数值改动 values changed: ${d.values.length}`,
    ...d.values.map((v) => `  ${valueLine(v)}`),
    `名单新增 list rows added: ${d.enterprisesAdded.length}`,
    ...d.enterprisesAdded.map((r) => `  + ${r.creditCode} ${r.name}`),
    `名单删除 list rows removed: ${d.enterprisesRemoved.length}`,
    ...d.enterprisesRemoved.map((r) => `  − ${r.creditCode} ${r.name}`),
    `已修正问题 findings fixed: ${d.findingsFixed.length}`,
    ...d.findingsFixed.map((f) => `  ✓ ${findingLine(f)}`),
    `新问题 new findings: ${d.findingsNew.length}`,
    ...d.findingsNew.map((f) => `  ✗ ${findingLine(f)}`),
  ];
  return `${out.join('\n')}\n`;
}

/** A number for a spreadsheet cell from exact decimal text (the JSON keeps the exact text). */
export const cellNumber = (s: string | null): number | null => (s === null ? null : Number(s));

/** A table row: text, numbers (written as numbers) and blanks. */
export type TableRow = Array<string | number | null>;

/** The diff's rows: values changed, list rows added and removed, findings fixed and new. */
export function diffRows(d: RevisionDiff): TableRow[] {
  return [
    ...d.values.map((v) => [
      '数值 value',
      `${v.name.zh} ${v.name.en}`,
      v.orgUnit,
      v.cell,
      v.unit,
      cellNumber(v.old),
      cellNumber(v.new),
      cellNumber(v.change),
      cellNumber(v.percent),
    ]),
    ...d.enterprisesAdded.map((r) => [
      '名单新增 row added',
      r.name,
      r.creditCode,
      null,
      null,
      null,
      null,
      null,
      null,
    ]),
    ...d.enterprisesRemoved.map((r) => [
      '名单删除 row removed',
      r.name,
      r.creditCode,
      null,
      null,
      null,
      null,
      null,
      null,
    ]),
    ...d.findingsFixed.map((f) => [
      '已修正 fixed',
      f.message.zh,
      f.code,
      f.where,
      null,
      null,
      null,
      null,
      null,
    ]),
    ...d.findingsNew.map((f) => ['新问题 new', f.message.zh, f.code, f.where, null, null, null, null, null]),
  ];
}

/** The columns of a diff table, in the order `diffRows` fills them: one header for every sheet of diffs. */
export const DIFF_COLUMNS = [
  { header: '类别 kind' },
  { header: '指标或企业 indicator or enterprise' },
  { header: '单位或代码 unit or code' },
  { header: '单元格 cell' },
  { header: '计量单位 unit' },
  { header: '原值 old', decimals: 2 },
  { header: '新值 new', decimals: 2 },
  { header: '改动 change', decimals: 2 },
  { header: '改动% change %', decimals: 2 },
] as const;

/** The diff as one table sheet, for `@sunan/report`'s `tableWorkbook`. */
export function diffSheet(d: RevisionDiff, cityName: Bilingual) {
  return {
    name: `${d.period} 第${d.from.revision}-${d.to.revision}版`,
    title: `${cityName.zh} ${d.period} ${changeLine(d).zh} / ${cityName.en}: ${changeLine(d).en}`,
    columns: DIFF_COLUMNS,
    rows: diffRows(d),
  };
}
