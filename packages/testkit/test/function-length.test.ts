import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// A function a newcomer must read in one go stays short: no function in packages/*/src is longer
// than MAX_LINES lines, counted from its first to its last line by the TypeScript compiler's own
// parse (declarations, methods, arrows, function expressions, accessors and constructors alike).
const MAX_LINES = 60;
const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Functions still longer than MAX_LINES, each being split by its own piece of work. This list must
 * become empty: a function leaves it when it is split (the test fails while a function listed here
 * is no longer long, so the list only shrinks), and nothing is ever added to it.
 */
const STILL_LONG: ReadonlySet<string> = new Set([
  'packages/cli/src/commands/aggregate.ts: aggregateCommand',
  'packages/cli/src/commands/index-command.ts: indexCommand',
  'packages/cli/src/commands/validate.ts: validateCommand',
  'packages/ledger/src/archive.ts: importLedger',
  'packages/ledger/src/ledger.ts: Ledger.intake',
  'packages/report/src/create-template.ts: createTemplate',
  'packages/validate/src/checks/check-enterprises.ts: checkEnterprises',
  'packages/validate/src/checks/localise.ts: localiseErrors',
  'packages/validate/src/checks/magnitude.ts: checkMagnitude',
  'packages/validate/src/read/parse-input.ts: parseInput',
  'packages/validate/src/read/read-json.ts: parsedFromJson',
]);

/** A function longer than the limit: where it is, what it is called, how many lines it spans. */
interface LongFunction {
  readonly file: string;
  readonly name: string;
  readonly lines: number;
}

type FunctionNode =
  | ts.FunctionDeclaration
  | ts.MethodDeclaration
  | ts.ArrowFunction
  | ts.FunctionExpression
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

function isFunction(n: ts.Node): n is FunctionNode {
  return (
    ts.isFunctionDeclaration(n) ||
    ts.isMethodDeclaration(n) ||
    ts.isArrowFunction(n) ||
    ts.isFunctionExpression(n) ||
    ts.isConstructorDeclaration(n) ||
    ts.isGetAccessorDeclaration(n) ||
    ts.isSetAccessorDeclaration(n)
  );
}

/** A function's own name, or the name it is bound to (`const f = () => …`, `{ f: () => … }`). */
function ownName(n: FunctionNode, sf: ts.SourceFile): string | undefined {
  if (ts.isConstructorDeclaration(n)) return 'constructor';
  if (n.name) return n.name.getText(sf);
  const p = n.parent;
  if ((ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && p.name)
    return p.name.getText(sf);
  return undefined;
}

/**
 * Every function of a source text longer than `max` lines, named by its class (`Ledger.intake`) or,
 * when anonymous, by the function it is in (`anonymous in intake`), so the names survive edits
 * elsewhere in the file.
 */
function longFunctions(file: string, text: string, max = MAX_LINES): LongFunction[] {
  // By the file's own kind: a generic arrow `<T>(x: T) => …` reads as JSX in a .tsx parse.
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const out: LongFunction[] = [];
  const visit = (n: ts.Node, enclosing: string | undefined, cls: string | undefined): void => {
    let inside = enclosing;
    let inClass = cls;
    if (ts.isClassLike(n)) inClass = n.name?.getText(sf) ?? 'class';
    if (isFunction(n)) {
      const own = ownName(n, sf);
      const member = ts.isClassLike(n.parent) && inClass !== undefined && own !== undefined;
      const name = member ? `${inClass}.${own}` : (own ?? `anonymous in ${enclosing ?? 'module'}`);
      const first = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(n.getEnd()).line;
      if (last - first + 1 > max) out.push({ file, name, lines: last - first + 1 });
      inside = own === undefined ? enclosing : name;
    }
    ts.forEachChild(n, (c) => visit(c, inside, inClass));
  };
  visit(sf, undefined, undefined);
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sources(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

function projectSources(): string[] {
  return readdirSync(join(root, 'packages')).flatMap((pkg) => {
    const src = join(root, 'packages', pkg, 'src');
    try {
      return statSync(src).isDirectory() ? sources(src) : [];
    } catch {
      return [];
    }
  });
}

const key = (f: LongFunction) => `${f.file}: ${f.name}`;

/** A function of `body` lines between its opening and closing line. */
const synthetic = (body: number) =>
  `export function made(x: number): number {\n${'  x += 1;\n'.repeat(body)}  return x;\n}\n`;

describe(`no function in packages/*/src is longer than ${MAX_LINES} lines`, () => {
  const found = projectSources().flatMap((p) =>
    longFunctions(relative(root, p).split('\\').join('/'), readFileSync(p, 'utf8')),
  );

  it('can fail: a 61-line function is found, named and measured; a 60-line one is not', () => {
    // 1 opening line + body + `return` + closing brace.
    expect(longFunctions('made.ts', synthetic(MAX_LINES - 2))).toEqual([
      { file: 'made.ts', name: 'made', lines: MAX_LINES + 1 },
    ]);
    expect(longFunctions('made.ts', synthetic(MAX_LINES - 3))).toEqual([]);
    const wrapped = `class Box {\n  get value() {\n${'    void 0;\n'.repeat(MAX_LINES)}    return 1;\n  }\n}\nexport const run = () => [1].map((n) => {\n${'  void n;\n'.repeat(MAX_LINES)}});\n`;
    expect(longFunctions('made.ts', wrapped).map((f) => f.name)).toEqual([
      'Box.value',
      'run',
      'anonymous in run',
    ]);
  });

  it('finds the project sources', () => {
    expect(projectSources().length).toBeGreaterThan(100);
  });

  it('has no long function that is not listed as being split', () => {
    const unlisted = found.filter((f) => !STILL_LONG.has(key(f)));
    expect(unlisted.map((f) => `${key(f)} (${f.lines} lines)`)).toEqual([]);
  });

  it('lists only functions that are still long (split ones leave the list)', () => {
    const long = new Set(found.map(key));
    expect([...STILL_LONG].filter((k) => !long.has(k))).toEqual([]);
  });
});
