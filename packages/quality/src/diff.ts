import { type Catalogue, type Finding, findIndicator, parsePeriod, resolveOrgUnit } from '@sunan/schema';
import { SHEET, templateRows, type ValidationReport } from '@sunan/validate';
import { decimalOf, percentOf } from './decimal.js';
import { acceptedSequence, type CellHistory, type ReceivedRevision, revisionNo } from './history.js';

/** Chinese and English text. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** One value that differs between two revisions. */
export interface ValueChange {
  readonly orgUnit: string;
  readonly indicator: string;
  readonly name: Bilingual;
  readonly unit: string;
  /** Where the value sits in the template the centre issues (指标 sheet, 数值 column). */
  readonly cell: string | null;
  /** Exact decimal text in the canonical unit; null when blank. */
  readonly old: string | null;
  readonly new: string | null;
  /** new − old, exact; null when either is blank. */
  readonly change: string | null;
  /** change ÷ |old| × 100, two decimals; null when either is blank or old is zero. */
  readonly percent: string | null;
}

/** An enterprise-list row by its 统一社会信用代码. */
export interface ListRow {
  readonly creditCode: string;
  readonly name: string;
}

/** A finding as the diff lists it. */
export interface DiffFinding {
  readonly code: string;
  readonly severity: Finding['severity'];
  readonly where: string;
  readonly orgUnit: string | null;
  readonly indicator: string | null;
  readonly message: Bilingual;
}

/** A revision the diff compares. */
export interface DiffSide {
  readonly revision: number;
  readonly sha256: string;
  readonly fileName: string;
  readonly receivedAt: string;
}

/** Everything that changed from one revision to another of a city's submission. */
export interface RevisionDiff {
  readonly city: string;
  readonly period: string;
  readonly from: DiffSide;
  readonly to: DiffSide;
  readonly values: readonly ValueChange[];
  readonly enterprisesAdded: readonly ListRow[];
  readonly enterprisesRemoved: readonly ListRow[];
  readonly findingsFixed: readonly DiffFinding[];
  readonly findingsNew: readonly DiffFinding[];
  /** values + rows added + rows removed: the "较第 N 版改动 M 项" figure. */
  readonly changes: number;
}

/** Why no diff could be made (an error as a value, with a stable code). */
export interface DiffRefusal {
  readonly ok: false;
  readonly code: 'QUALITY_NO_REVISION' | 'QUALITY_NO_EARLIER' | 'QUALITY_NO_REPORT';
  readonly message: Bilingual;
}

/** The two revisions compared: explicit numbers, else the latest accepted against the one accepted before it. */
export function diffPair(
  h: CellHistory,
  from?: number,
  to?: number,
): { ok: true; from: ReceivedRevision; to: ReceivedRevision } | DiffRefusal {
  const accepted = acceptedSequence(h).map((a) => a.revision);
  const toNo = to ?? accepted[accepted.length - 1] ?? h.revisions[h.revisions.length - 1]?.revision;
  const toRev = toNo === undefined ? undefined : revisionNo(h, toNo);
  if (!toRev) return noRevision(h, toNo);
  // What was accepted before it: earlier in the acceptance order when it was accepted, else any
  // accepted revision older than it.
  const at = accepted.indexOf(toRev.revision);
  const before = at >= 0 ? accepted.slice(0, at) : accepted.filter((r) => r < toRev.revision);
  // With no earlier acceptance, the revision received just before is the natural comparison.
  const fromNo = from ?? before[before.length - 1] ?? toRev.revision - 1;
  const fromRev = revisionNo(h, fromNo);
  if (fromRev) return { ok: true, from: fromRev, to: toRev };
  if (from !== undefined) return noRevision(h, from);
  return {
    ok: false,
    code: 'QUALITY_NO_EARLIER',
    message: {
      zh: `${h.city} ${h.period} 只有第 ${toRev.revision} 版，没有可比较的更早版本`,
      en: `${h.city} ${h.period} has only revision ${toRev.revision}; nothing earlier to compare`,
    },
  };
}

function noRevision(h: CellHistory, n: number | undefined): DiffRefusal {
  return {
    ok: false,
    code: 'QUALITY_NO_REVISION',
    message:
      n === undefined
        ? { zh: `${h.city} ${h.period} 尚未报送`, en: `Nothing received from ${h.city} for ${h.period}` }
        : {
            zh: `${h.city} ${h.period} 没有第 ${n} 版（共 ${h.revisions.length} 版）`,
            en: `${h.city} ${h.period} has no revision ${n} (${h.revisions.length} received)`,
          },
  };
}

/** The template cell of each (unit, indicator) a city reports in a period: 指标!F<row>. */
function templateCells(catalogue: Catalogue, city: string, period: string): Map<string, string> {
  const unit = resolveOrgUnit(catalogue.orgUnits, city);
  const p = parsePeriod(period);
  if (!unit || !p) return new Map();
  return new Map(
    templateRows(catalogue, unit, p).map((r, i) => [
      `${r.orgUnit.code}\u0000${r.indicator.code}`,
      `${SHEET.values}!F${i + 2}`,
    ]),
  );
}

type Values = Map<string, { orgUnit: string; indicator: string; value: string | number | null }>;

function valuesOf(report: ValidationReport): Values {
  const out: Values = new Map();
  for (const v of report.submission?.values ?? []) out.set(`${v.orgUnit}\u0000${v.indicator}`, v);
  return out;
}

