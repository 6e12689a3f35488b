/**
 * RFC 4180 fields and records, as SDMX-CSV and Table Schema readers expect: a field is quoted when
 * it holds the separator, a double quote or a line break, and a quote inside is doubled. Spaces are
 * part of a field (RFC 4180 §2.4) and are left as they are.
 */

/** One field, quoted when it must be. */
export function csvField(text: string, separator = ','): string {
  const needsQuotes = text.includes(separator) || /["\r\n]/.test(text);
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record: the fields joined by the separator, with no line ending. */
export function csvRecord(fields: readonly string[], separator = ','): string {
  return fields.map((f) => csvField(f, separator)).join(separator);
}

/**
 * A whole file: the header, then the rows, each record ended by CRLF (RFC 4180 §2.1), in UTF-8
 * without a byte-order mark.
 */
export function csvText(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  separator = ',',
): string {
  return [header, ...rows].map((r) => `${csvRecord(r, separator)}\r\n`).join('');
}
