// Writes the files generated from the catalogue data: the submission JSON Schema, CATALOGUE.md and
// the pre-checked built-in catalogue (data/sunan-catalogue.checked.json, what `sunanCatalogue()`
// returns). Run after a build: `pnpm --filter @sunan/schema generate`. A test fails when they drift.
import { writeFileSync } from 'node:fs';
import {
  catalogueMarkdown,
  checkCatalogue,
  submissionJsonSchema,
  sunanCatalogueDocument,
} from '../dist/index.js';

const here = new URL('../', import.meta.url);
const checked = checkCatalogue(sunanCatalogueDocument());
if (!checked.ok)
  throw new Error(`built-in catalogue is invalid: ${JSON.stringify(checked.problems, null, 2)}`);
writeFileSync(
  new URL('submission.schema.json', here),
  `${JSON.stringify(submissionJsonSchema(), null, 2)}\n`,
);
writeFileSync(
  new URL('data/sunan-catalogue.checked.json', here),
  `${JSON.stringify(checked.catalogue, null, 2)}\n`,
);
writeFileSync(new URL('CATALOGUE.md', here), catalogueMarkdown(checked.catalogue));
console.log('wrote submission.schema.json, data/sunan-catalogue.checked.json and CATALOGUE.md');
