import { aggregateCommand } from './commands/aggregate.js';
import { catalogueCommand } from './commands/catalogue.js';
import { decisionCommand } from './commands/decide.js';
import { indexCommand } from './commands/index-command.js';
import { intakeCommand } from './commands/intake.js';
import { ledgerCommand } from './commands/ledger-command.js';
import { statusCommand } from './commands/status.js';
import { templateCommand } from './commands/template.js';
import { validateCommand } from './commands/validate.js';
import { HELP } from './help.js';
import { colours, EXIT, type Io, UsageError } from './io.js';

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  template: templateCommand,
  validate: validateCommand,
  aggregate: aggregateCommand,
  catalogue: catalogueCommand,
  index: indexCommand,
  intake: intakeCommand,
  status: statusCommand,
  accept: decisionCommand('accept'),
  reject: decisionCommand('reject'),
  approve: decisionCommand('approve'),
  lock: decisionCommand('lock'),
  unlock: decisionCommand('unlock'),
  ledger: ledgerCommand,
};

/**
 * Runs the `sunan` command with its arguments and returns the exit code: 0 no errors (warnings
 * allowed), 1 error findings, 2 bad usage or unreadable input. Results go to stdout, errors to stderr.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(HELP.main ?? '');
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  const handler = COMMANDS[command];
  const c = colours(io, io.stderr);
  if (!handler) {
    io.stderr.write(`${c.red('错误 error')}: 未知命令 unknown command “${command}”\n\n${HELP.main ?? ''}`);
    return EXIT.usage;
  }
  try {
    return await handler(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(
        `${c.red('错误')}: ${e.zh}\n${c.red('error')}: ${e.en}\n${c.dim(`sunan ${command} --help`)}\n`,
      );
      return EXIT.usage;
    }
    // node:util parseArgs reports unknown or malformed options as TypeErrors with a code.
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(
        `${c.red('错误 error')}: ${(e as Error).message}\n${c.dim(`sunan ${command} --help`)}\n`,
      );
      return EXIT.usage;
    }
    throw e;
  }
}
