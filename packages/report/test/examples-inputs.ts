/** The bundled SYNTHETIC examples read exactly as `sunan aggregate` reads them, for the report tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fingerprint, readControls, type SubmissionInput } from '@sunan/aggregate';
import { sunanCatalogue } from '@sunan/schema';
import { validateFile } from '@sunan/validate/node';

export const data = new URL('../../../examples/data/', import.meta.url);
const catalogue = sunanCatalogue();

/** Every example file of one year, validated, with its SHA-256. */
export async function inputs(year: string): Promise<SubmissionInput[]> {
  const dir = new URL(`${year}/`, data);
  const list: SubmissionInput[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = fileURLToPath(new URL(name, dir));
    list.push({
      report: await validateFile(path),
      file: name,
      sha256: await fingerprint(new Uint8Array(readFileSync(path))),
    });
  }
  return list;
}

/** The control totals of an example CSV. */
export const csv = (name: string) =>
  readControls(new Uint8Array(readFileSync(new URL(name, data))), catalogue, name).controls;
