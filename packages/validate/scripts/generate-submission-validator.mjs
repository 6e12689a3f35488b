// Writes src/generated/submission-validator.js, the precompiled JSON Schema check of a submission.
// Run after the schema changes: `pnpm --filter @sunan/validate generate`. A test fails when it drifts.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { submissionValidatorCode } from './submission-validator-code.mjs';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('@sunan/schema/submission.schema.json'), 'utf8'));
const out = new URL('../src/generated/submission-validator.js', import.meta.url);
writeFileSync(out, submissionValidatorCode(schema));
console.log(`wrote ${out.pathname}`);