/** Every value that differs between two reports, in the template's order (then any others). */
export function valueChanges(
  catalogue: Catalogue,
  city: string,
  period: string,
  a: ValidationReport,
  b: ValidationReport,
): ValueChange[] {
  const cells = templateCells(catalogue, city, period);
  const va = valuesOf(a);
  const vb = valuesOf(b);
  const keys = [...new Set([...cells.keys(), ...va.keys(), ...vb.keys()])];
  const out: ValueChange[] = [];
  for (const k of keys) {
    const x = va.get(k);
    const y = vb.get(k);
    const dx = decimalOf(x?.value);
    const dy = decimalOf(y?.value);
    const same = dx && dy ? dx.equals(dy) : dx === undefined && dy === undefined;
    if (same || (!x && !y)) continue;
    const [orgUnit = '', code = ''] = k.split('\u0000');
    const ind = findIndicator(catalogue, code);
    const change = dx && dy ? dy.minus(dx) : undefined;
    out.push({
      orgUnit,
      indicator: code,
      name: ind?.name ?? { zh: code, en: code },
      unit: ind?.unit ?? '',
      cell: cells.get(k) ?? null,
      old: dx?.toString() ?? null,
      new: dy?.toString() ?? null,
      change: change?.toString() ?? null,
      percent: change && dx ? percentOf(change, dx) : null,
    });
  }
  return out;
}

function listOf(report: ValidationReport): Map<string, ListRow> {
  const out = new Map<string, ListRow>();
  for (const e of report.submission?.enterprises ?? []) {
    const code = e.creditCode.trim().toUpperCase();
    if (code && !out.has(code)) out.set(code, { creditCode: code, name: e.name });
  }
  return out;
}

/** List rows present in `b` and not in `a` (added) and the reverse (removed), by credit code. */
export function listChanges(
  a: ValidationReport,
  b: ValidationReport,
): { added: ListRow[]; removed: ListRow[] } {
  const la = listOf(a);
  const lb = listOf(b);
  return {
    added: [...lb.values()].filter((r) => !la.has(r.creditCode)),
    removed: [...la.values()].filter((r) => !lb.has(r.creditCode)),
  };
}

/**
 * A finding's identity across revisions: its code and rule and where it is, not the value seen
 * there (a figure still stored as text after it changed is the same finding). Findings on the
 * enterprise list are known by their value (the row's code or text) instead of their row: a row
 * added above would otherwise renumber every later finding and list it as both fixed and new.
 */
function findingKey(f: Finding): string {
  const onList = f.sheet === SHEET.enterprises || (f.path ?? '').includes('enterprises');
  const place = onList ? (f.value ?? '') : (f.cell ?? f.path ?? String(f.row ?? ''));
  return [f.code, f.orgUnit ?? '', f.indicator ?? '', f.rule ?? '', place].join('\u0000');
}

function asDiffFinding(f: Finding): DiffFinding {
  const where = [f.sheet, f.cell ?? (f.row === undefined ? undefined : `#${f.row}`), f.path]
    .filter((x) => x !== undefined)
    .join(' ');
  return {
    code: f.code,
    severity: f.severity,
    where,
    orgUnit: f.orgUnit ?? null,
    indicator: f.indicator ?? null,
    message: f.message,
  };
}

/** Findings of `a` gone from `b` (fixed) and findings of `b` not in `a` (new). */
export function findingChanges(
  a: ValidationReport,
  b: ValidationReport,
): { fixed: DiffFinding[]; added: DiffFinding[] } {
  const ka = new Set(a.findings.map(findingKey));
  const kb = new Set(b.findings.map(findingKey));
  return {
    fixed: a.findings.filter((f) => !kb.has(findingKey(f))).map(asDiffFinding),
    added: b.findings.filter((f) => !ka.has(findingKey(f))).map(asDiffFinding),
  };
}

const side = (r: ReceivedRevision): DiffSide => ({
  revision: r.revision,
  sha256: r.sha256,
  fileName: r.fileName,
  receivedAt: r.receivedAt,
});

/**
 * What changed from revision `from` to revision `to` of a city's submission for a period (default:
 * the latest accepted against the one accepted before it), read from the reports stored at intake.
 */
export function diffRevisions(
  catalogue: Catalogue,
  h: CellHistory,
  reports: ReadonlyMap<string, ValidationReport>,
  options: { readonly from?: number; readonly to?: number } = {},
): ({ ok: true } & RevisionDiff) | DiffRefusal {
  const pair = diffPair(h, options.from, options.to);
  if (!pair.ok) return pair;
  const a = reports.get(pair.from.sha256);
  const b = reports.get(pair.to.sha256);
  if (!a || !b)
    return {
      ok: false,
      code: 'QUALITY_NO_REPORT',
      message: {
        zh: `台账中缺少第 ${a ? pair.to.revision : pair.from.revision} 版的校验报告`,
        en: `The ledger holds no stored report for revision ${a ? pair.to.revision : pair.from.revision}`,
      },
    };
  const values = valueChanges(catalogue, h.city, h.period, a, b);
  const list = listChanges(a, b);
  const found = findingChanges(a, b);
  return {
    ok: true,
    city: h.city,
    period: h.period,
    from: side(pair.from),
    to: side(pair.to),
    values,
    enterprisesAdded: list.added,
    enterprisesRemoved: list.removed,
    findingsFixed: found.fixed,
    findingsNew: found.added,
    changes: values.length + list.added.length + list.removed.length,
  };
}
