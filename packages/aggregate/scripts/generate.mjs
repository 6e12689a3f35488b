// Writes aggregate-result.schema.json from the zod schema. Run: `pnpm --filter @sunan/aggregate generate`.
import { writeFileSync } from 'node:fs';
import { aggregateResultJsonSchema } from '../dist/index.js';

writeFileSync(
  new URL('../aggregate-result.schema.json', import.meta.url),
  `${JSON.stringify(aggregateResultJsonSchema(), null, 2)}\n`,
);
console.log('wrote aggregate-result.schema.json');
