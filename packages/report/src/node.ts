/**
 * Node-only entry point (`@sunan/report/node`): writing templates and annotated copies to disk.
 */
import { writeFile } from 'node:fs/promises';
import type { ValidationReport } from '@sunan/validate';
import { readInput } from '@sunan/validate/node';
import { annotate } from './annotate.js';
import { createTemplate, type TemplateOptions, type TemplateResult } from './create-template.js';

/** Writes the annotated copy of a validated file to `outPath` (never over the input). */
export async function writeAnnotated(
  inputPath: string,
  report: ValidationReport,
  outPath: string,
): Promise<void> {
  const input = await readInput(inputPath);
  const bytes = 'bytes' in input ? input.bytes : new Uint8Array();
  await writeFile(outPath, await annotate(bytes, report));
}

/** Creates a template and writes it to `outPath`. */
export async function writeTemplate(options: TemplateOptions, outPath: string): Promise<TemplateResult> {
  const result = await createTemplate(options);
  if (result.ok) await writeFile(outPath, result.bytes);
  return result;
}
