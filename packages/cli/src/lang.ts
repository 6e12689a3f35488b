import type { LocalizedText } from '@sunan/schema';
import { UsageError } from './io.js';

/** Language of the CLI's text. */
export type Lang = 'zh' | 'en';

/** Reads --lang (default Chinese: the offices read it). */
export function langOf(value: string | undefined): Lang {
  if (value === undefined || value === 'zh') return 'zh';
  if (value === 'en') return 'en';
  throw new UsageError(`--lang 只能是 zh 或 en，而不是 ${value}`, `--lang must be zh or en, not ${value}`);
}

/** Picks the text in the language. */
export function t(text: LocalizedText, lang: Lang): string {
  return lang === 'zh' ? text.zh : text.en;
}

/** Reads --format (text by default; json prints machine-readable results). */
export function formatOf(value: string | undefined): 'text' | 'json' {
  const format = value ?? 'text';
  if (format === 'text' || format === 'json') return format;
  throw new UsageError(
    `--format 只能是 text 或 json，而不是 ${format}`,
    `--format must be text or json, not ${format}`,
  );
}
