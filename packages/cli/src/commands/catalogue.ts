import { parseArgs } from 'node:util';
import { catalogueMarkdown, submissionJsonSchema, sunanCatalogue } from '@sunan/schema';
import { HELP } from '../help.js';
import { EXIT, type Io, UsageError } from '../io.js';

/** `sunan catalogue`: the indicator catalogue, or the submission JSON Schema. */
export async function catalogueCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      format: { type: 'string' },
      'json-schema': { type: 'boolean' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(HELP.catalogue ?? '');
    return EXIT.ok;
  }
  if (values['json-schema']) {
    io.stdout.write(`${JSON.stringify(submissionJsonSchema(), null, 2)}\n`);
    return EXIT.ok;
  }
  const format = values.format ?? 'md';
  if (format === 'md') io.stdout.write(catalogueMarkdown(sunanCatalogue()));
  else if (format === 'json') io.stdout.write(`${JSON.stringify(sunanCatalogue(), null, 2)}\n`);
  else
    throw new UsageError(
      `--format 只能是 md 或 json，而不是 ${format}`,
      `--format must be md or json, not ${format}`,
    );
  return EXIT.ok;
}
