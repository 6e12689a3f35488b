// Writes the files generated from the catalogue data: the submission JSON Schema, CATALOGUE.md (with
// the check of its rule set) and
// the pre-checked built-in catalogue (data/sunan-catalogue.checked.json, what `sunanCatalogue()`
// returns). Run after a build: `pnpm --filter @sunan/schema generate`. A test fails when they drift.
import { writeFileSync } from 'node:fs';
import { checkRuleSet, ruleSetMarkdown } from '../dist/check.js';
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
const ruleSet = checkRuleSet(checked.catalogue);
if (!ruleSet.clean)
  throw new Error('the built-in rule set does not check clean: run `sunan catalogue --check`');
writeFileSync(
  new URL('CATALOGUE.md', here),
  `${catalogueMarkdown(checked.catalogue)}\n${ruleSetMarkdown(checked.catalogue, ruleSet)}`,
);
console.log('wrote submission.schema.json, data/sunan-catalogue.checked.json and CATALOGUE.md');
