// Writes the files generated from the catalogue data: the submission JSON Schema and CATALOGUE.md.
// Run after a build: `pnpm --filter @sunan/schema generate`. A test fails when they drift.
import { writeFileSync } from 'node:fs';
import { catalogueMarkdown, submissionJsonSchema, sunanCatalogue } from '../dist/index.js';

const here = new URL('../', import.meta.url);
writeFileSync(
  new URL('submission.schema.json', here),
  `${JSON.stringify(submissionJsonSchema(), null, 2)}\n`,
);
writeFileSync(new URL('CATALOGUE.md', here), catalogueMarkdown(sunanCatalogue()));
console.log('wrote submission.schema.json and CATALOGUE.md');
