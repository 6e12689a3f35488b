import { optionsOf } from './help.js';
import { UsageError } from './io.js';
import { didYouMean } from './suggest.js';

/** node:util parseArgs reports bad options as errors with an ERR_PARSE_ARGS_* code. */
export function isParseArgsError(e: unknown): e is Error & { code: string } {
  const code = (e as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/**
 * Turns parseArgs' English-only error into a usage error in Chinese and English, with a suggestion
 * for a misspelt option.
 */
export function translateParseArgsError(e: Error & { code: string }, command: string): UsageError {
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const hint = didYouMean(quoted, optionsOf(command));
      return new UsageError(`未知选项 ${quoted}`, `unknown option ${quoted}${hint}`);
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = quoted.split(' ')[0] ?? quoted;
      return /argument missing/.test(e.message)
        ? new UsageError(`选项 ${option} 需要一个值`, `option ${option} needs a value`)
        : new UsageError(`选项 ${option} 不带值`, `option ${option} takes no value`);
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(
        `多余的参数 ${quoted}：该命令不接受文件或其他参数`,
        `unexpected argument ${quoted}: this command takes no positional arguments`,
      );
    default:
      return new UsageError(`参数有误：${e.message}`, e.message);
  }
}
