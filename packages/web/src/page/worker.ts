import { annotate, annotatedCopyName, createTemplate, findingsWorkbook, submissionFile } from '@sunan/report';
import { sunanCatalogue } from '@sunan/schema';
import { FINDING_CODES, SHEET, type ValidationReport, validateSubmission } from '@sunan/validate';
import * as XLSX from 'xlsx';
import type { FileBytes, Grid, Names, Outcome, Reply, Request } from './protocol.js';

/**
 * The page's worker: everything that reads or writes a workbook runs here, so a 13,000-row list
 * never freezes the page. It keeps the last validated file to make its annotated copy and the file
 * to send on request.
 */

/** The worker's global scope, typed for what is used (the DOM lib types `self` as a Window). */
const scope = self as unknown as {
  postMessage(message: Reply, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<Request>) => void) | null;
};

let last: { file: FileBytes; report: ValidationReport } | undefined;

/** How many first rows of a long sheet the preview shows (rows with findings are shown as well). */
const PREVIEW_ROWS = 300;
/** At most this many rows with findings beyond the first ones, so a long sheet stays drawable. */
const PREVIEW_FINDING_ROWS = 700;

function post(reply: Reply, transfer: Transferable[] = []): void {
  scope.postMessage(reply, transfer);
}

/** The 1-based rows of a sheet that carry findings. */
function rowsWithFindings(report: ValidationReport, sheet: string): Set<number> {
  const rows = new Set<number>();
  for (const f of report.findings) {
    const m = f.sheet === sheet && f.cell ? /(\d+)$/.exec(f.cell) : null;
    if (m) rows.add(Number(m[1]));
  }
  return rows;
}

/** One sheet as displayed text: all of a short sheet, the first rows and the marked rows of a long one. */
function sheetGrid(wb: XLSX.WorkBook, sheet: string, marked: Set<number>): Grid | null {
  const ws = wb.Sheets[sheet];
  if (!ws?.['!ref']) return null;
  const start = XLSX.utils.decode_range(ws['!ref']).s.r;
  const all = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: false, defval: '', blankrows: true });
  // Leading empty rows are not in the range: pad so entry i is sheet row i + 1.
  const rows: string[][] = Array.from({ length: start }, () => []);
  for (const r of all) rows.push(r.map((v) => String(v ?? '')));
  const extra = [...marked].filter((n) => n > PREVIEW_ROWS).sort((a, b) => a - b);
  const keep = (n: number) => n <= PREVIEW_ROWS || extra.indexOf(n) < PREVIEW_FINDING_ROWS;
  const shownNumbers: number[] = [];
  const shown: string[][] = [];
  rows.forEach((r, i) => {
    if (i + 1 <= PREVIEW_ROWS || (marked.has(i + 1) && keep(i + 1))) {
      shown.push(r);
      shownNumbers.push(i + 1);
    }
  });
  return { sheet, rows: shown, rowNumbers: shownNumbers, omitted: rows.length - shown.length };
}

/** The 指标 sheet and the enterprise list as displayed text; none for inputs without sheets (CSV, JSON). */
function gridsOf(bytes: Uint8Array, report: ValidationReport): Grid[] {
  if (report.format === 'csv' || report.format === 'json' || report.format === undefined) return [];
  try {
    const values = XLSX.read(bytes, { type: 'array', sheets: [SHEET.values], dense: true });
    // The list's preview is its first rows: SheetJS stops there instead of reading 100,000 rows.
    const list = XLSX.read(bytes, {
      type: 'array',
      sheets: [SHEET.enterprises],
      dense: true,
      sheetRows: PREVIEW_ROWS,
    });
    const grids = [
      sheetGrid(values, SHEET.values, rowsWithFindings(report, SHEET.values)),
      sheetGrid(list, SHEET.enterprises, new Set()),
    ].flatMap((g) => g ?? []);
    return grids.map((g) =>
      g.sheet === SHEET.enterprises
        ? { ...g, omitted: Math.max(0, report.stats.enterpriseRows + 1 - g.rows.length) }
        : g,
    );
  } catch {
    return [];
  }
}

