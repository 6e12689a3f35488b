import { parse } from 'csv-parse/sync';

/** The parts of a Table Schema this reader checks. */
export interface SchemaLike {
  fields: Array<{
    name: string;
    type: string;
    constraints?: { required?: boolean; enum?: string[]; pattern?: string; minimum?: number };
  }>;
  primaryKey?: string[];
  foreignKeys?: Array<{ fields: string[]; reference: { resource?: string; fields: string[] } }>;
  missingValues?: string[];
}

const TYPES: Record<string, RegExp> = {
  string: /^[\s\S]*$/,
  number: /^-?\d+(\.\d+)?$/,
  integer: /^-?\d+$/,
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
};

/** A table read against its schema: rows as records, and every way it breaks the schema. */
export function readTable(
  text: string,
  schema: SchemaLike,
): { rows: Record<string, string>[]; problems: string[] } {
  const [header = [], ...body] = parse(text) as string[][];
  const problems: string[] = [];
  const names = schema.fields.map((f) => f.name);
  if (header.join(',') !== names.join(',')) problems.push(`header ${header.join(',')} ≠ ${names.join(',')}`);
  const missing = new Set(schema.missingValues ?? ['']);
  const rows = body.map((cells) => Object.fromEntries(names.map((n, i) => [n, cells[i] ?? ''])));
  rows.forEach((row, r) => {
    for (const f of schema.fields) {
      const v = row[f.name] ?? '';
      const where = `row ${r + 2} ${f.name}=${JSON.stringify(v)}`;
      if (missing.has(v)) {
        if (f.constraints?.required) problems.push(`${where}: required`);
        continue;
      }
      const type = TYPES[f.type];
      if (!type) problems.push(`${where}: type ${f.type} unknown to the reader`);
      else if (!type.test(v)) problems.push(`${where}: not a ${f.type}`);
      if (f.constraints?.enum && !f.constraints.enum.includes(v)) problems.push(`${where}: not in enum`);
      if (f.constraints?.pattern && !new RegExp(`^(?:${f.constraints.pattern})$`).test(v))
        problems.push(`${where}: pattern`);
      if (f.constraints?.minimum !== undefined && Number(v) < f.constraints.minimum)
        problems.push(`${where}: minimum`);
    }
  });
  if (schema.primaryKey) {
    const seen = new Set<string>();
    for (const row of rows) {
      const key = schema.primaryKey.map((k) => row[k]).join('\u0000');
      if (seen.has(key)) problems.push(`primary key repeated: ${key}`);
      seen.add(key);
    }
  }
  return { rows, problems };
}

/** Foreign keys of `rows` that do not resolve in the target table (`self` for a key with no resource). */
export function unresolved(
  rows: readonly Record<string, string>[],
  schema: SchemaLike,
  tables: Readonly<Record<string, readonly Record<string, string>[]>>,
  self: string,
): string[] {
  const out: string[] = [];
  for (const fk of schema.foreignKeys ?? []) {
    const target = tables[fk.reference.resource ?? self] ?? [];
    const keys = new Set(target.map((t) => fk.reference.fields.map((f) => t[f]).join('\u0000')));
    for (const row of rows) {
      const values = fk.fields.map((f) => row[f] ?? '');
      // A key with an empty part is a missing value, not a reference.
      if (values.some((v) => v === '')) continue;
      if (!keys.has(values.join('\u0000'))) out.push(`${fk.fields.join('+')}=${values.join('+')}`);
    }
  }
  return out;
}
