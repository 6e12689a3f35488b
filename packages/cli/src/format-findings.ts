import type { Finding, Severity } from '@sunan/schema';
import type { ValidationReport } from '@sunan/validate';
import type pc from 'picocolors';
import { type Lang, t } from './lang.js';
import { safeLine } from './terminal-text.js';

type Colors = ReturnType<typeof pc.createColors>;

const SEVERITY: Record<Severity, { zh: string; en: string }> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
};

function paint(c: Colors, s: Severity, text: string): string {
  return s === 'error' ? c.red(text) : s === 'warning' ? c.yellow(text) : c.cyan(text);
}

/** One finding as a line: location, severity, code, indicator, message, what was seen and expected. */
export function findingLine(f: Finding, lang: Lang, c: Colors): string {
  // Everything but the colours may quote the file: each piece is escaped for the terminal.
  const where = safeLine(f.cell ?? f.path ?? (f.row !== undefined ? `row ${f.row}` : ''));
  const seen = f.value !== undefined ? `${lang === 'zh' ? '所见' : 'seen'}: ${safeLine(f.value)}` : '';
  const expected =
    f.expected !== undefined ? `${lang === 'zh' ? '应为' : 'expected'}: ${safeLine(f.expected)}` : '';
  const detail = [seen, expected].filter(Boolean).join('; ');
  return `    ${where.padEnd(8)} ${paint(c, f.severity, t(SEVERITY[f.severity], lang).padEnd(lang === 'zh' ? 2 : 7))} ${c.dim(safeLine(f.code))}${f.indicator ? ` ${safeLine(f.indicator)}` : ''}  ${safeLine(t(f.message, lang))}${detail ? c.dim(`  (${detail})`) : ''}`;
}

/** A file's findings grouped by sheet, with a heading line that says what the file is and how it fared. */
export function formatReport(
  report: ValidationReport,
  lang: Lang,
  c: Colors,
  verbose: boolean,
  cityName: (code: string) => string,
): string {
  const zh = lang === 'zh';
  const s = report.stats;
  const verdict = report.ok ? c.green(zh ? '✓ 通过' : '✓ ok') : c.red(zh ? '✗ 未通过' : '✗ failed');
  const counts = zh
    ? `错误 ${s.errors} · 警告 ${s.warnings} · 提示 ${s.infos}`
    : `${s.errors} errors · ${s.warnings} warnings · ${s.infos} infos`;
  const lines = [
    `${c.bold(`━━ ${safeLine(report.file ?? '')}`)}  ${report.city ? safeLine(`${report.city} ${cityName(report.city)}`) : '?'} ${safeLine(report.period ?? '?')}  ${verdict}  ${counts}`,
  ];
  const shown = report.findings.filter((f) => verbose || f.severity !== 'info');
  const bySheet = new Map<string, Finding[]>();
  for (const f of shown) {
    const key = f.sheet ?? (f.path ? 'JSON' : zh ? '（文件）' : '(file)');
    const list = bySheet.get(key);
    if (list) list.push(f);
    else bySheet.set(key, [f]);
  }
  for (const [sheet, list] of bySheet) {
    lines.push(`  [${safeLine(sheet)}]`);
    for (const f of list) lines.push(findingLine(f, lang, c));
  }
  if (!verbose && s.infos > 0)
    lines.push(
      c.dim(
        zh
          ? `  （另有 ${s.infos} 条提示，用 --verbose 查看）`
          : `  (${s.infos} info findings hidden; --verbose shows them)`,
      ),
    );
  return lines.join('\n');
}