function outcomeOf(report: ValidationReport): Outcome {
  return {
    ok: report.ok,
    file: report.file ?? null,
    city: report.city ?? null,
    period: report.period ?? null,
    format: report.format ?? null,
    stats: {
      errors: report.stats.errors,
      warnings: report.stats.warnings,
      infos: report.stats.infos,
      values: report.stats.values,
      enterprises: report.stats.enterprises,
    },
    findings: report.findings,
    grids: [],
  };
}

/** Lets a progress message out before synchronous work starts. */
const yieldToPage = () => new Promise((r) => setTimeout(r, 0));

async function validate(req: Extract<Request, { kind: 'validate' }>): Promise<void> {
  const { run } = req;
  post({ kind: 'progress', run, stage: 'reading' });
  await yieldToPage();
  post({ kind: 'progress', run, stage: 'checking' });
  const report = validateSubmission(req.file.bytes, {
    fileName: req.file.name,
    previous: req.previous?.bytes,
    // What the clerk chose in step 1: the file must be this city's and this period's; a CSV or
    // JSON without a period takes it from there.
    expectCity: req.city || undefined,
    expectPeriod: req.period || undefined,
    defaultPeriod: req.period || undefined,
  });
  last = { file: req.file, report };
  post({ kind: 'validated', run, outcome: outcomeOf(report) });
  post({ kind: 'progress', run, stage: 'grid' });
  await yieldToPage();
  const grids = gridsOf(req.file.bytes, report);
  post({ kind: 'progress', run, stage: 'done' });
  post({ kind: 'grid', run, grids });
}

async function template(req: Extract<Request, { kind: 'template' }>): Promise<void> {
  const t = await createTemplate({ city: req.city, period: req.period });
  if (!t.ok) {
    post({
      kind: 'failed',
      purpose: 'template',
      zh: t.findings.map((f) => f.message.zh).join('；'),
      en: t.findings.map((f) => f.message.en).join('; '),
    });
    return;
  }
  post({ kind: 'file', purpose: 'template', name: t.fileName, bytes: t.bytes }, [t.bytes.buffer]);
}

async function submission(): Promise<void> {
  // Never a file to send for a file with errors: the page offers none, and the worker agrees.
  if (!last?.report.ok) return;
  const t = await submissionFile(last.report);
  if (!t.ok) {
    post({
      kind: 'failed',
      purpose: 'submission',
      zh: t.findings.map((f) => f.message.zh).join('；'),
      en: t.findings.map((f) => f.message.en).join('; '),
    });
    return;
  }
  post({ kind: 'file', purpose: 'submission', name: t.fileName, bytes: t.bytes }, [t.bytes.buffer]);
}

async function handle(req: Request): Promise<void> {
  switch (req.kind) {
    case 'template':
      return template(req);
    case 'validate':
      return validate(req);
    case 'submission':
      return submission();
    case 'annotated': {
      if (!last) return;
      const bytes = await annotate(last.file.bytes, last.report);
      post({ kind: 'file', purpose: 'annotated', name: annotatedCopyName(last.file.name), bytes }, [
        bytes.buffer,
      ]);
      return;
    }
    case 'findings-workbook': {
      if (!last) return;
      const bytes = await findingsWorkbook(last.report.findings);
      const name = `${last.file.name.replace(/\.[^.]*$/, '')}.问题清单.xlsx`;
      post({ kind: 'file', purpose: 'findings-workbook', name, bytes }, [bytes.buffer]);
      return;
    }
    default: {
      const never: never = req;
      throw new Error(`unknown request ${JSON.stringify(never)}`);
    }
  }
}

scope.onmessage = (e: MessageEvent<Request>) => {
  handle(e.data).catch((err: unknown) => {
    // Errors are values: the page shows what went wrong instead of waiting forever.
    const text = err instanceof Error ? err.message : String(err);
    post({ kind: 'failed', purpose: e.data.kind, zh: `处理失败：${text}`, en: `Failed: ${text}` });
  });
};

const catalogue = sunanCatalogue();
const cities = catalogue.orgUnits
  .filter((u) => u.level === 'city')
  .map((u) => ({ code: u.code, zh: u.name.zh, en: u.name.en }));
const names: Names = {
  indicators: Object.fromEntries(catalogue.indicators.map((i) => [i.code, { zh: i.name.zh, en: i.name.en }])),
  codes: Object.fromEntries(Object.entries(FINDING_CODES).map(([c, d]) => [c, { zh: d.zh, en: d.en }])),
};
post({ kind: 'ready', cities, names });
