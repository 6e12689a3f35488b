import stringWidth from 'string-width';

/** One row of a help table: what to type, then what it does in Chinese and in English. */
export interface HelpRow {
  readonly term: string;
  readonly zh: string;
  readonly en: string;
}

/** A command's help: usage line, description, and its options. */
export interface CommandHelp {
  readonly usage: string;
  readonly zh: string;
  readonly en: string;
  readonly options: readonly HelpRow[];
}

/**
 * Pads to a display width: CJK characters take two terminal columns, so padding by string length
 * (what `padEnd` does) misaligns every row that holds Chinese.
 */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

/** Lays out rows in three aligned columns: term, Chinese, English. */
export function table(rows: readonly HelpRow[]): string {
  const termWidth = Math.max(...rows.map((r) => stringWidth(r.term))) + 2;
  const zhWidth = Math.max(...rows.map((r) => stringWidth(r.zh))) + 2;
  return rows
    .map((r) => `  ${padDisplay(r.term, termWidth)}${padDisplay(r.zh, zhWidth)}${r.en}`.trimEnd())
    .join('\n');
}

/** Renders one command's help. */
export function renderCommandHelp(help: CommandHelp): string {
  return `${help.usage}\n\n${help.zh}\n${help.en}\n\n${table(help.options)}\n`;
}
