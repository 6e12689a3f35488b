import { HELP } from './help.js';
import { colours, EXIT, type Io, UsageError } from './io.js';
import { isParseArgsError, translateParseArgsError } from './parse-args-error.js';
import { didYouMean } from './suggest.js';
import { VERSION } from './version.js';

type Handler = (args: string[], io: Io) => Promise<number>;

/**
 * Each command's module, loaded only when that command runs: `sunan --help` must not pay for
 * SheetJS, ExcelJS or the catalogue check.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Handler>>> = {
  template: async () => (await import('./commands/template.js')).templateCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  aggregate: async () => (await import('./commands/aggregate.js')).aggregateCommand,
  catalogue: async () => (await import('./commands/catalogue.js')).catalogueCommand,
  index: async () => (await import('./commands/index-command.js')).indexCommand,
  export: async () => (await import('./commands/export.js')).exportCommand,
  web: async () => (await import('./commands/web.js')).webCommand,
  intake: async () => (await import('./commands/intake.js')).intakeCommand,
  status: async () => (await import('./commands/status.js')).statusCommand,
  accept: async () => (await import('./commands/decide.js')).decisionCommand('accept'),
  reject: async () => (await import('./commands/decide.js')).decisionCommand('reject'),
  approve: async () => (await import('./commands/decide.js')).decisionCommand('approve'),
  lock: async () => (await import('./commands/decide.js')).decisionCommand('lock'),
  unlock: async () => (await import('./commands/decide.js')).decisionCommand('unlock'),
  unapprove: async () => (await import('./commands/decide.js')).decisionCommand('unapprove'),
  ledger: async () => (await import('./commands/ledger-command.js')).ledgerCommand,
  quality: async () => (await import('./commands/quality.js')).qualityCommand,
  show: async () => (await import('./commands/show.js')).showCommand,
};

/** `sunan`, `sunan --help`, `sunan help [command]`: help text, or undefined for other arguments. */
function helpFor(argv: readonly string[]): { text: string; code: number } | undefined {
  const [command, topic] = argv;
  if (command === undefined) return { text: HELP.main ?? '', code: EXIT.usage };
  if (command === '--help' || command === '-h') return { text: HELP.main ?? '', code: EXIT.ok };
  if (command !== 'help') return undefined;
  if (topic === undefined) return { text: HELP.main ?? '', code: EXIT.ok };
  const text = HELP[topic];
  return text === undefined ? undefined : { text, code: EXIT.ok };
}

/** Writes a usage error, Chinese first, and returns exit code 2. */
function usage(io: Io, e: UsageError, command: string | undefined): number {
  const c = colours(io, io.stderr);
  const more = command === undefined ? 'sunan --help' : `sunan ${command} --help`;
  io.stderr.write(`${c.red('错误')}: ${e.zh}\n${c.red('error')}: ${e.en}\n${c.dim(more)}\n`);
  return EXIT.usage;
}

/** Resolves the command's handler, or a usage error with a suggestion for a misspelt name. */
async function handlerOf(name: string): Promise<Handler> {
  const load = COMMANDS[name];
  if (load) return load();
  const known = [...Object.keys(COMMANDS), 'help'];
  throw new UsageError(`未知命令 ${name}`, `unknown command ${name}${didYouMean(name, known)}`);
}

/**
 * Runs the `sunan` command with its arguments and returns the exit code: 0 no errors (warnings
 * allowed), 1 error findings, 2 bad usage or unreadable input. Results go to stdout, errors to stderr.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const help = helpFor(argv);
  if (help) {
    io.stdout.write(help.text);
    return help.code;
  }
  const [command = '', ...rest] = argv;
  if (command === '--version' || command === '-v') {
    io.stdout.write(`sunan ${VERSION}\n`);
    return EXIT.ok;
  }
  // `sunan help nothere` is a misspelt command too.
  const name = command === 'help' ? (rest[0] ?? '') : command;
  try {
    const handler = await handlerOf(name);
    return await handler(rest, io);
  } catch (e) {
    if (e instanceof UsageError) return usage(io, e, COMMANDS[name] ? name : undefined);
    if (isParseArgsError(e)) return usage(io, translateParseArgsError(e, name), name);
    throw e;
  }
}
