import { annotate, createTemplate, findingsWorkbook } from '@sunan/report';
import { sunanCatalogue } from '@sunan/schema';
import { SHEET, type ValidationReport, validateSubmission } from '@sunan/validate';
import * as XLSX from 'xlsx';
import type { FileBytes, Grid, Outcome, Reply, Request } from './protocol.js';

/**
 * The page's worker: everything that reads or writes a workbook runs here, so a 13,000-row list
 * never freezes the page. It keeps the last validated file to make its annotated copy on request.
 */

/** The worker's global scope, typed for what is used (the DOM lib types `self` as a Window). */
const scope = self as unknown as {
  postMessage(message: Reply, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<Request>) => void) | null;
};

let last: { file: FileBytes; report: ValidationReport } | undefined;

function post(reply: Reply, transfer: Transferable[] = []): void {
  scope.postMessage(reply, transfer);
}

/** The 指标 sheet as displayed text, or null for inputs without one (CSV, JSON). */
function gridOf(bytes: Uint8Array, format: string | undefined): Grid | null {
  if (format === 'csv' || format === 'json' || format === undefined) return null;
  try {
    const wb = XLSX.read(bytes, { type: 'array', sheets: [SHEET.values], cellStyles: false, dense: true });
    const ws = wb.Sheets[SHEET.values];
    if (!ws) return null;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, {
      header: 1,
      raw: false,
      defval: '',
      blankrows: true,
    });
    return { sheet: SHEET.values, rows: rows.map((r) => r.map((v) => String(v ?? ''))) };
  } catch {
    return null;
  }
}

function outcomeOf(report: ValidationReport, grid: Grid | null): Outcome {
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
    grid,
  };
}

function baseName(name: string): string {
  return name.replace(/\.[^.]*$/, '');
}

async function handle(req: Request): Promise<void> {
  switch (req.kind) {
    case 'template': {
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
      return;
    }
    case 'validate': {
      post({ kind: 'progress', stage: 'reading' });
      // Let the progress message out before the synchronous check starts.
      await new Promise((r) => setTimeout(r, 0));
      post({ kind: 'progress', stage: 'checking' });
      const report = validateSubmission(req.file.bytes, {
        fileName: req.file.name,
        previous: req.previous?.bytes,
      });
      last = { file: req.file, report };
      post({ kind: 'validated', outcome: outcomeOf(report, null) });
      post({ kind: 'progress', stage: 'grid' });
      await new Promise((r) => setTimeout(r, 0));
      const grid = gridOf(req.file.bytes, report.format);
      post({ kind: 'progress', stage: 'done' });
      post({ kind: 'grid', grid });
      return;
    }
    case 'annotated': {
      if (!last) return;
      const bytes = await annotate(last.file.bytes, last.report);
      post({ kind: 'file', purpose: 'annotated', name: `${baseName(last.file.name)}.校验结果.xlsx`, bytes }, [
        bytes.buffer,
      ]);
      return;
    }
    case 'findings-workbook': {
      if (!last) return;
      const bytes = await findingsWorkbook(last.report.findings);
      post(
        {
          kind: 'file',
          purpose: 'findings-workbook',
          name: `${baseName(last.file.name)}.问题清单.xlsx`,
          bytes,
        },
        [bytes.buffer],
      );
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

const cities = sunanCatalogue()
  .orgUnits.filter((u) => u.level === 'city')
  .map((u) => ({ code: u.code, zh: u.name.zh, en: u.name.en }));
post({ kind: 'ready', cities });
