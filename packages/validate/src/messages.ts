import { type Finding, finding, type LocalizedText, type Severity } from '@sunan/schema';
import type { Location } from './parsed-file.js';

/** Builds a finding located at a cell, row or path. */
export function at(
  code: string,
  severity: Severity,
  loc: Location | undefined,
  message: LocalizedText,
  details: Omit<Finding, 'code' | 'severity' | 'message' | 'sheet' | 'cell' | 'row' | 'path'> = {},
): Finding {
  return finding(code, severity, message, { ...loc, ...details });
}
