import type { ValidationReport } from '@sunan/validate';
import { createTemplate, type TemplateResult } from './create-template.js';

/**
 * The one name of the annotated copy, in every place a person meets it (the page, the CLI, the
 * file name), Chinese first.
 */
export const ANNOTATED_COPY = { zh: '标注副本', en: 'annotated copy' } as const;

/** The annotated copy's file name for an input file name: `a.xlsx` → `a.标注副本.xlsx`. */
export function annotatedCopyName(fileName: string): string {
  return `${fileName.replace(/\.[^./\\]*$/, '')}.${ANNOTATED_COPY.zh}.xlsx`;
}

/**
 * The file to send to the centre (报送文件): a fresh template of the report's city and period with
 * the values, notes and enterprise list as read — no shading, notes or 校验结果 sheet of an
 * annotation, whatever the input was (an annotated copy, xls, ods, CSV, JSON). Named as the
 * template is (`320400-常州市-2022.xlsx`). The template's findings instead when the report names no city or
 * period.
 */
export async function submissionFile(report: ValidationReport): Promise<TemplateResult> {
  // Without a city or period the template's own findings say why (unknown city, not a period).
  return createTemplate({ city: report.city ?? '', period: report.period ?? '', fill: report.submission });
}
